import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf as renderDefinition } from '../../../shared/pdf/pdfmake.ts';
import { chartToSvg, pdfSafeSvg } from '../charts/chart-svg.ts';
import { type Block, type Cell, type Inline, inlineText, type ReportDocument, type TableBlock } from './document.ts';
import { textWidth } from './font-metrics.ts';
import { shareFontsAcrossPdfs } from './pdf-font-cache.ts';
import { TABLE_TYPE, tableColumnWidths } from './table-layout.ts';

/** A4 with 2.5 cm margins. */
const MARGIN = 70.87;
const WIDTH = { portrait: 595.28 - 2 * MARGIN, landscape: 841.89 - 2 * MARGIN };
const HEIGHT = { portrait: 841.89 - 2 * MARGIN, landscape: 595.28 - 2 * MARGIN };
type Orientation = 'portrait' | 'landscape';

const BODY_SIZE = 10.5;
const HEADING_SIZE = { 1: 14, 2: 12, 3: 11 } as const;
/** Rendered line height per point of type (Roboto's ascent+descent × the 1.2 line height). */
const LINE = 1.2 * 1.172;

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

const HEADER_FILL = '#e8edf3';

function cell(c: Cell, header: boolean): TableCell {
  if (typeof c === 'string')
    return header
      ? { text: c, bold: true, alignment: 'center', fillColor: HEADER_FILL, verticalAlignment: 'middle' }
      : { text: c };
  return {
    text: inline(c.content),
    ...(header || (c.rowSpan ?? 1) > 1 ? { verticalAlignment: 'middle' } : {}),
    ...(c.colSpan ? { colSpan: c.colSpan } : {}),
    ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
    ...(c.fill ? { fillColor: c.fill } : header ? { fillColor: HEADER_FILL } : {}),
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

/** Lines a text takes in a column of `width` points (words wrap; a generous estimate). */
function lines(text: string, size: number, width: number, bold = false): number {
  let total = 0;
  for (const para of text.split('\n')) total += Math.max(1, Math.ceil((textWidth(para, size, bold) * 1.08) / Math.max(width, 1)));
  return total;
}

/** Estimated height of a table in points (each row as tall as its tallest cell). */
function tableHeight(b: TableBlock, widths: number[]): number {
  const type = b.dense ? TABLE_TYPE.dense : TABLE_TYPE.normal;
  let h = b.caption
    ? lines(
        b.caption,
        9.5,
        widths.reduce((a, x) => a + x, 0),
      ) *
        9.5 *
        LINE +
      10
    : 0;
  for (const [rows, header] of [
    [b.header, true],
    [b.body, false],
  ] as const) {
    for (const row of rows) {
      let col = 0;
      let tallest = 1;
      for (const c of row) {
        const o = typeof c === 'string' ? { content: c } : c;
        const span = o.colSpan ?? 1;
        const w = widths.slice(col, col + span).reduce((a, x) => a + x, 0) - 2 * type.padding;
        if (!o.rowSpan || o.rowSpan === 1) tallest = Math.max(tallest, lines(inlineText(o.content), type.size, w, header));
        col += span;
      }
      h += tallest * type.size * LINE + 4.5;
    }
  }
  return h + (b.note ? 14 : 8);
}

function table(b: TableBlock, width: number): { content: Content[]; height: number } {
  const type = b.dense ? TABLE_TYPE.dense : TABLE_TYPE.normal;
  // Outer widths (padding and rule included) → pdfmake's inner widths; the total stays inside the text block.
  const outer = tableColumnWidths(b, width - 1);
  const widths = outer.map((w) => Math.max(1, w - 2 * type.padding - 0.5));
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
    table: {
      headerRows: b.header.length,
      // A header never ends a page alone.
      keepWithHeaderRows: b.body.length ? 1 : 0,
      widths,
      body: rows,
      dontBreakRows: true,
    },
    fontSize: type.size,
    lineHeight: 1.15,
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#555555',
      vLineColor: () => '#555555',
      paddingLeft: () => type.padding,
      paddingRight: () => type.padding,
      paddingTop: () => (b.dense ? 1.5 : 2),
      paddingBottom: () => (b.dense ? 1.5 : 2),
    },
    margin: [0, 0, 0, b.note ? 2 : 8],
  } as Content);
  if (b.note) out.push({ text: b.note, style: 'small', margin: [0, 0, 0, 8] });
  return { content: out, height: tableHeight(b, outer) };
}

/** One top-level piece of content with its estimated height (Infinity: may span pages). */
interface Piece {
  content: Content[];
  height: number;
  /** Headings keep with what follows. */
  keepWithNext?: boolean;
  /** Starts a new page (optionally turning it). */
  breakBefore?: boolean;
  orientation?: Orientation;
}

function pieces(list: readonly Block[], width: number, orientation: Orientation): Piece[] {
  const out: Piece[] = [];
  let breakNext = false;
  const push = (p: Piece) => {
    if (breakNext) {
      p.breakBefore = true;
      breakNext = false;
    }
    out.push(p);
  };
  for (const b of list) {
    switch (b.kind) {
      case 'heading': {
        const size = HEADING_SIZE[b.level];
        push({
          content: [
            {
              text: b.text,
              style: `h${b.level}`,
              tocItem: b.toc !== false,
              ...(b.toc !== false ? { tocMargin: [(b.level - 1) * 12, 0, 0, 0] } : {}),
              ...(b.align ? { alignment: b.align } : {}),
            } as Content,
          ],
          height: lines(b.text, size, width, true) * size * LINE + 18,
          keepWithNext: true,
          breakBefore: b.pageBreakBefore,
        });
        break;
      }
      case 'paragraph': {
        const size = b.style === 'small' ? 8.5 : b.style === 'title' ? 18 : b.style === 'subtitle' ? 13 : BODY_SIZE;
        push({
          content: [
            { text: inline(b.content), style: b.style ?? 'normal', ...(b.align ? { alignment: b.align } : {}) } as Content,
          ],
          height: lines(inlineText(b.content), size, width) * size * LINE + 10,
        });
        break;
      }
      case 'list': {
        const items = b.items.map((i) => ({ text: inline(i) }));
        push({
          content: [(b.ordered ? { ol: items, margin: [0, 0, 0, 6] } : { ul: items, margin: [0, 0, 0, 6] }) as Content],
          height: b.items.reduce((a, i) => a + lines(inlineText(i), BODY_SIZE, width - 15), 0) * BODY_SIZE * LINE + 6,
        });
        break;
      }
      case 'table': {
        const t = table(b, width);
        push(t);
        break;
      }
      case 'chart':
      case 'image': {
        // Fit the text block, and the page height (an unbreakable block taller than a page is cut).
        const w = Math.min(b.width, width, (b.width * (HEIGHT[orientation] - 40)) / b.height);
        const h = (b.height * w) / b.width;
        const svg = pdfSafeSvg(b.kind === 'chart' ? chartToSvg(b.option, b.width, b.height) : b.svg);
        const content: Content[] = [{ svg, width: w, alignment: 'center', margin: [0, 4, 0, 2] } as Content];
        if (b.caption) content.push({ text: b.caption, style: 'caption', alignment: 'center', margin: [0, 0, 0, 8] });
        // Picture and caption never part.
        push({ content: [{ stack: content, unbreakable: true } as Content], height: h + 24 });
        break;
      }
      case 'toc':
        push({ content: [{ toc: { title: { text: b.title, style: 'h1' } } } as Content], height: Number.POSITIVE_INFINITY });
        break;
      case 'pageBreak':
        // Attached to the next piece: never a trailing or doubled blank page.
        breakNext = true;
        break;
      case 'fields':
        push({
          content: [
            {
              table: { widths: ['auto', 8, '*'], body: b.rows.map(([k, v]) => [k, ':', v]) },
              layout: 'noBorders',
              margin: [0, 0, 0, 6],
            } as Content,
          ],
          height: b.rows.length * BODY_SIZE * LINE * 1.3 + 6,
        });
        break;
      case 'signature':
        push({
          content: [
            {
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
            } as Content,
          ],
          height: 140,
        });
        break;
      case 'spacer':
        push({ content: [{ text: '', margin: [0, (b.lines ?? 1) * 12, 0, 0] }], height: (b.lines ?? 1) * 12 });
        break;
      case 'landscape': {
        const inner = pieces(b.blocks, WIDTH.landscape, 'landscape');
        const first = inner[0];
        if (!first) break;
        first.breakBefore = true;
        first.orientation = 'landscape';
        out.push(...inner);
        breakNext = false;
        // The next piece turns the page back (none: the document simply ends on the landscape page).
        const restore: Piece = { content: [], height: 0, breakBefore: true, orientation };
        out.push(restore);
        break;
      }
    }
  }
  if (breakNext) out.push({ content: [], height: 0, breakBefore: true });
  return out;
}

/**
 * Pieces → pdfmake content. Page turns and breaks are put on the next real content node (an empty
 * node with a page break would leave a blank page at the end or before another break). A heading
 * is kept on the page of what follows by grouping them in an unbreakable stack when the group is
 * known to fit on one page.
 */
function assemble(list: Piece[], orientationAtStart: Orientation): Content[] {
  const out: Content[] = [];
  let pendingBreak = false;
  let pendingOrientation: Orientation | undefined;
  let current = orientationAtStart;
  for (let i = 0; i < list.length; i++) {
    const p = list[i] as Piece;
    if (p.breakBefore) pendingBreak = true;
    if (p.orientation) pendingOrientation = p.orientation;
    if (!p.content.length) continue;
    // Group a heading (chain) with the next piece when they fit on a page together.
    const group: Piece[] = [p];
    let height = p.height;
    const pageHeight = HEIGHT[pendingOrientation ?? current];
    while (group[group.length - 1]?.keepWithNext) {
      const next = list[i + group.length];
      if (!next || next.breakBefore || !next.content.length || height + next.height > pageHeight * 0.6) break;
      group.push(next);
      height += next.height;
    }
    const nodes = group.flatMap((g) => g.content);
    i += group.length - 1;
    let node: Content = nodes.length === 1 && group.length === 1 ? (nodes[0] as Content) : { stack: nodes };
    if (group.length > 1) node = { ...(node as object), unbreakable: true } as Content;
    if (pendingBreak) {
      const turn = pendingOrientation && pendingOrientation !== current ? pendingOrientation : undefined;
      node = { ...(node as object), pageBreak: 'before', ...(turn ? { pageOrientation: turn } : {}) } as Content;
      if (turn) current = turn;
      pendingBreak = false;
    }
    pendingOrientation = undefined;
    out.push(node);
  }
  return out;
}

export function toPdfDefinition(doc: ReportDocument): TDocumentDefinitions {
  const list: Piece[] = [];
  if (doc.cover) {
    list.push({
      content: [{ stack: assemble(pieces(doc.cover, WIDTH.portrait, 'portrait'), 'portrait'), alignment: 'center' } as Content],
      height: Number.POSITIVE_INFINITY,
    });
  }
  const body = pieces(doc.blocks, WIDTH.portrait, 'portrait');
  if (doc.cover && body[0]) body[0].breakBefore = true;
  list.push(...body);
  const content = assemble(list, 'portrait');
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
    // Physical page numbers (the cover is page 1, unprinted): the same numbers the TOC shows, and
    // the ones Word shows for the DOCX.
    ...(doc.pageNumbers
      ? {
          footer: (page: number) =>
            hasCover && page === 1 ? '' : { text: String(page), alignment: 'center', style: 'small', margin: [0, 24, 0, 0] },
        }
      : {}),
    content,
    defaultStyle: { font: 'Roboto', fontSize: BODY_SIZE, lineHeight: 1.2 },
    styles: {
      normal: { margin: [0, 0, 0, 6], alignment: 'justify' },
      small: { fontSize: 8.5, color: '#333333' },
      caption: { fontSize: 9.5, bold: true },
      title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 10] },
      subtitle: { fontSize: 13, alignment: 'center', margin: [0, 0, 0, 8] },
      h1: { fontSize: HEADING_SIZE[1], bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
      h2: { fontSize: HEADING_SIZE[2], bold: true, margin: [0, 10, 0, 6] },
      h3: { fontSize: HEADING_SIZE[3], bold: true, margin: [0, 8, 0, 4] },
    },
  } as TDocumentDefinitions;
}

/** A4 PDF with embedded fonts. */
export function renderDocumentPdf(doc: ReportDocument): Promise<Buffer> {
  shareFontsAcrossPdfs();
  return renderDefinition(toPdfDefinition(doc));
}
