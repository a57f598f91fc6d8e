import { beforeAll, describe, expect, it } from 'vitest';
import { pdfSafeSvg } from '../../src/modules/reports/charts/chart-svg.ts';
import { documentText, type ReportDocument } from '../../src/modules/reports/document/document.ts';
import { renderDocumentDocx } from '../../src/modules/reports/document/render-docx.ts';
import { renderDocumentPdf, toPdfDefinition } from '../../src/modules/reports/document/render-pdf.ts';
import { sampleDocument } from '../../src/modules/reports/document/sample-document.ts';
import { tableColumnWidths } from '../../src/modules/reports/document/table-layout.ts';
import {
  describeOffice,
  describePoppler,
  docxToPdf,
  type GrayPage,
  pdfFonts,
  pdfGrayPages,
  pdfImageCount,
  pdfInfo,
  pdfText,
} from '../helpers/office.ts';

const A4 = { w: 595.28, h: 841.89 };
const isA4 = (s: { width: number; height: number }) =>
  (Math.abs(s.width - A4.w) < 1 && Math.abs(s.height - A4.h) < 1) ||
  (Math.abs(s.width - A4.h) < 1 && Math.abs(s.height - A4.w) < 1);

/** Darkest pixel in a vertical strip of the page (255 = blank paper). */
function darkestIn(page: GrayPage, x0: number, x1: number): number {
  let min = 255;
  for (let y = 0; y < page.height; y++)
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(page.width, Math.ceil(x1)); x++)
      min = Math.min(min, page.data[y * page.width + x] as number);
  return min;
}

describe('document layout rules (no tools needed)', () => {
  it('sizes columns from the weights but never below the widest number or word', () => {
    const widths = tableColumnWidths(
      {
        kind: 'table',
        columns: [{ width: 0.1 }, { width: 10 }, { width: 0.1 }],
        header: [['No', 'Jenis Layanan', 'Mutu']],
        body: [['14', 'Pengujian', '91,50']],
      },
      400,
    );
    expect(widths.reduce((a, x) => a + x, 0)).toBeCloseTo(400, 6);
    // "91,50" at 9.5 pt Roboto is ≈ 24 pt; with padding the narrow columns must still hold it.
    expect(widths[2]).toBeGreaterThan(24);
    expect(widths[0]).toBeGreaterThan(10);
    expect(widths[1]).toBeGreaterThan(widths[0] as number);
  });

  it('never lays a table out wider than the text block, portrait or landscape', () => {
    const def = toPdfDefinition(sampleDocument({ chapters: 1 }));
    const tables: { widths: number[]; padding: number; landscape: boolean }[] = [];
    let landscape = false;
    const walk = (n: unknown) => {
      if (!n || typeof n !== 'object') return;
      const o = n as Record<string, unknown>;
      if (o.pageOrientation) landscape = o.pageOrientation === 'landscape';
      const t = o.table as { widths?: unknown[] } | undefined;
      if (t && Array.isArray(t.widths) && t.widths.every((w) => typeof w === 'number')) {
        const layout = o.layout as { paddingLeft?: () => number } | undefined;
        tables.push({ widths: t.widths as number[], padding: layout?.paddingLeft?.() ?? 4, landscape });
      }
      for (const v of Object.values(o)) if (Array.isArray(v) || (v && typeof v === 'object')) walk(v);
    };
    walk(def.content);
    expect(tables.some((t) => t.landscape)).toBe(true);
    for (const t of tables) {
      const outer = t.widths.reduce((a, w) => a + w + 2 * t.padding, 0) + (t.widths.length + 1) * 0.5;
      expect(outer).toBeLessThanOrEqual((t.landscape ? A4.h : A4.w) - 2 * 70.87 + 0.01);
    }
  });

  it('strips the label halo pdfmake would paint over chart text', () => {
    const svg = '<text stroke="#fff" stroke-width="2" paint-order="stroke" fill="#333">91,50</text><text stroke="#000">x</text>';
    expect(pdfSafeSvg(svg)).toBe('<text fill="#333">91,50</text><text stroke="#000">x</text>');
  });
});

describePoppler('Laporan-style document as PDF (pdftoppm/pdffonts)', () => {
  const doc: ReportDocument = sampleDocument({ chapters: 2 });
  let pdf: Buffer;
  let pages: string[];
  beforeAll(async () => {
    pdf = await renderDocumentPdf(doc);
    pages = (await pdfText(pdf)).split('\f');
  });

  it('is A4 throughout, with its landscape pages turned and no blank page', async () => {
    const info = await pdfInfo(pdf);
    expect(info.pages).toBeGreaterThanOrEqual(12);
    expect(info.sizes).toHaveLength(info.pages);
    expect(info.sizes.every(isA4)).toBe(true);
    expect(info.sizes.filter((s) => s.width > s.height).length).toBeGreaterThanOrEqual(2);
    for (const [i, text] of pages.slice(0, info.pages).entries()) {
      // Every page carries more than its running header and page number.
      const body = text.replace(doc.header ?? '', '').replace(/\s+\d+\s*$/, '');
      expect(body.trim().length, `page ${i + 1} is blank`).toBeGreaterThan(20);
    }
  });

  it('embeds every font', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  });

  it('shows the figures in Indonesian format and the running header and page numbers off the cover', () => {
    const text = pages.join('\n');
    for (const figure of ['91,50', '1.234', '58,35', '85,05', 'NIP. 197001012000031001']) expect(text).toContain(figure);
    expect(pages[0]).not.toContain(doc.header);
    expect(pages[0]).not.toMatch(/^\s*1\s*$/m);
    expect(pages[1]).toContain(doc.header);
    expect(pages[1]).toMatch(/^\s*2\s*$/m);
  });

  it('has a table of contents whose page numbers are where the headings are', () => {
    const toc = pages[1] as string;
    for (const heading of ['BAB I PENDAHULUAN', 'BAB 2 HASIL PENGUKURAN', '3.3 Matriks Rencana Tindak Lanjut']) {
      const line = toc.split('\n').find((l) => l.includes(heading));
      expect(line, heading).toBeDefined();
      const page = Number(/(\d+)\s*$/.exec(line as string)?.[1]);
      expect(pages[page - 1], `${heading} on page ${page}`).toContain(heading);
      // The printed number in that page's footer is the same number.
      expect(pages[page - 1]).toMatch(new RegExp(`^\\s*${page}\\s*$`, 'm'));
    }
    // Headings kept out of the TOC stay out.
    expect(toc).not.toContain('SURAT PERNYATAAN');
  });

  it('repeats table header rows on the pages a table spans', () => {
    const withMatrixHeader = pages.filter((p) => p.includes('Nilai Unsur Pelayanan') && /\bU1\b.*\bU9\b/.test(p));
    expect(withMatrixHeader.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps every mark inside the page margins (no table or chart overflows)', async () => {
    const dpi = 24;
    const margin = (70.87 / 72) * dpi;
    for (const [i, page] of (await pdfGrayPages(pdf, { dpi })).entries()) {
      expect(darkestIn(page, 0, margin - 3), `left margin of page ${i + 1}`).toBeGreaterThan(200);
      expect(darkestIn(page, page.width - margin + 3, page.width), `right margin of page ${i + 1}`).toBeGreaterThan(200);
    }
  });

  it('draws chart text (titles, axes, data labels and legends)', () => {
    const text = pages.join('\n');
    for (const label of [
      'Jenis Kelamin',
      'Nilai unsur pelayanan',
      'Laki-laki: 41,65%',
      '91,50 (A)',
      'A · Sangat Baik',
      'Tren IKM',
      '2023',
    ]) {
      expect(text).toContain(label);
    }
  });
});

describeOffice('the same document as DOCX, opened by LibreOffice', () => {
  const doc = sampleDocument({ chapters: 1 });
  let converted: Buffer;
  let text: string;
  beforeAll(async () => {
    converted = await docxToPdf(await renderDocumentDocx(doc));
    text = await pdfText(converted);
  }, 180_000);

  it('converts, with every word of the tree present', () => {
    const words = new Set(text.split(/\s+/));
    // Words as the tree has them (table rows joined by " | ", fields as "label: value"); very long
    // unbreakable words are legitimately split by the line breaker.
    const expected = documentText(doc)
      .split(/\s+|\|/)
      .map((w) => w.replace(/:$/, ''))
      .filter((w) => w && w.length < 30);
    expect(expected.length).toBeGreaterThan(200);
    expect(expected.filter((w) => !words.has(w) && !text.includes(w))).toEqual([]);
    expect(text).toContain('91,50');
  });

  it('lays out A4 pages with a landscape section and the cover unnumbered', async () => {
    const info = await pdfInfo(converted);
    expect(info.pages).toBeGreaterThanOrEqual(8);
    expect(info.sizes.every(isA4)).toBe(true);
    expect(info.sizes.filter((s) => s.width > s.height).length).toBeGreaterThanOrEqual(1);
    const pages = text.split('\f');
    expect(pages[0]).not.toContain(doc.header);
    expect(pages[1]).toContain(doc.header);
    // The table of contents lists the headings (Word fills in the page numbers on opening).
    expect(pages[1]).toContain('2.2 Indeks Kepuasan Masyarakat per Jenis Layanan');
  });

  it('shows every chart and picture (the PNG fallback is a real raster)', async () => {
    expect(await pdfImageCount(converted)).toBeGreaterThanOrEqual(5);
  });
});
