import { type Cell, type CellObject, inlineText, type TableBlock } from './document.ts';
import { widestToken } from './font-metrics.ts';

/** Type sizes (points) and horizontal cell padding shared by both renderers, so tables wrap alike. */
export const TABLE_TYPE = {
  normal: { size: 9.5, padding: 4 },
  dense: { size: 7.5, padding: 2 },
} as const;

/**
 * Column widths (points, cell padding included) summing to `available`: the composer's relative
 * weights, except that no column gets narrower than its widest unbreakable token (a number such
 * as "91,50", a short word such as "Mutu"), the room being taken from columns with slack. A
 * pathological token (longer than 40% of the line) may still wrap by characters. `scale` widens
 * the measurement for fonts wider than Roboto (the DOCX uses Arial).
 */
export function tableColumnWidths(b: TableBlock, available: number, scale = 1): number[] {
  const n = b.columns.length;
  if (n === 0) return [];
  const type = b.dense ? TABLE_TYPE.dense : TABLE_TYPE.normal;
  const pad = 2 * type.padding + 1;
  const weights = b.columns.map((c) => (c.width && c.width > 0 ? c.width : 1));
  const min = new Array<number>(n).fill(pad + type.size);
  const measure = (rows: readonly Cell[][], header: boolean) => {
    // Cells covered by row spans are omitted from later rows: track them to find each cell's column.
    const covered = new Map<number, number>();
    for (const row of rows) {
      let col = 0;
      const skip = () => {
        while ((covered.get(col) ?? 0) > 0) col++;
      };
      const nextCovered = new Map<number, number>();
      for (const [c, left] of covered) if (left > 1) nextCovered.set(c, left - 1);
      for (const raw of row) {
        skip();
        const o: CellObject = typeof raw === 'string' ? { content: raw } : raw;
        const span = o.colSpan ?? 1;
        if (o.rowSpan && o.rowSpan > 1) for (let k = 0; k < span; k++) nextCovered.set(col + k, o.rowSpan - 1);
        if (span === 1 && col < n) {
          const bold = o.bold ?? header;
          const w = widestToken(inlineText(o.content), type.size, bold) * scale + pad;
          if (w > (min[col] as number)) min[col] = w;
        }
        col += span;
      }
      covered.clear();
      for (const [k, v] of nextCovered) covered.set(k, v);
    }
  };
  measure(b.header, true);
  measure(b.body, false);
  const cap = available * 0.4;
  for (let i = 0; i < n; i++) min[i] = Math.min(min[i] as number, cap);
  const minSum = min.reduce((a, x) => a + x, 0);
  if (minSum >= available) return min.map((m) => (m / minSum) * available);
  // Fix the columns whose weighted share is below their minimum, then share the rest by weight.
  const fixed = new Set<number>();
  for (;;) {
    const rest = available - [...fixed].reduce((a, i) => a + (min[i] as number), 0);
    const freeWeight = weights.reduce((a, w, i) => (fixed.has(i) ? a : a + w), 0);
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (fixed.has(i)) continue;
      if (((weights[i] as number) / freeWeight) * rest < (min[i] as number)) {
        fixed.add(i);
        changed = true;
      }
    }
    if (!changed) {
      return weights.map((w, i) => (fixed.has(i) ? (min[i] as number) : (w / freeWeight) * rest));
    }
  }
}
