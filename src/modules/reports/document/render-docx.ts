import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  type ISectionOptions,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { chartToSvg, svgToPng } from '../charts/chart-svg.ts';
import type { Align, Block, Cell, Inline, ReportDocument, TableBlock } from './document.ts';
import { TABLE_TYPE, tableColumnWidths } from './table-layout.ts';

/** A4 in twentieths of a point, 2.5 cm margins. */
const PAGE = { w: 11906, h: 16838, margin: 1417 };
const CONTENT = { portrait: PAGE.w - 2 * PAGE.margin, landscape: PAGE.h - 2 * PAGE.margin };
/** Arial (the DOCX font) runs about this much wider than Roboto, which the column widths are measured in. */
const ARIAL_OVER_ROBOTO = 1.08;

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

function runs(c: string | Inline[], extra: { bold?: boolean; size?: number; color?: string } = {}): TextRun[] {
  const list = typeof c === 'string' ? [c] : c;
  return list.map((i) =>
    typeof i === 'string'
      ? new TextRun({ text: i, ...extra })
      : new TextRun({
          text: i.text,
          bold: i.bold ?? extra.bold,
          italics: i.italic,
          underline: i.underline ? {} : undefined,
          size: extra.size,
          color: extra.color,
        }),
  );
}

function isDark(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => Number.parseInt(x as string, 16));
  return 0.299 * (r as number) + 0.587 * (g as number) + 0.114 * (b as number) < 140;
}

function table(b: TableBlock, width: number): (Paragraph | Table)[] {
  const type = b.dense ? TABLE_TYPE.dense : TABLE_TYPE.normal;
  // Same column rule as the PDF (weights, never narrower than the widest number or word), in twips.
  const colWidths = tableColumnWidths(b, width / 20, ARIAL_OVER_ROBOTO).map((w) => Math.floor(w * 20));
  const size = Math.round(type.size * 2); // half-points
  // Word draws a row span as a "restart" cell followed by "continue" cells in the rows below.
  const pending = new Map<number, { left: number; colSpan: number }>();
  const mkRow = (row: Cell[], header: boolean) => {
    const cells: TableCell[] = [];
    let col = 0;
    const place = () => {
      while (pending.has(col)) {
        const p = pending.get(col) as { left: number; colSpan: number };
        cells.push(
          new TableCell({
            children: [new Paragraph('')],
            verticalMerge: VerticalMergeType.CONTINUE,
            columnSpan: p.colSpan,
            width: { size: colWidths.slice(col, col + p.colSpan).reduce((a, x) => a + x, 0), type: WidthType.DXA },
          }),
        );
        p.left -= 1;
        if (p.left <= 0) pending.delete(col);
        col += p.colSpan;
      }
    };
    for (const c of row) {
      place();
      const o = typeof c === 'string' ? { content: c } : c;
      const span = o.colSpan ?? 1;
      const fill = o.fill ?? (header ? '#e8edf3' : undefined);
      const color = o.color ?? (o.fill && isDark(o.fill) ? 'FFFFFF' : undefined);
      const align = o.align ?? (header ? 'center' : b.columns[col]?.align);
      cells.push(
        new TableCell({
          children: [
            new Paragraph({
              children: runs(o.content, { bold: o.bold ?? header, size, color: color?.replace('#', '') }),
              spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
              ...(align ? { alignment: ALIGN[align] } : {}),
            }),
          ],
          columnSpan: span,
          ...(header || (o.rowSpan ?? 1) > 1 ? { verticalAlign: VerticalAlignTable.CENTER } : {}),
          ...(o.rowSpan && o.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
          ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: fill.replace('#', '') } } : {}),
          width: { size: colWidths.slice(col, col + span).reduce((a, x) => a + x, 0), type: WidthType.DXA },
        }),
      );
      if (o.rowSpan && o.rowSpan > 1) pending.set(col, { left: o.rowSpan - 1, colSpan: span });
      col += span;
    }
    place();
    return new TableRow({ children: cells, tableHeader: header, cantSplit: true });
  };
  const out: (Paragraph | Table)[] = [];
  if (b.caption)
    out.push(
      new Paragraph({ children: runs(b.caption, { bold: true, size: 19 }), keepNext: true, spacing: { before: 120, after: 60 } }),
    );
  const border = { style: BorderStyle.SINGLE, size: 4, color: '555555' };
  const pad = Math.round(type.padding * 20);
  out.push(
    new Table({
      rows: [...b.header.map((r) => mkRow(r, true)), ...b.body.map((r) => mkRow(r, false))],
      width: { size: colWidths.reduce((a, x) => a + x, 0), type: WidthType.DXA },
      columnWidths: colWidths,
      layout: TableLayoutType.FIXED,
      margins: { left: pad, right: pad, top: b.dense ? 20 : 30, bottom: b.dense ? 20 : 30 },
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    }),
  );
  out.push(new Paragraph({ children: b.note ? runs(b.note, { size: 16 }) : [], spacing: { before: 40, after: 120 } }));
  return out;
}

/** `width`/`height` are points, as in the PDF; Word wants pixels at 96 dpi. */
function svgImage(svg: string, width: number, height: number, maxTwips: number, keepNext: boolean): Paragraph {
  const w = Math.min(width, maxTwips / 20);
  const h = (height * w) / width;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext,
    spacing: { before: 80, after: 40 },
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(svg),
        // A real raster copy: LibreOffice 7 and Word before 2016 draw the fallback, not the SVG.
        fallback: { type: 'png', data: svgToPng(svg) },
        transformation: { width: Math.round((w * 96) / 72), height: Math.round((h * 96) / 72) },
      }),
    ],
  });
}

type Child = Paragraph | Table | TableOfContents;

/** Lists restart their numbering: each ordered list gets its own numbering instance. */
let listInstance = 0;

function blocks(list: readonly Block[], width: number): Child[] {
  const out: Child[] = [];
  // A page break is put on the next paragraph ("page break before"): never a blank page before a
  // heading that starts its own page, nor a trailing one before a section break.
  let breakNext = false;
  const takeBreak = () => {
    const b = breakNext;
    breakNext = false;
    return b || undefined;
  };
  const caption = (text: string) =>
    new Paragraph({ children: runs(text, { bold: true, size: 19 }), alignment: AlignmentType.CENTER, spacing: { after: 160 } });
  for (const b of list) {
    switch (b.kind) {
      case 'heading': {
        const pageBreakBefore = takeBreak() || b.pageBreakBefore;
        const alignment = b.align ? ALIGN[b.align] : b.level === 1 ? AlignmentType.CENTER : undefined;
        out.push(
          b.toc === false
            ? // Looks like a heading but stays out of the table of contents.
              new Paragraph({
                children: runs(b.text, { bold: true, size: [28, 24, 22][b.level - 1] }),
                pageBreakBefore,
                alignment,
                keepNext: true,
                spacing: { before: b.level === 1 ? 0 : 200, after: b.level === 1 ? 240 : 120 },
              })
            : new Paragraph({
                text: b.text,
                heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][b.level - 1],
                pageBreakBefore,
                alignment,
                keepNext: true,
              }),
        );
        break;
      }
      case 'paragraph': {
        const size = b.style === 'title' ? 36 : b.style === 'subtitle' ? 26 : b.style === 'small' ? 17 : 21;
        out.push(
          new Paragraph({
            children: runs(b.content, { bold: b.style === 'title' || b.style === 'caption', size }),
            pageBreakBefore: takeBreak(),
            alignment: b.align
              ? ALIGN[b.align]
              : b.style === 'title' || b.style === 'subtitle'
                ? AlignmentType.CENTER
                : AlignmentType.JUSTIFIED,
            spacing: { after: 120 },
          }),
        );
        break;
      }
      case 'list': {
        const instance = ++listInstance;
        b.items.forEach((i, k) => {
          out.push(
            new Paragraph({
              children: runs(i, { size: 21 }),
              pageBreakBefore: k === 0 ? takeBreak() : undefined,
              spacing: { after: 40 },
              ...(b.ordered ? { numbering: { reference: 'mutu-ordered', level: 0, instance } } : { bullet: { level: 0 } }),
            }),
          );
        });
        break;
      }
      case 'table':
        if (breakNext) out.push(new Paragraph({ pageBreakBefore: takeBreak(), spacing: { after: 0 } }));
        out.push(...table(b, width));
        break;
      case 'chart':
      case 'image': {
        if (breakNext) out.push(new Paragraph({ pageBreakBefore: takeBreak(), spacing: { after: 0 } }));
        const svg = b.kind === 'chart' ? chartToSvg(b.option, b.width, b.height) : b.svg;
        out.push(svgImage(svg, b.width, b.height, width, Boolean(b.caption)));
        if (b.caption) out.push(caption(b.caption));
        break;
      }
      case 'toc':
        out.push(
          new Paragraph({
            children: runs(b.title, { bold: true, size: 28 }),
            alignment: AlignmentType.CENTER,
            pageBreakBefore: takeBreak(),
            spacing: { after: 240 },
          }),
        );
        out.push(new TableOfContents(b.title, { hyperlink: true, headingStyleRange: '1-3' }));
        break;
      case 'pageBreak':
        breakNext = true;
        break;
      case 'fields':
        b.rows.forEach(([k, v], i) => {
          out.push(
            new Paragraph({
              children: [new TextRun({ text: `${k}\t: ${v}`, size: 21 })],
              pageBreakBefore: i === 0 ? takeBreak() : undefined,
              tabStops: [{ type: 'left', position: 2600 }],
              indent: { left: 2880, hanging: 2880 },
              spacing: { after: 40 },
            }),
          );
        });
        break;
      case 'signature': {
        const indent = { left: Math.round(width * 0.55) };
        const keep = { keepNext: true, keepLines: true };
        if (b.placeDate)
          out.push(new Paragraph({ text: b.placeDate, indent, spacing: { before: 240 }, pageBreakBefore: takeBreak(), ...keep }));
        out.push(new Paragraph({ text: b.position, indent, spacing: { after: 960 }, pageBreakBefore: takeBreak(), ...keep }));
        out.push(
          new Paragraph({
            children: [new TextRun({ text: b.name, bold: true, underline: {} })],
            indent,
            keepNext: Boolean(b.nip),
          }),
        );
        if (b.nip) out.push(new Paragraph({ text: `NIP. ${b.nip}`, indent }));
        break;
      }
      case 'spacer':
        for (let i = 0; i < (b.lines ?? 1); i++) out.push(new Paragraph({ pageBreakBefore: takeBreak() }));
        break;
      case 'landscape':
        // Handled by the section splitter below.
        break;
    }
  }
  return out;
}

/** An editable Word file of the same tree the PDF is drawn from. */
export async function renderDocumentDocx(doc: ReportDocument): Promise<Buffer> {
  const header = doc.header
    ? {
        default: new Header({
          children: [
            new Paragraph({ children: runs(doc.header, { size: 16, color: '333333' }), alignment: AlignmentType.RIGHT }),
          ],
        }),
      }
    : undefined;
  const footer = doc.pageNumbers
    ? {
        default: new Footer({
          children: [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ children: [PageNumber.CURRENT], size: 17 })],
            }),
          ],
        }),
      }
    : undefined;
  const margin = { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 560, footer: 560 };
  const portrait = { page: { size: { width: PAGE.w, height: PAGE.h }, margin } };
  const landscape = { page: { size: { width: PAGE.w, height: PAGE.h, orientation: PageOrientation.LANDSCAPE }, margin } };
  const sections: ISectionOptions[] = [];
  // The cover is its own section without running header or page number.
  if (doc.cover) sections.push({ properties: portrait, children: blocks(doc.cover, CONTENT.portrait) });
  let run: Block[] = [];
  const flush = () => {
    if (!run.length) return;
    sections.push({ properties: portrait, headers: header, footers: footer, children: blocks(run, CONTENT.portrait) });
    run = [];
  };
  for (const b of doc.blocks) {
    if (b.kind === 'landscape') {
      flush();
      sections.push({ properties: landscape, headers: header, footers: footer, children: blocks(b.blocks, CONTENT.landscape) });
    } else run.push(b);
  }
  flush();
  const heading = (size: number, center: boolean, before: number) => ({
    run: { font: 'Arial', size, bold: true, color: '000000' },
    paragraph: {
      spacing: { before, after: 120 },
      keepNext: true,
      keepLines: true,
      ...(center ? { alignment: AlignmentType.CENTER } : {}),
    },
  });
  const document = new Document({
    title: doc.meta.title,
    subject: doc.meta.subject,
    creator: doc.meta.author ?? 'Mutu',
    // The table of contents is written with its entries (so no reader sees it empty) and without page
    // numbers; Word fills them in when it opens the file. (docx's page-number estimator would write
    // them too, but costs seconds on table-heavy reports.)
    features: { updateFields: true },
    numbering: {
      config: [
        {
          reference: 'mutu-ordered',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 426, hanging: 426 } } },
            },
          ],
        },
      ],
    },
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 21 }, paragraph: { spacing: { line: 264, lineRule: LineRuleType.AUTO } } },
        heading1: heading(28, true, 0),
        heading2: heading(24, false, 200),
        heading3: heading(22, false, 160),
      },
    },
    sections,
  });
  return Packer.toBuffer(document);
}
