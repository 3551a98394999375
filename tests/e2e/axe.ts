import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, NodeResult, Result } from 'axe-core';

// axe-core's own bundle, evaluated in the page: no browser extension or Playwright plug-in needed.
const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 level A and AA. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe on the page as it is now and returns the serious and critical WCAG 2.1 AA violations. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  // Evaluated over the DevTools protocol, so the app's Content-Security-Policy (script-src 'self') stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  // axe measures contrast on what is painted: a popover still fading in reads paler than it is.
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    // Only running ones that end (a spinner's loop never does), and never longer than 2 s.
    const ending = document
      .getAnimations()
      .filter(
        (a) =>
          a.playState === 'running' &&
          Number.isFinite(Number(a.effect?.getComputedTiming().endTime ?? Infinity)),
      );
    await Promise.race([
      Promise.all(ending.map((a) => a.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]);
  });
  const results = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<unknown> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      ),
    TAGS,
  )) as AxeResults;
  return results.violations
    .filter((v: Result) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: Result) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ') + contrastOf(n) + markupOf(n)),
    }));
}

/** For contrast failures, the colours axe measured: " (#868e96 on #ffffff, 3.32:1)". */
function contrastOf(node: NodeResult): string {
  const data = node.any[0]?.data as
    { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
  return data?.fgColor && data.bgColor
    ? ` (${data.fgColor} on ${data.bgColor}, ${data.contrastRatio}:1)`
    : '';
}

/** Generated ids (#mantine-x1y2) say nothing: show the start of the element's markup too. */
function markupOf(node: NodeResult): string {
  return /^#mantine-/.test(String(node.target[0])) ? ` ${node.html.replace(/\s+/g, ' ').slice(0, 160)}` : '';
}

/** One line per rule: "color-contrast (serious, 40×): Elements must meet… — td > span, …". */
export function describeViolations(where: string, violations: Violation[]): string {
  if (violations.length === 0) return `${where}: no serious or critical violations`;
  const lines = violations.map((v) => {
    const shown = v.targets.slice(0, 40).join(' | ');
    const more = v.targets.length > 40 ? ` (+${v.targets.length - 40} more)` : '';
    return `  ${v.id} (${v.impact}, ${v.targets.length}×): ${v.help} — ${shown}${more}`;
  });
  return `${where}:\n${lines.join('\n')}`;
}
