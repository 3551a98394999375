import {
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Mantine's stock shades miss WCAG AA contrast in many pairs (dimmed grey on white 3.3:1, white on the
 * indigo button 4.3:1, teal text 2.6:1, a yellow badge's text 2.7:1). Rather than patch components one
 * by one, every colour role the components use (text, light-variant text, filled background and the text
 * on it, dimmed, error, links) is derived here from the palette, nudged darker or lighter until it reaches
 * 4.5:1 on every background it is drawn on. The hues stay the palette's.
 */
const AA = 4.5; // WCAG 2.1 AA for normal-size text (1.4.3)

type Rgb = [number, number, number];
const parse = (hex: string): Rgb => {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
};
const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
const luminance = (hex: string) => {
  const [r, g, b] = parse(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
export const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};
const mix = (from: string, to: string, amount: number) => {
  const [a, b] = [parse(from), parse(to)];
  return toHex(a.map((c, i) => c + (b[i]! - c) * amount) as Rgb);
};

/** `color`, moved towards black (light scheme) or white (dark scheme) just enough to read on every `bg`. */
export function readable(color: string, backgrounds: string[], towards: '#000000' | '#ffffff'): string {
  for (let step = 0; step <= 50; step += 1) {
    const candidate = mix(color, towards, step / 50);
    if (backgrounds.every((bg) => contrast(candidate, bg) >= AA)) return candidate;
  }
  return towards;
}

/** A filled background and its text: white on the first shade dark enough, else black on the usual shade. */
function filled(shades: MantineColorsTuple, candidates: number[]): { bg: string; fg: string } {
  for (const i of candidates)
    if (contrast(shades[i]!, '#ffffff') >= AA) return { bg: shades[i]!, fg: '#ffffff' };
  return { bg: shades[candidates[0]!]!, fg: '#000000' };
}

/** CSS variables with the text colour on a colour's filled background, and on white. */
export const onFilled = (color: string) => `--bd-${color}-on-filled`;
export const onWhite = (color: string) => `--bd-${color}-on-white`;

/** Filled and white variants use the text colours computed above (Mantine's default is always white). */
export const accessibleVariants: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return colors;
  if (input.variant === 'filled') return { ...colors, color: `var(${onFilled(parsed.color)})` };
  if (input.variant === 'white') return { ...colors, color: `var(${onWhite(parsed.color)})` };
  return colors;
};

export const accessibleColors: CSSVariablesResolver = (theme) => {
  const { gray, dark } = theme.colors;
  const white = theme.white;
  const lightPages = [white, gray[0], gray[1]];
  const darkPages = [dark[7], dark[6], dark[5]];
  const both: Record<string, string> = {};
  const light: Record<string, string> = {};
  const darkVars: Record<string, string> = {};

  for (const [name, shades] of Object.entries(theme.colors)) {
    if (!Array.isArray(shades) || shades.length < 10) continue;
    const v = (suffix: string) => `--mantine-color-${name}-${suffix}`;

    const lightText = readable(shades[6]!, [...lightPages, shades[0]!], '#000000');
    const lightFill = filled(shades, [6, 7, 8, 9]);
    light[v('text')] = lightText;
    light[v('outline')] = lightText;
    light[v('light-color')] = readable(shades[9]!, [shades[1]!, shades[2]!, ...lightPages], '#000000');
    light[v('filled')] = lightFill.bg;
    light[v('filled-hover')] = mix(lightFill.bg, '#000000', 0.12);
    light[onFilled(name)] = lightFill.fg;
    // The "white" variant keeps a white background in both schemes.
    both[onWhite(name)] = lightText;

    const darkText = readable(shades[4]!, darkPages, '#ffffff');
    const darkFill = filled(shades, [8, 9]);
    darkVars[v('text')] = darkText;
    darkVars[v('outline')] = darkText;
    darkVars[v('filled')] = darkFill.bg;
    darkVars[v('filled-hover')] = mix(darkFill.bg, darkFill.fg === '#ffffff' ? '#000000' : '#ffffff', 0.12);
    darkVars[onFilled(name)] = darkFill.fg;
  }

  const primary = theme.primaryColor;
  return {
    variables: both,
    light: {
      ...light,
      // Also on the primary light background: secondary text inside an active tab or selected row.
      '--mantine-color-dimmed': readable(gray[6], [...lightPages, theme.colors[primary]![1]!], '#000000'),
      '--mantine-color-anchor': light[`--mantine-color-${primary}-text`]!,
      '--mantine-color-error': light['--mantine-color-red-text']!,
      '--mantine-color-success': light['--mantine-color-teal-text']!,
      // Mantine's pickers draw the placeholder as text: it must read like any other hint.
      '--mantine-color-placeholder': readable(gray[5], lightPages, '#000000'),
    },
    dark: {
      ...darkVars,
      '--mantine-color-dimmed': readable(dark[2], darkPages, '#ffffff'),
      '--mantine-color-anchor': darkVars[`--mantine-color-${primary}-text`]!,
      '--mantine-color-error': darkVars['--mantine-color-red-text']!,
      '--mantine-color-success': darkVars['--mantine-color-teal-text']!,
      '--mantine-color-placeholder': readable(dark[3], darkPages, '#ffffff'),
    },
  };
};
