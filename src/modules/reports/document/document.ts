/**
 * A report written once, rendered twice. Every generated document (Laporan SKM, the BPOM compilation,
 * the SPKP/SPAK monthly report, the M&E and follow-up reports, LAPKIN) is composed as this neutral tree
 * by a pure function; `render-pdf.ts` and `render-docx.ts` turn the same tree into an A4 PDF and an
 * editable Word file, so both carry the same figures, and tests can read the figures off the tree.
 *
 * Numbers arrive as display strings already formatted by the domain (`formatId`): renderers never
 * round or format.
 */
import type { ChartOption } from '../../../shared/charts/skm-charts.ts';

export type Align = 'left' | 'center' | 'right' | 'justify';

/** A run of text inside a paragraph or a cell. */
export type Inline = string | { text: string; bold?: boolean; italic?: boolean; underline?: boolean };

export interface CellObject {
  content: string | Inline[];
  colSpan?: number;
  rowSpan?: number;
  /** Background, `#rrggbb` (e.g. a grade colour); text turns white on dark fills. */
  fill?: string;
  color?: string;
  bold?: boolean;
  align?: Align;
}
/** A plain string is a left-aligned cell. Cells covered by a span are omitted from the row. */
export type Cell = string | CellObject;

export interface TableColumn {
  /** Relative width (weights, summed per table); default 1. */
  width?: number;
  align?: Align;
}

export interface TableBlock {
  kind: 'table';
  /** "Tabel 2.1 Waktu Pelaksanaan SKM": printed above the table. */
  caption?: string;
  columns: TableColumn[];
  /** Repeated at the top of every page the table spans. */
  header: Cell[][];
  body: Cell[][];
  /** Smaller type for wide tables (e.g. U1–U9 matrices). */
  dense?: boolean;
  /** Explanatory note under the table (e.g. "Sumber: data diolah"). */
  note?: string;
}

export type Block =
  | {
      kind: 'heading';
      level: 1 | 2 | 3;
      text: string /** default true */;
      toc?: boolean;
      pageBreakBefore?: boolean;
      align?: Align;
    }
  | {
      kind: 'paragraph';
      content: string | Inline[];
      align?: Align;
      style?: 'normal' | 'small' | 'title' | 'subtitle' | 'caption';
    }
  | { kind: 'list'; ordered?: boolean; items: (string | Inline[])[] }
  | TableBlock
  /** An ECharts option (from `src/shared/charts`) rendered to vector SVG on the server. */
  | { kind: 'chart'; option: ChartOption; width: number; height: number; caption?: string }
  | { kind: 'image'; svg: string; width: number; height: number; caption?: string }
  | { kind: 'toc'; title: string }
  | { kind: 'pageBreak' }
  /** Label/value lines such as "Hari/tanggal : …". */
  | { kind: 'fields'; rows: [label: string, value: string][] }
  /** Place, date, position, (signature space), name, NIP; right-aligned like a Word letter. */
  | {
      kind: 'signature';
      placeDate?: string;
      position: string;
      name: string;
      nip?: string;
      /** "Plt." / "Plh." acting prefix, already part of `position` when set. */
      note?: string;
    }
  | { kind: 'spacer'; lines?: number }
  /** Wide content on landscape pages; the document returns to portrait afterwards. */
  | { kind: 'landscape'; blocks: Block[] };

export interface ReportDocument {
  /** Document properties (PDF info, DOCX core properties). */
  meta: { title: string; subject?: string; author?: string; language: 'id' | 'en' };
  /** Running header text on body pages (not on the cover). */
  header?: string;
  /** Page numbers in the footer; the cover (first page break) is unnumbered. */
  pageNumbers?: boolean;
  /** Cover page blocks, centred, followed by a page break. */
  cover?: Block[];
  blocks: Block[];
}

/** Plain text of inline content (for tests and for the DOCX TOC). */
export const inlineText = (c: string | Inline[]): string =>
  typeof c === 'string' ? c : c.map((i) => (typeof i === 'string' ? i : i.text)).join('');

/** Every text in the document, in order: what a reader would see (tests assert figures here). */
export function documentText(doc: ReportDocument): string {
  const out: string[] = [];
  const cell = (c: Cell) => (typeof c === 'string' ? c : inlineText(c.content));
  const walk = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      switch (b.kind) {
        case 'heading':
          out.push(b.text);
          break;
        case 'paragraph':
          out.push(inlineText(b.content));
          break;
        case 'list':
          for (const i of b.items) out.push(inlineText(i));
          break;
        case 'table':
          if (b.caption) out.push(b.caption);
          for (const r of [...b.header, ...b.body]) out.push(r.map(cell).join(' | '));
          if (b.note) out.push(b.note);
          break;
        case 'chart':
        case 'image':
          if (b.caption) out.push(b.caption);
          break;
        case 'toc':
          out.push(b.title);
          break;
        case 'fields':
          for (const [k, v] of b.rows) out.push(`${k}: ${v}`);
          break;
        case 'signature':
          out.push([b.placeDate, b.position, b.name, b.nip ? `NIP ${b.nip}` : ''].filter(Boolean).join(' | '));
          break;
        case 'landscape':
          walk(b.blocks);
          break;
        default:
          break;
      }
    }
  };
  if (doc.cover) walk(doc.cover);
  walk(doc.blocks);
  return out.join('\n');
}

/** The tables of a document, with their captions (tests compare cells with the dashboard). */
export function documentTables(doc: ReportDocument): TableBlock[] {
  const out: TableBlock[] = [];
  const walk = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.kind === 'table') out.push(b);
      else if (b.kind === 'landscape') walk(b.blocks);
    }
  };
  if (doc.cover) walk(doc.cover);
  walk(doc.blocks);
  return out;
}
