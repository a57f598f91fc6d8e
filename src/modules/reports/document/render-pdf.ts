import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf as renderDefinition } from '../../../shared/pdf/pdfmake.ts';
import { chartToSvg } from '../charts/chart-svg.ts';
import type { Block, Cell, Inline, ReportDocument, TableBlock } from './document.ts';

/** A4 with 2.5 cm margins. */
const MARGIN = 70.87;
const WIDTH = { portrait: 595.28 - 2 * MARGIN, landscape: 841.89 - 2 * MARGIN };

const inline = (c: string | Inline[]) =>
  typeof c === 'string'
    ? c
    : c.map((i) =>
        typeof i === 'string'
          ? { text: i }
          : { text: i.text, bold: i.bold, italics: i.italic, decoration: i.underline ? ('underline' as const) : undefined },
      );

/** Dark fills get white text (grade colours are chosen for ≥4.5:1 against white). */
function isDark(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => Number.parseInt(x as string, 16));
  return 0.299 * (r as number) + 0.587 * (g as number) + 0.114 * (b as number) < 140;
}

function cell(c: Cell, header: boolean): TableCell {
  if (typeof c === 'string') return header ? { text: c, bold: true, alignment: 'center', fillColor: '#e8edf3' } : { text: c };
  return {
    text: inline(c.content),
    ...(c.colSpan ? { colSpan: c.colSpan } : {}),
    ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
    ...(c.fill ? { fillColor: c.fill } : header ? { fillColor: '#e8edf3' } : {}),
    ...(c.color ? { color: c.color } : c.fill && isDark(c.fill) ? { color: '#ffffff' } : {}),
    bold: c.bold ?? header,
    ...(c.align ? { alignment: c.align } : header ? { alignment: 'center' as const } : {}),
  } as TableCell;
}

/** pdfmake wants every row as long as the table: spans are padded with empty cells. */
function padRow(row: Cell[], header: boolean, columns: number, covered: Set<number>): TableCell[] {
  const out: TableCell[] = [];
  for (const c of row) {
    while (covered.has(out.length)) out.push({ text: '' });
    out.push(cell(c, header));
    const span = typeof c === 'string' ? 1 : (c.colSpan ?? 1);
    for (let k = 1; k < span; k++) out.push({ text: '' });
  }
  while (out.length < columns) out.push({ text: '' });
  return out.slice(0, columns);
}

function table(b: TableBlock, width: number): Content[] {
  const weights = b.columns.map((c) => c.width ?? 1);
  const total = weights.reduce((a, x) => a + x, 0);
  // Row spans cover cells in later rows: track them so padding lands in the right column.
  const rows: TableCell[][] = [];
  const pending = new Map<number, number>(); // column → rows still covered
  const all = [...b.header.map((r) => [r, true] as const), ...b.body.map((r) => [r, false] as const)];
  for (const [r, header] of all) {
    const covered = new Set<number>();
    for (const [col, left] of pending) {
      if (left > 0) covered.add(col);
    }
    const padded = padRow(r, header, b.columns.length, covered);
    for (const col of [...pending.keys()]) {
      const left = (pending.get(col) ?? 0) - 1;
      if (left <= 0) pending.delete(col);
      else pending.set(col, left);
    }
    padded.forEach((c, col) => {
      const span = (c as { rowSpan?: number }).rowSpan;
      if (span && span > 1) pending.set(col, span - 1);
      const align = b.columns[col]?.align;
      if (!header && align && typeof c === 'object' && !(c as { alignment?: string }).alignment) {
        (c as { alignment?: string }).alignment = align;
      }
    });
    rows.push(padded);
  }
  const out: Content[] = [];
  if (b.caption) out.push({ text: b.caption, style: 'caption', margin: [0, 6, 0, 4] });
  out.push({
    table: { headerRows: b.header.length, widths: weights.map((w) => (w / total) * width - 8), body: rows, dontBreakRows: true },
    fontSize: b.dense ? 7.5 : 9.5,
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#555555', vLineColor: () => '#555555' },
    margin: [0, 0, 0, b.note ? 2 : 8],
  } as Content);
  if (b.note) out.push({ text: b.note, style: 'small', margin: [0, 0, 0, 8] });
  return out;
}

function blocks(list: readonly Block[], width: number, orientation: 'portrait' | 'landscape'): Content[] {
  const out: Content[] = [];
  for (const b of list) {
    switch (b.kind) {
      case 'heading':
        out.push({
          text: b.text,
          style: `h${b.level}`,
          tocItem: b.toc !== false,
          ...(b.toc !== false ? { tocMargin: [(b.level - 1) * 12, 0, 0, 0] } : {}),
          ...(b.pageBreakBefore ? { pageBreak: 'before' as const } : {}),
          ...(b.align ? { alignment: b.align } : {}),
        } as Content);
        break;
      case 'paragraph':
        out.push({ text: inline(b.content), style: b.style ?? 'normal', ...(b.align ? { alignment: b.align } : {}) } as Content);
        break;
      case 'list':
        {
          const items = b.items.map((i) => ({ text: inline(i) }));
          out.push((b.ordered ? { ol: items, margin: [0, 0, 0, 6] } : { ul: items, margin: [0, 0, 0, 6] }) as Content);
        }
        break;
      case 'table':
        out.push(...table(b, width));
        break;
      case 'chart': {
        const w = Math.min(b.width, width);
        out.push({
          svg: chartToSvg(b.option, b.width, b.height),
          width: w,
          alignment: 'center',
          margin: [0, 4, 0, 2],
        } as Content);
        if (b.caption) out.push({ text: b.caption, style: 'caption', alignment: 'center' });
        break;
      }
      case 'image':
        out.push({ svg: b.svg, width: Math.min(b.width, width), alignment: 'center' } as Content);
        if (b.caption) out.push({ text: b.caption, style: 'caption', alignment: 'center' });
        break;
      case 'toc':
        out.push({ toc: { title: { text: b.title, style: 'h1' } } } as Content);
        break;
      case 'pageBreak':
        out.push({ text: '', pageBreak: 'after' } as Content);
        break;
      case 'fields':
        out.push({
          table: { widths: ['auto', 8, '*'], body: b.rows.map(([k, v]) => [k, ':', v]) },
          layout: 'noBorders',
          margin: [0, 0, 0, 6],
        } as Content);
        break;
      case 'signature':
        out.push({
          columns: [
            { width: '*', text: '' },
            {
              width: 220,
              stack: [
                ...(b.placeDate ? [{ text: b.placeDate }] : []),
                { text: b.position, margin: [0, 0, 0, 48] },
                { text: b.name, bold: true, decoration: 'underline' },
                ...(b.nip ? [{ text: `NIP. ${b.nip}` }] : []),
              ],
            },
          ],
          margin: [0, 16, 0, 8],
          unbreakable: true,
        } as Content);
        break;
      case 'spacer':
        out.push({ text: '', margin: [0, (b.lines ?? 1) * 12, 0, 0] });
        break;
      case 'landscape': {
        const inner = blocks(b.blocks, WIDTH.landscape, 'landscape');
        if (inner.length) {
          out.push({ stack: inner, pageBreak: 'before', pageOrientation: 'landscape' } as Content);
          out.push({ text: '', pageBreak: 'before', pageOrientation: orientation } as Content);
        }
        break;
      }
    }
  }
  return out;
}

export function toPdfDefinition(doc: ReportDocument): TDocumentDefinitions {
  const content: Content[] = [];
  if (doc.cover) {
    content.push({ stack: blocks(doc.cover, WIDTH.portrait, 'portrait'), alignment: 'center' } as Content);
    content.push({ text: '', pageBreak: 'after' } as Content);
  }
  content.push(...blocks(doc.blocks, WIDTH.portrait, 'portrait'));
  const hasCover = Boolean(doc.cover);
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    info: { title: doc.meta.title, subject: doc.meta.subject, author: doc.meta.author ?? 'Mutu', creator: 'Mutu' },
    language: doc.meta.language === 'en' ? 'en-GB' : 'id-ID',
    ...(doc.header
      ? {
          header: (page: number) =>
            hasCover && page === 1
              ? ''
              : { text: doc.header ?? '', style: 'small', alignment: 'right', margin: [MARGIN, 28, MARGIN, 0] },
        }
      : {}),
    ...(doc.pageNumbers
      ? {
          footer: (page: number) =>
            hasCover && page === 1
              ? ''
              : { text: String(hasCover ? page - 1 : page), alignment: 'center', style: 'small', margin: [0, 24, 0, 0] },
        }
      : {}),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    styles: {
      normal: { margin: [0, 0, 0, 6], alignment: 'justify' },
      small: { fontSize: 8.5, color: '#333333' },
      caption: { fontSize: 9.5, bold: true },
      title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 10] },
      subtitle: { fontSize: 13, alignment: 'center', margin: [0, 0, 0, 8] },
      h1: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 6] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
    },
  } as TDocumentDefinitions;
}

/** A4 PDF with embedded fonts. */
export function renderDocumentPdf(doc: ReportDocument): Promise<Buffer> {
  return renderDefinition(toPdfDefinition(doc));
}
