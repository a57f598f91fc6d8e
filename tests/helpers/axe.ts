import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * axe-core violations on the current page, as "rule: target" lines (empty = accessible). The public pages are held to
 * every violation; admin pages with `{ seriousOnly: true }` to the serious and critical ones.
 */
export async function axeViolations(page: Page, opts: { seriousOnly?: boolean } = {}): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page as a global
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  });
  return result
    .filter((v) => !opts.seriousOnly || v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}
