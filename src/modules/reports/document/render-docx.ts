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
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { chartToSvg } from '../charts/chart-svg.ts';
import type { Align, Block, Cell, Inline, ReportDocument, TableBlock } from './document.ts';

/** A4 in twentieths of a point, 2.5 cm margins. */
const PAGE = { w: 11906, h: 16838, margin: 1417 };
const CONTENT = { portrait: PAGE.w - 2 * PAGE.margin, landscape: PAGE.h - 2 * PAGE.margin };
/** 1×1 transparent PNG: Word 2016+ and LibreOffice draw the SVG; the fallback is only for old readers. */
const BLANK_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

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
  const weights = b.columns.map((c) => c.width ?? 1);
  const total = weights.reduce((a, x) => a + x, 0);
  const colWidths = weights.map((w) => Math.floor((w / total) * width));
  const size = b.dense ? 14 : 19; // half-points
  // Word draws a row span as a "restart" cell followed by "continue" cells in the rows below.
  const pending = new Map<number, { left: number; colSpan: number }>();
  const mkRow = (row: Cell[], header: boolean) => {
    const cells: TableCell[] = [];
    let col = 0;
    const place = () => {
      while (pending.has(col)) {
        const p = pending.get(col) as { left: number; colSpan: number };
        cells.push(
          new TableCell({ children: [new Paragraph('')], verticalMerge: VerticalMergeType.CONTINUE, columnSpan: p.colSpan }),
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
              ...(align ? { alignment: ALIGN[align] } : {}),
            }),
          ],
          columnSpan: span,
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
  out.push(
    new Table({
      rows: [...b.header.map((r) => mkRow(r, true)), ...b.body.map((r) => mkRow(r, false))],
      width: { size: width, type: WidthType.DXA },
      columnWidths: colWidths,
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    }),
  );
  out.push(new Paragraph({ children: b.note ? runs(b.note, { size: 16 }) : [], spacing: { after: 120 } }));
  return out;
}

function svgImage(svg: string, width: number, height: number, maxTwips: number): Paragraph {
  const maxPx = (maxTwips / 1440) * 96;
  const scale = Math.min(1, maxPx / width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(svg),
        fallback: { type: 'png', data: BLANK_PNG },
        transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
      }),
    ],
  });
}

function blocks(list: readonly Block[], width: number): (Paragraph | Table | TableOfContents)[] {
  const out: (Paragraph | Table | TableOfContents)[] = [];
  for (const b of list) {
    switch (b.kind) {
      case 'heading':
        out.push(
          new Paragraph({
            text: b.text,
            heading:
              b.toc === false ? undefined : [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][b.level - 1],
            ...(b.toc === false ? { children: runs(b.text, { bold: true, size: 28 - b.level * 2 }) } : {}),
            pageBreakBefore: b.pageBreakBefore,
            alignment: b.align ? ALIGN[b.align] : b.level === 1 ? AlignmentType.CENTER : undefined,
            keepNext: true,
          }),
        );
        break;
      case 'paragraph': {
        const size = b.style === 'title' ? 36 : b.style === 'subtitle' ? 26 : b.style === 'small' ? 17 : 22;
        out.push(
          new Paragraph({
            children: runs(b.content, { bold: b.style === 'title' || b.style === 'caption', size }),
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
      case 'list':
        for (const i of b.items) {
          out.push(
            new Paragraph({
              children: runs(i, { size: 22 }),
              ...(b.ordered ? { numbering: { reference: 'mutu-ordered', level: 0 } } : { bullet: { level: 0 } }),
            }),
          );
        }
        break;
      case 'table':
        out.push(...table(b, width));
        break;
      case 'chart':
        out.push(svgImage(chartToSvg(b.option, b.width, b.height), b.width, b.height, width));
        if (b.caption)
          out.push(new Paragraph({ children: runs(b.caption, { bold: true, size: 19 }), alignment: AlignmentType.CENTER }));
        break;
      case 'image':
        out.push(svgImage(b.svg, b.width, b.height, width));
        if (b.caption)
          out.push(new Paragraph({ children: runs(b.caption, { bold: true, size: 19 }), alignment: AlignmentType.CENTER }));
        break;
      case 'toc':
        out.push(new Paragraph({ children: runs(b.title, { bold: true, size: 28 }), alignment: AlignmentType.CENTER }));
        out.push(new TableOfContents(b.title, { hyperlink: true, headingStyleRange: '1-3' }));
        break;
      case 'pageBreak':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
      case 'fields':
        for (const [k, v] of b.rows)
          out.push(
            new Paragraph({
              children: [new TextRun({ text: `${k}\t: ${v}`, size: 22 })],
              tabStops: [{ type: 'left', position: 2600 }],
            }),
          );
        break;
      case 'signature': {
        const indent = { left: Math.round(width * 0.55) };
        if (b.placeDate) out.push(new Paragraph({ text: b.placeDate, indent, spacing: { before: 240 } }));
        out.push(new Paragraph({ text: b.position, indent, spacing: { after: 960 } }));
        out.push(new Paragraph({ children: [new TextRun({ text: b.name, bold: true, underline: {} })], indent }));
        if (b.nip) out.push(new Paragraph({ text: `NIP. ${b.nip}`, indent }));
        break;
      }
      case 'spacer':
        for (let i = 0; i < (b.lines ?? 1); i++) out.push(new Paragraph(''));
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
    ? { default: new Header({ children: [new Paragraph({ text: doc.header, alignment: AlignmentType.RIGHT })] }) }
    : undefined;
  const footer = doc.pageNumbers
    ? {
        default: new Footer({
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] }),
          ],
        }),
      }
    : undefined;
  const sections: ISectionOptions[] = [];
  const portrait = {
    page: {
      size: { width: PAGE.w, height: PAGE.h },
      margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    },
  };
  const landscape = {
    page: {
      size: { width: PAGE.w, height: PAGE.h, orientation: PageOrientation.LANDSCAPE },
      margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    },
  };
  if (doc.cover) sections.push({ properties: portrait, children: blocks(doc.cover, CONTENT.portrait).map((p) => p) });
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
  const document = new Document({
    title: doc.meta.title,
    subject: doc.meta.subject,
    creator: doc.meta.author ?? 'Mutu',
    features: { updateFields: true },
    numbering: {
      config: [
        {
          reference: 'mutu-ordered',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections,
  });
  return Packer.toBuffer(document);
}
