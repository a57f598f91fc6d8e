import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Advance widths of the report font (Roboto, shipped inside pdfmake), read straight from the TrueType
 * tables (cmap format 4 + hmtx): enough to size table columns so that no number or word is split
 * mid-token. Kerning is ignored (it only ever narrows text).
 */
export const ROBOTO_DIR = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
export const ROBOTO_FILES = {
  normal: join(ROBOTO_DIR, 'Roboto-Regular.ttf'),
  bold: join(ROBOTO_DIR, 'Roboto-Medium.ttf'),
  italics: join(ROBOTO_DIR, 'Roboto-Italic.ttf'),
  bolditalics: join(ROBOTO_DIR, 'Roboto-MediumItalic.ttf'),
} as const;

interface Metrics {
  unitsPerEm: number;
  /** Advance width (font units) by code point, BMP only; missing glyphs use `fallback`. */
  advance: Map<number, number>;
  fallback: number;
}

function parse(file: string): Metrics {
  const buf = readFileSync(file);
  const tables = new Map<string, number>();
  const numTables = buf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const at = (tag: string): number => {
    const off = tables.get(tag);
    if (off === undefined) throw new Error(`font ${file} has no ${tag} table`);
    return off;
  };
  const unitsPerEm = buf.readUInt16BE(at('head') + 18);
  const numberOfHMetrics = buf.readUInt16BE(at('hhea') + 34);
  const hmtx = at('hmtx');
  const glyphAdvance = (g: number) => buf.readUInt16BE(hmtx + 4 * Math.min(g, numberOfHMetrics - 1));
  // Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4.
  const cmap = at('cmap');
  let sub = -1;
  for (let i = 0; i < buf.readUInt16BE(cmap + 2); i++) {
    const rec = cmap + 4 + i * 8;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const off = cmap + buf.readUInt32BE(rec + 4);
    if (buf.readUInt16BE(off) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) {
      sub = off;
      break;
    }
  }
  const advance = new Map<number, number>();
  if (sub >= 0) {
    const segX2 = buf.readUInt16BE(sub + 6);
    const ends = sub + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = buf.readUInt16BE(ends + 2 * s);
      const start = buf.readUInt16BE(starts + 2 * s);
      const delta = buf.readInt16BE(deltas + 2 * s);
      const rangeOff = buf.readUInt16BE(ranges + 2 * s);
      if (start === 0xffff) continue;
      // Latin and punctuation are all a table needs; skip the rest of the BMP.
      for (let c = start; c <= Math.min(end, 0x24ff); c++) {
        let g: number;
        if (rangeOff === 0) g = (c + delta) & 0xffff;
        else {
          const p = ranges + 2 * s + rangeOff + 2 * (c - start);
          g = buf.readUInt16BE(p);
          if (g !== 0) g = (g + delta) & 0xffff;
        }
        if (g !== 0) advance.set(c, glyphAdvance(g));
      }
    }
  }
  return { unitsPerEm, advance, fallback: advance.get(0x6e) ?? unitsPerEm / 2 };
}

const cache = new Map<string, Metrics>();
const metrics = (bold: boolean): Metrics => {
  const file = bold ? ROBOTO_FILES.bold : ROBOTO_FILES.normal;
  let m = cache.get(file);
  if (!m) {
    m = parse(file);
    cache.set(file, m);
  }
  return m;
};

/** Width in points of `text` in Roboto at `size` points. */
export function textWidth(text: string, size: number, bold = false): number {
  const m = metrics(bold);
  let units = 0;
  for (const ch of text) units += m.advance.get(ch.codePointAt(0) ?? 0) ?? m.fallback;
  return (units / m.unitsPerEm) * size;
}

/** The widest piece of `text` that a line break cannot split (a word; hyphens and slashes may break). */
export function widestToken(text: string, size: number, bold = false): number {
  let max = 0;
  for (const token of text.split(/\s+|(?<=[-/])/)) if (token) max = Math.max(max, textWidth(token, size, bold));
  return max;
}
