import { elementValuesOption, GRADES, gradeColour, gradeLegendLabel } from '../../../shared/charts/skm-charts.ts';
import { t } from '../../../shared/i18n/index.ts';
import type { Block, Cell, ReportDocument, TableBlock } from '../document/document.ts';
import { type BpomReportModel, type BpomUnitRow, compareWithTarget, type ScopeView } from './bpom.model.ts';

/**
 * Laporan SKM BPOM (DOMAIN 5.13.4), composed from the model only (pure): the BPOM-wide index with its
 * interval, element values and grade; every UPP in one dense landscape table; the units below their
 * IKM target; then per UPP its service table and its RTL.
 */

const centre = (content: string, extra: Partial<Exclude<Cell, string>> = {}): Cell => ({ content, align: 'center', ...extra });
const right = (content: string | number): Cell => ({ content: String(content), align: 'right' });
/** A value cell coloured by its grade (the dashboard's colours; the letter is printed too, never colour alone). */
const graded = (display: string, grade: { code: string } | null): Cell =>
  grade ? { content: display, align: 'center', fill: gradeColour(grade.code) } : centre(display);

function legend(m: BpomReportModel): Block {
  return {
    kind: 'paragraph',
    style: 'small',
    content: `${t(m.locale, 'reports.bpom.legend')}: ${GRADES.map((g) => gradeLegendLabel(g, m.locale)).join('; ')}`,
  };
}

/** `No | <label> | Jenis UPP | Target | Masuk | Dihitung | U1…U9 | IKM | Mutu` */
function matrix(
  m: BpomReportModel,
  caption: string,
  firstHeader: string,
  rows: { label: string; type?: string; scope: ScopeView }[],
  total?: { label: string; scope: ScopeView },
  withType = true,
): TableBlock {
  const L = (k: string) => t(m.locale, `reports.bpom.col.${k}`);
  const codes = m.elements.map((e) => e.code);
  const header: Cell[] = [
    L('no'),
    firstHeader,
    ...(withType ? [L('type')] : []),
    L('target'),
    L('submitted'),
    L('counted'),
    ...codes,
    L('ikm'),
    L('grade'),
  ];
  const line = (no: string, label: string, type: string | undefined, s: ScopeView, bold = false): Cell[] => [
    centre(no),
    bold ? { content: label, bold: true } : label,
    ...(withType ? [type ?? ''] : []),
    right(s.target),
    right(s.submitted),
    right(s.counted),
    ...codes.map((c) => {
      const e = s.elements.find((x) => x.code === c);
      return e ? graded(e.value.display, e.grade) : centre('–');
    }),
    { ...(graded(s.ikm.display, s.grade) as object), bold: true } as Cell,
    centre(s.grade ? s.grade.code : '–', { bold }),
  ];
  return {
    kind: 'table',
    caption,
    dense: true,
    columns: [
      { width: 0.6, align: 'center' },
      { width: 5 },
      ...(withType ? [{ width: 2 }] : []),
      { width: 1.1, align: 'right' },
      { width: 1.2, align: 'right' },
      { width: 1.2, align: 'right' },
      ...codes.map(() => ({ width: 1.05, align: 'center' as const })),
      { width: 1.2, align: 'center' },
      { width: 0.9, align: 'center' },
    ],
    header: [header],
    body: [
      ...rows.map((r, i) => line(String(i + 1), r.label, r.type, r.scope)),
      ...(total ? [line('', total.label, '', total.scope, true)] : []),
    ],
  };
}

function rtlTable(m: BpomReportModel, u: BpomUnitRow, caption: string): Block {
  const L = (k: string) => t(m.locale, `reports.bpom.rtl.${k}`);
  if (!u.rtl.length) return { kind: 'paragraph', content: t(m.locale, 'reports.bpom.rtl.none', { unit: u.name }) };
  return {
    kind: 'table',
    caption,
    dense: true,
    columns: [{ width: 0.5, align: 'center' }, { width: 2 }, { width: 7 }, { width: 1.6 }, { width: 2.2 }, { width: 1.2 }],
    header: [[L('no'), L('elements'), L('action'), L('timeline'), L('pic'), L('status')]],
    body: u.rtl.map((r, i) => [
      centre(String(i + 1)),
      r.elements || '–',
      r.actionText,
      r.timeline ?? '–',
      r.pic ?? '–',
      centre(r.done ? L('done') : L('notDone')),
    ]),
  };
}

export function composeBpomReport(m: BpomReportModel): ReportDocument {
  const { locale } = m;
  const L = (k: string, p?: Record<string, string | number>) => t(locale, `reports.bpom.${k}`, p);
  const year = m.campaign.year;
  const gradeText = m.bpom.grade ? `${m.bpom.grade.code} (${m.bpom.grade.label})` : '–';
  const provisional: Block[] = m.provisional
    ? [{ kind: 'paragraph', content: [{ text: L('provisional'), bold: true }], align: 'center' }]
    : [];

  const cover: Block[] = [
    { kind: 'spacer', lines: 6 },
    { kind: 'paragraph', style: 'title', content: L('title') },
    { kind: 'paragraph', style: 'subtitle', content: L('subtitle', { year }) },
    { kind: 'spacer', lines: 4 },
    { kind: 'paragraph', style: 'subtitle', content: L('agency') },
    { kind: 'paragraph', style: 'subtitle', content: String(year) },
    ...provisional,
  ];

  const below = m.units
    .map((u) => ({ u, cmp: compareWithTarget(u.scope.ikm.display, u.ikmTarget, locale) }))
    .filter((x) => x.cmp?.below);
  const noTarget = m.units.filter((u) => u.ikmTarget === null);
  const withCounted = m.units.filter((u) => u.scope.counted > 0).length;

  const blocks: Block[] = [
    { kind: 'toc', title: L('toc') },
    { kind: 'heading', level: 1, text: L('ch1'), pageBreakBefore: true },
    ...provisional,
    {
      kind: 'paragraph',
      content: L('summary', {
        year,
        units: m.units.length,
        unitsWithData: withCounted,
        submitted: m.bpom.submitted,
        counted: m.bpom.counted,
        ikm: m.bpom.ikm.display,
        grade: gradeText,
        ci: m.bpom.ci95.display,
      }),
    },
    { kind: 'paragraph', content: L('pooled') },
    {
      kind: 'table',
      caption: L('tableElements', { year }),
      columns: [{ width: 1, align: 'center' }, { width: 6 }, { width: 1.6, align: 'center' }, { width: 2.4 }],
      header: [[L('col.code'), L('col.element'), L('col.value'), L('col.grade')]],
      body: [
        ...m.bpom.elements.map((e) => [
          centre(e.code),
          e.name,
          graded(e.value.display, e.grade),
          e.grade ? `${e.grade.code} (${e.grade.label})` : '–',
        ]),
        [
          { content: L('bpomIndex'), colSpan: 2, bold: true },
          { ...(graded(m.bpom.ikm.display, m.bpom.grade) as object), bold: true } as Cell,
          { content: gradeText, bold: true },
        ],
        [{ content: L('ci'), colSpan: 2 }, centre(m.bpom.ci95.display), ''],
      ],
    },
    legend(m),
    {
      kind: 'chart',
      option: elementValuesOption({
        elements: m.bpom.elements.map((e) => ({
          code: e.code,
          name: e.name,
          value: e.value.value,
          display: e.value.display,
          grade: e.grade?.code ?? null,
        })),
        locale,
        title: L('chartElements', { year }),
      }),
      width: 480,
      height: 300,
      caption: L('chartElements', { year }),
    },
    {
      kind: 'landscape',
      blocks: [
        { kind: 'heading', level: 1, text: L('ch2') },
        matrix(
          m,
          L('tableUnits', { year }),
          L('col.upp'),
          m.units.map((u) => ({ label: u.name, type: u.typeLabel, scope: u.scope })),
          { label: L('bpomRow'), scope: m.bpom },
        ),
        legend(m),
      ],
    },
    { kind: 'heading', level: 1, text: L('ch3') },
    below.length
      ? {
          kind: 'table',
          caption: L('tableBelow', { year }),
          columns: [{ width: 0.6, align: 'center' }, { width: 6 }, { width: 2 }, { width: 1.5 }, { width: 1.5 }, { width: 1.5 }],
          header: [[L('col.no'), L('col.upp'), L('col.type'), L('col.ikmTarget'), L('col.ikm'), L('col.gap')]],
          body: below.map(({ u, cmp }, i) => [
            centre(String(i + 1)),
            u.name,
            u.typeLabel,
            centre((compareTarget(u.ikmTarget, locale) ?? '–') as string),
            graded(u.scope.ikm.display, u.scope.grade),
            centre(cmp?.gap ?? '–'),
          ]),
        }
      : { kind: 'paragraph', content: L('noneBelow') },
    ...(noTarget.length ? [{ kind: 'paragraph', style: 'small', content: L('noTarget', { n: noTarget.length }) } as Block] : []),
    {
      kind: 'landscape',
      blocks: [
        { kind: 'heading', level: 1, text: L('ch4') },
        { kind: 'paragraph', content: L('perUnitIntro') },
        ...m.units.flatMap((u, i): Block[] => [
          { kind: 'heading', level: 2, text: `${i + 1}. ${u.name}` },
          {
            kind: 'paragraph',
            content: L('unitLine', {
              ikm: u.scope.ikm.display,
              grade: u.scope.grade ? `${u.scope.grade.code} (${u.scope.grade.label})` : '–',
              ci: u.scope.ci95.display,
              counted: u.scope.counted,
              submitted: u.scope.submitted,
              target: u.scope.target,
            }),
          },
          matrix(
            m,
            L('tableServices', { unit: u.name }),
            L('col.service'),
            u.services.map((s) => ({ label: s.serviceName, scope: s })),
            { label: L('unitRow'), scope: u.scope },
            false,
          ),
          rtlTable(m, u, L('tableRtl', { unit: u.name })),
        ]),
      ],
    },
  ];

  return {
    meta: { title: `${L('title')} ${year}`, subject: m.campaign.name, language: locale },
    header: `${L('title')} ${year}${m.provisional ? ` – ${L('provisionalShort')}` : ''}`,
    pageNumbers: true,
    cover,
    blocks,
  };
}

/** The target as printed (2 decimals in the reader's format). */
function compareTarget(target: string | null, locale: 'id' | 'en'): string | null {
  if (target === null) return null;
  return locale === 'en' ? target : target.replace('.', ',');
}
