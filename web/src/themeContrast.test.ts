import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { theme } from './theme';
import { accessibleColors, contrast, onFilled } from './themeContrast';

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const resolved = accessibleColors(full);
const vars = {
  light: resolved.light as Record<string, string>,
  dark: resolved.dark as Record<string, string>,
};
const colors = Object.keys(full.colors).filter((name) => name !== 'dark');
const AA = 4.5;

// The colour roles Mantine's components use, as the theme resolves them: each readable where it is drawn.
describe('theme colours (WCAG AA)', () => {
  it.each(colors)(
    '%s: text, light-variant text and filled variant read at 4.5:1 in the light scheme',
    (name) => {
      const light = vars.light;
      const v = (suffix: string) => light[`--mantine-color-${name}-${suffix}`]!;
      for (const bg of [full.white, full.colors.gray[0], full.colors.gray[1]]) {
        expect(contrast(v('text'), bg)).toBeGreaterThanOrEqual(AA);
        expect(contrast(v('light-color'), bg)).toBeGreaterThanOrEqual(AA);
      }
      expect(contrast(v('light-color'), full.colors[name]![1]!)).toBeGreaterThanOrEqual(AA);
      expect(contrast(light[onFilled(name)]!, v('filled'))).toBeGreaterThanOrEqual(AA);
    },
  );

  it.each(colors)('%s: text and filled variant read at 4.5:1 in the dark scheme', (name) => {
    const dark = vars.dark;
    const v = (suffix: string) => dark[`--mantine-color-${name}-${suffix}`]!;
    for (const bg of [full.colors.dark[7], full.colors.dark[6]])
      expect(contrast(v('text'), bg)).toBeGreaterThanOrEqual(AA);
    expect(contrast(dark[onFilled(name)]!, v('filled'))).toBeGreaterThanOrEqual(AA);
  });

  it('dimmed text, links and errors read at 4.5:1 on the page in both schemes', () => {
    for (const key of ['dimmed', 'anchor', 'error', 'placeholder']) {
      expect(contrast(vars.light[`--mantine-color-${key}`]!, full.white)).toBeGreaterThanOrEqual(AA);
      expect(contrast(vars.dark[`--mantine-color-${key}`]!, full.colors.dark[7])).toBeGreaterThanOrEqual(AA);
    }
    // Mantine's own dimmed grey does not (3.3:1): the theme is what fixes it.
    expect(contrast(full.colors.gray[6], full.white)).toBeLessThan(AA);
  });
});
