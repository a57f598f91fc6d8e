import { createRequire } from 'node:module';

/**
 * pdfmake opens and parses every font file again for each PDF and shapes every word again with
 * fontkit (OpenType GSUB/GPOS), which is most of a report's text cost. A batch renders ~100 reports
 * with the same words, so each font is parsed once per process and its per-word layout cache is
 * shared by every document. Each document still gets its own subset (only the glyphs it uses are
 * embedded), so the bytes of a PDF do not depend on what was rendered before it.
 *
 * Safe because a cached layout run is only read (pdfkit copies glyph and position arrays before
 * adjusting them) and a glyph id is a property of the font file, not of a document.
 */

interface EmbeddedFont {
  font: { createSubset(): unknown };
  subset: unknown;
  layoutCache?: Record<string, unknown>;
}
interface PdfmakeDocument {
  fontCache: Record<string, Record<string, unknown>>;
  getFontType(bold: boolean, italics: boolean): string;
  getFontFile(family: string, bold: boolean, italics: boolean): unknown;
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont;
}

/** Distinct words kept per font before the cache starts afresh (bounds memory across long batches). */
const MAX_WORDS = 50_000;

let installed = false;

export function shareFontsAcrossPdfs(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  let proto: PdfmakeDocument;
  try {
    proto = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: PdfmakeDocument } }).default.prototype;
  } catch {
    return; // another pdfmake layout: render without sharing, as before
  }
  const original = proto.provideFont;
  if (typeof original !== 'function') return;
  const shared = new Map<string, { font: EmbeddedFont['font']; cache: Record<string, unknown> }>();
  proto.provideFont = function provideFont(this: PdfmakeDocument, family, bold, italics) {
    const type = this.getFontType(bold, italics);
    const known = this.fontCache?.[family]?.[type] !== undefined;
    // Shared by file path only: a font given as bytes or as a collection entry is left alone.
    const key = this.getFontFile(family, bold, italics);
    const f = original.call(this, family, bold, italics);
    if (known || typeof key !== 'string' || !f?.font || !f.layoutCache) return f;
    const s = shared.get(key);
    if (!s || s.font.constructor !== f.font.constructor) {
      shared.set(key, { font: f.font, cache: f.layoutCache });
      return f;
    }
    if (Object.keys(s.cache).length > MAX_WORDS) s.cache = f.layoutCache;
    f.font = s.font;
    f.subset = s.font.createSubset();
    f.layoutCache = s.cache;
    return f;
  };
}
