/**
 * The LAPKIN (Interim per quarter, or yearly) as the neutral report tree (DOMAIN 8.13, seeds 003 and 004). A pure
 * function of the achievement report (the same object the achievement API returns), the plan, the written
 * narratives and the signatory: it never computes a figure, it only places the service's display strings.
 */
import { SAKIP_ANNUAL_CRITERIA, SAKIP_CRITERIA } from '../../domain/performance/criteria.ts';
import { monthLabel, type Quarter, quarterLabel } from '../../domain/performance/targets.ts';
import {
  absorptionCurveOption,
  CRITERIA_FILL,
  capaianBarsOption,
  indicatorTrendOption,
  perfChartLabel,
} from '../../shared/charts/performance-charts.ts';
import type { Locale } from '../../shared/i18n/index.ts';
import type { Block, Cell, ReportDocument } from '../reports/document/document.ts';
import type { AchievementReport } from './achievement.report.ts';
import { type LapkinTextKey, lapkinText } from './lapkin.text.ts';
import type { NarrativeTexts } from './narrative.service.ts';

export interface TargetColumn {
  annual: string | null;
  monthly: (string | null)[];
  budget: string | null;
}

export interface LapkinIndicator {
  id: string;
  code: string;
  name: string;
  sasaranCode: string;
  formulaType: string;
  unitOfMeasure: string;
  dataSource: string | null;
  responsibleTeam: string | null;
  /** The first PK version of the year ("Semula") and the version in force when it differs ("Menjadi"). */
  semula: TargetColumn | null;
  menjadi: TargetColumn | null;
  parent: { code: string; name: string; unitCode: string } | null;
  predecessor: { code: string; name: string; validFromYear: number } | null;
}

export interface LapkinInput {
  locale: Locale;
  kind: 'interim' | 'annual';
  entity: { name: string; code: string };
  year: number;
  quarter: Quarter;
  report: AchievementReport;
  plan: {
    perspectives: { code: string; name: string }[];
    sasaran: { id: string; code: string; name: string }[];
    indicators: LapkinIndicator[];
  };
  texts: NarrativeTexts;
  /** Obstacles noted on the period's verified realisations, per indicator code (used when no narrative is written). */
  realisationObstacles: Map<string, string>;
  /** Numerator and denominator entered at the period end for `ratio` indicators, per indicator code. */
  ratioInputs: Map<string, { numerator: string; denominator: string }>;
  signature: { placeDate: string; position: string; name: string; nip?: string } | null;
  finalised: boolean;
  /** Target-revision lines of the year, oldest first (Lampiran worksheets). */
  revisionLines?: {
    code: string;
    currentAnnual: string | null;
    proposedAnnual: string | null;
    currentMonthly: (string | null)[];
    proposedMonthly: (string | null)[];
    verdict: string | null;
  }[];
  /** The workflow line of DOMAIN 8.13 (status, reviewer, finalisation, submission), printed on the cover. */
  statusLine?: string | null;
  /** Formats a decimal string (target) or a rupiah amount for display, the same way the service formats figures. */
  format: { decimal: (s: string | null) => string; rupiah: (s: string | null) => string; entered: (s: string | null) => string };
}

type Num = { value: string; rounded: string; display: string } | null;
const disp = (n: Num | undefined): string => n?.display ?? '-';

/** Plain text narratives: blank lines split paragraphs, "- " lines become a list. */
function textBlocks(text: string): Block[] {
  const out: Block[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const lines = para
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.every((l) => /^[-•]\s+/.test(l))) out.push({ kind: 'list', items: lines.map((l) => l.replace(/^[-•]\s+/, '')) });
    else out.push({ kind: 'paragraph', content: lines.join(' '), align: 'justify' });
  }
  return out;
}

const critCell = (c: { code: string; label: string } | null | undefined): Cell =>
  c ? { content: c.label, fill: CRITERIA_FILL[c.code]?.fill, color: CRITERIA_FILL[c.code]?.text, align: 'center' } : '-';

const right = (s: string): Cell => ({ content: s, align: 'right' });

export function composeLapkin(input: LapkinInput): ReportDocument {
  const { locale, report, plan, texts, year, quarter } = input;
  const tx = (key: LapkinTextKey, params?: Record<string, string | number>) => lapkinText(locale, key, params);
  const q = ['I', 'II', 'III', 'IV'][quarter - 1] as string;
  const annual = input.kind === 'annual';
  const period = annual ? tx('periodAnnual') : tx('periodInterim', { q });
  const curr = quarterLabel(quarter);
  const prev = quarter > 1 ? quarterLabel((quarter - 1) as Quarter) : null;
  const kind = tx(annual ? 'kindAnnual' : 'kindInterim');
  const entity = input.entity.name;
  const common = { entity, year, period, kind, curr, prev: prev ?? '' };
  let tableNo = 0;
  let figureNo = 0;
  const tableCaption = (key: LapkinTextKey, params: Record<string, string | number> = {}) =>
    tx(key, { ...common, ...params, n: ++tableNo });
  const figureCaption = (key: LapkinTextKey, params: Record<string, string | number> = {}) =>
    tx(key, { ...common, ...params, n: ++figureNo });

  const indicators = report.indicators;
  const measured = indicators.filter((i) => i.capaianPeriod !== null);
  const counts = report.counts.indicators as Record<string, number>;
  const countParams = {
    m: indicators.length,
    measured: measured.length,
    unmeasured: indicators.length - measured.length,
    memenuhi: counts.memenuhi ?? 0,
    belum: counts.belum ?? 0,
    tidak: counts.tidak ?? 0,
    tdd: counts.tdd ?? 0,
  };
  const sasaranNo = new Map(plan.sasaran.map((s, i) => [s.code, i + 1]));
  const indicatorNo = new Map(indicators.map((i, k) => [i.code, k + 1]));
  const planInd = new Map(plan.indicators.map((i) => [i.code, i]));
  const sasaranId = (code: string) => plan.sasaran.find((s) => s.code === code)?.id ?? '';
  const overall = report.overall;
  const methodText = tx(overall.method === 'mean_of_sasaran' ? 'methodSasaran' : 'methodPerspectives');
  const budget = report.budget;
  const total = budget?.total ?? null;

  /* ---------- cover and foreword ---------- */
  const cover: Block[] = [
    { kind: 'spacer', lines: 6 },
    { kind: 'paragraph', content: tx(annual ? 'titleAnnual' : 'titleInterim'), style: 'title', align: 'center' },
    { kind: 'paragraph', content: entity.toUpperCase(), style: 'title', align: 'center' },
    { kind: 'spacer', lines: 2 },
    ...(annual
      ? []
      : [
          { kind: 'paragraph' as const, content: tx('quarterWord', { q }), style: 'subtitle' as const, align: 'center' as const },
        ]),
    { kind: 'paragraph', content: tx('yearWord', { year }), style: 'subtitle', align: 'center' },
    ...(input.statusLine
      ? [
          { kind: 'spacer' as const, lines: 2 },
          { kind: 'paragraph' as const, content: input.statusLine, style: 'small' as const, align: 'center' as const },
        ]
      : []),
    ...(input.finalised
      ? []
      : [
          { kind: 'spacer' as const, lines: 4 },
          { kind: 'paragraph' as const, content: tx('draftNote'), style: 'small' as const, align: 'center' as const },
        ]),
  ];

  const blocks: Block[] = [];
  blocks.push({ kind: 'heading', level: 1, text: tx('foreword') });
  const foreword = texts.entity('foreword');
  blocks.push(
    ...(foreword
      ? textBlocks(foreword)
      : [{ kind: 'paragraph' as const, content: tx('forewordDefault', common), align: 'justify' as const }]),
  );
  blocks.push(
    input.signature
      ? { kind: 'signature', ...input.signature }
      : { kind: 'paragraph', content: tx('noSignatory'), align: 'right', style: 'small' },
  );
  blocks.push({ kind: 'pageBreak' }, { kind: 'toc', title: tx('toc') });

  /* ---------- Ringkasan Eksekutif ---------- */
  blocks.push({ kind: 'heading', level: 1, text: tx('summary'), pageBreakBefore: true });
  blocks.push({ kind: 'paragraph', content: tx('summarySasaran', { entity, n: plan.sasaran.length, m: indicators.length }) });
  blocks.push({ kind: 'list', ordered: true, items: plan.sasaran.map((s) => s.name) });
  blocks.push({
    kind: 'table',
    caption: tableCaption('summaryTable'),
    columns: [{ width: 0.5, align: 'center' }, { width: 3 }, { width: 4 }, { width: 2 }],
    header: [[tx('colNo'), tx('colSasaran'), tx('colIndicator'), tx('colCategory')]],
    body: report.sasaran.flatMap((s) => {
      const own = indicators.filter((i) => i.sasaran === s.code);
      return own.map((i, k): Cell[] => {
        // The sasaran is named on its first row only (row spans break badly across pages).
        const cells: Cell[] = k === 0 ? [{ content: String(sasaranNo.get(s.code) ?? ''), align: 'center' }, s.name] : ['', ''];
        cells.push(`${i.code}. ${i.name}`);
        cells.push(i.criterion ? critCell(i.criterion) : { content: tx('notMeasured'), align: 'center' });
        return cells;
      });
    }),
    note: tx('endOfYear'),
  });
  blocks.push({ kind: 'paragraph', content: tx('summaryCounts', { ...common, ...countParams }), align: 'justify' });
  blocks.push({
    kind: 'paragraph',
    content: overall.score
      ? tx('summaryScore', {
          ...common,
          score: overall.score.display,
          criterion: overall.criterion?.label ?? '-',
          method: methodText,
        })
      : tx('summaryNoScore'),
    align: 'justify',
  });
  if (total)
    blocks.push({
      kind: 'paragraph',
      content: tx('summaryBudget', {
        ...common,
        pagu: input.format.rupiah(total.pagu),
        blocked: input.format.rupiah(total.blocked),
        effective: input.format.rupiah(total.effectivePagu),
        real: input.format.rupiah(total.realisation),
        pct: disp(total.realisationPct),
        pctNet: disp(total.realisationPctNet),
      }),
      align: 'justify',
    });
  blocks.push(...textBlocks(texts.entity('summaryFactors')));

  /* ---------- BAB I ---------- */
  blocks.push({ kind: 'heading', level: 1, text: tx('bab1'), pageBreakBefore: true });
  blocks.push({ kind: 'heading', level: 2, text: tx('background') });
  const background = texts.entity('background');
  blocks.push(
    ...(background
      ? textBlocks(background)
      : [{ kind: 'paragraph' as const, content: tx('backgroundDefault', common), align: 'justify' as const }]),
  );
  for (const [key, heading] of [
    ['tasksFunctions', 'tasks'],
    ['organisation', 'organisation'],
    ['humanResources', 'hr'],
    ['strategicIssues', 'issues'],
  ] as const) {
    const body = texts.entity(key);
    if (!body) continue;
    blocks.push({ kind: 'heading', level: 2, text: tx(heading) }, ...textBlocks(body));
  }

  /* ---------- BAB II ---------- */
  blocks.push({ kind: 'heading', level: 1, text: tx('bab2'), pageBreakBefore: true });
  blocks.push({ kind: 'heading', level: 2, text: tx('renstra') });
  blocks.push(...textBlocks(texts.entity('strategicPlan')));
  blocks.push({
    kind: 'paragraph',
    content: tx('renstraCount', {
      entity,
      n: plan.sasaran.length,
      m: indicators.length,
      p: plan.perspectives.length,
      list: plan.perspectives.map((p) => p.name).join(', '),
    }),
    align: 'justify',
  });
  blocks.push({ kind: 'heading', level: 2, text: tx('pk') });
  const revised = plan.indicators.some((i) => i.menjadi !== null);
  blocks.push({
    kind: 'table',
    caption: tableCaption('pkTable'),
    columns: [
      { width: 3 },
      { width: 4 },
      { width: 1.2, align: 'right' },
      ...(revised ? [{ width: 1.2, align: 'right' as const }] : []),
    ],
    header: [
      [tx('colSasaran'), tx('colIndicator'), revised ? tx('colSemula') : tx('colTarget'), ...(revised ? [tx('colMenjadi')] : [])],
    ],
    body: plan.sasaran.flatMap((s) => {
      const own = plan.indicators.filter((i) => i.sasaranCode === s.code);
      return own.map((i, k): Cell[] => [
        k === 0 ? `${sasaranNo.get(s.code)}. ${s.name}` : '',
        `${i.code}. ${i.name}`,
        right(input.format.decimal(i.semula?.annual ?? null)),
        ...(revised ? [right(i.menjadi ? input.format.decimal(i.menjadi.annual) : '')] : []),
      ]);
    }),
  });
  blocks.push({ kind: 'heading', level: 2, text: tx('rapk') });
  blocks.push({
    kind: 'landscape',
    blocks: [
      {
        kind: 'table',
        caption: tableCaption('rapkTable'),
        dense: true,
        columns: [
          { width: 0.5, align: 'center' },
          { width: 4 },
          ...Array.from({ length: 12 }, () => ({ width: 0.8, align: 'right' as const })),
          { width: 1.8, align: 'right' },
        ],
        header: [[tx('colNo'), tx('colIndicator'), ...Array.from({ length: 12 }, (_, k) => monthLabel(k + 1)), tx('colBudget')]],
        body: plan.indicators.map((i) => {
          const v = i.menjadi ?? i.semula;
          return [
            i.code,
            i.name,
            ...Array.from({ length: 12 }, (_, k) => input.format.decimal(v?.monthly[k] ?? null)),
            input.format.rupiah(v?.budget ?? null),
          ];
        }),
      },
    ],
  });
  if (total && budget?.allocations) {
    blocks.push({ kind: 'heading', level: 2, text: tx('budgetPlan') });
    blocks.push({ kind: 'paragraph', content: tx('budgetPlanText', { ...common, pagu: input.format.rupiah(total.pagu) }) });
    blocks.push({
      kind: 'table',
      caption: tableCaption('budgetPlanTable'),
      columns: [{ width: 5 }, { width: 2, align: 'right' }],
      header: [[tx('colSasaran'), tx('colPagu')]],
      body: [
        [
          { content: tx('programme'), bold: true },
          { content: input.format.rupiah(total.pagu), bold: true, align: 'right' },
        ],
        ...budget.allocations.bySasaran.map((a) => [
          `${sasaranNo.get(a.sasaran) ?? a.sasaran}. ${plan.sasaran.find((s) => s.code === a.sasaran)?.name ?? a.sasaran}`,
          input.format.rupiah(a.allocation),
        ]),
      ],
    });
  }
  blocks.push({ kind: 'heading', level: 2, text: tx('method') });
  blocks.push(
    { kind: 'paragraph', content: tx('methodText'), align: 'justify' },
    { kind: 'paragraph', content: methodText, align: 'justify' },
  );
  blocks.push({
    kind: 'table',
    caption: tableCaption('criteriaTable'),
    columns: [{ width: 3 }, { width: 2, align: 'center' }, { width: 2 }, { width: 2 }],
    header: [[tx('colCriterion'), tx('colRule'), tx('colColour'), tx('colEffectiveness')]],
    body: SAKIP_CRITERIA.bands.map((b) => [
      critCell({ code: b.code, label: locale === 'en' ? (b.labelEn ?? b.label) : b.label }),
      String(b.extra?.printedRule ?? ''),
      b.colour ?? '',
      String(b.extra?.effectiveness ?? ''),
    ]),
  });
  blocks.push({
    kind: 'table',
    caption: tableCaption('annualCriteriaTable'),
    columns: [{ width: 3 }, { width: 2, align: 'center' }],
    header: [[tx('colCriterion'), tx('colRule')]],
    body: SAKIP_ANNUAL_CRITERIA.bands.map((b, k) => [
      critCell({ code: b.code, label: locale === 'en' ? (b.labelEn ?? b.label) : b.label }),
      ['x ≥ 100', '75 ≤ x < 100', 'x < 75'][k] ?? '',
    ]),
  });

  /* ---------- BAB III ---------- */
  blocks.push({ kind: 'heading', level: 1, text: tx('bab3'), pageBreakBefore: true });
  blocks.push({ kind: 'heading', level: 2, text: tx('achievement') });
  blocks.push({
    kind: 'paragraph',
    content: tx('achievementText', {
      ...common,
      measuredSasaran: report.sasaran.filter((s) => s.score !== null).length,
      n: report.sasaran.length,
      measured: measured.length,
      m: indicators.length,
    }),
  });
  blocks.push({
    kind: 'landscape',
    blocks: [
      {
        kind: 'table',
        caption: tableCaption('masterTable'),
        dense: true,
        columns: [
          { width: 0.4, align: 'center' },
          { width: 3 },
          { width: 0.4, align: 'center' },
          { width: 4 },
          { width: 1, align: 'right' },
          { width: 1, align: 'right' },
          { width: 1, align: 'right' },
          { width: 1.1, align: 'right' },
          { width: 1.6 },
        ],
        header: [
          [
            tx('colNo'),
            tx('colSasaran'),
            tx('colNo'),
            tx('colIndicator'),
            tx('colTargetQ', common),
            tx('colRealQ', common),
            tx('colCapQ', common),
            tx('colCapY', common),
            tx('colCritQ', common),
          ],
        ],
        body: report.sasaran.flatMap((s) => {
          const own = indicators.filter((i) => i.sasaran === s.code);
          return own.map((i, k): Cell[] => [
            ...(k === 0 ? [{ content: String(sasaranNo.get(s.code) ?? ''), align: 'center' } as Cell, s.name] : ['', '']),
            String(indicatorNo.get(i.code) ?? ''),
            i.name,
            right(disp(i.periodTarget)),
            right(disp(i.realisation)),
            right(disp(i.capaianPeriod)),
            right(disp(i.capaianAnnual)),
            critCell(i.criterion),
          ]);
        }),
      },
    ],
  });
  if (measured.length)
    blocks.push({
      kind: 'chart',
      option: capaianBarsOption({
        rows: measured.map((i) => ({ code: i.code, capaian: i.capaianPeriod, criterion: i.criterion })),
        locale,
      }),
      width: 480,
      height: 260,
      caption: figureCaption('chartIndicators'),
    });
  blocks.push({
    kind: 'table',
    caption: tableCaption('sasaranTable'),
    columns: [{ width: 2 }, { width: 0.5, align: 'center' }, { width: 5 }, { width: 1.3, align: 'right' }, { width: 2 }],
    header: [[tx('colPerspective'), tx('colNo'), tx('colSasaran'), tx('colNps', common), tx('colCriterion')]],
    body: [
      ...report.perspectives.flatMap((p) => {
        const own = report.sasaran.filter((s) => s.perspective === p.code);
        return [
          [
            { content: p.name, colSpan: 3, bold: true },
            { content: disp(p.score), align: 'right', bold: true },
            critCell(p.criterion),
          ] as Cell[],
          ...own.map((s): Cell[] => [
            '',
            String(sasaranNo.get(s.code) ?? ''),
            s.name,
            right(disp(s.score)),
            critCell(s.criterion),
          ]),
        ];
      }),
      [
        { content: tx('npss'), colSpan: 3, bold: true },
        { content: disp(overall.score), align: 'right', bold: true },
        critCell(overall.criterion),
      ],
    ],
  });

  /* comparison with the previous quarter */
  blocks.push({ kind: 'heading', level: 2, text: tx('comparison') });
  if (!prev) blocks.push({ kind: 'paragraph', content: tx('comparisonNone') });
  else {
    blocks.push({
      kind: 'table',
      caption: tableCaption('comparisonTable'),
      columns: [
        { width: 0.5, align: 'center' },
        { width: 5 },
        { width: 1.3, align: 'right' },
        { width: 1.3, align: 'right' },
        { width: 2 },
      ],
      header: [[tx('colNo'), tx('colIndicator'), tx('colPrev', common), tx('colCurr', common), tx('colCriterion')]],
      body: [
        ...indicators
          .filter((i) => i.capaianPeriod !== null || i.previous?.capaianPeriod)
          .map((i): Cell[] => [
            i.code,
            i.name,
            right(disp(i.previous?.capaianPeriod)),
            right(disp(i.capaianPeriod)),
            critCell(i.criterion),
          ]),
        ...report.sasaran
          .filter((s) => s.score !== null || s.previousScore)
          .map((s): Cell[] => [
            { content: String(sasaranNo.get(s.code) ?? ''), bold: true, align: 'center' },
            { content: s.name, bold: true },
            right(disp(s.previousScore)),
            right(disp(s.score)),
            critCell(s.criterion),
          ]),
        [
          { content: tx('npss'), colSpan: 2, bold: true },
          right(disp(overall.previousScore)),
          right(disp(overall.score)),
          critCell(overall.criterion),
        ],
      ],
    });
    blocks.push({
      kind: 'paragraph',
      content: tx('comparisonText', { ...common, score: disp(overall.score), prevScore: disp(overall.previousScore) }),
    });
    const scored = report.sasaran.filter((s) => s.score !== null || s.previousScore);
    if (scored.length)
      blocks.push({
        kind: 'chart',
        option: capaianBarsOption({
          rows: scored.map((s) => ({ code: s.code, capaian: s.score ?? s.previousScore, criterion: s.criterion })),
          previous: scored.map((s) => s.previousScore),
          locale,
          title: perfChartLabel(locale, 'sasaran'),
        }),
        width: 480,
        height: 260,
        caption: figureCaption('chartSasaran'),
      });
  }

  /* per sasaran and per indicator */
  blocks.push({ kind: 'heading', level: 2, text: tx('analysis') });
  const prevEnd = prev ? (quarter - 1) * 3 : null;
  const end = quarter * 3;
  for (const s of report.sasaran) {
    const no = sasaranNo.get(s.code) ?? s.code;
    const own = indicators.filter((i) => i.sasaran === s.code);
    blocks.push({ kind: 'heading', level: 3, text: tx('sasaranHeading', { no, name: s.name }) });
    const at = (i: (typeof own)[number], m: number | null) => (m === null ? undefined : i.series.find((p) => p.month === m));
    blocks.push({
      kind: 'table',
      caption: tableCaption('sasaranPerTable', { no }),
      dense: true,
      columns: [
        { width: 0.4, align: 'center' },
        { width: 4 },
        { width: 1, align: 'right' },
        ...(prevEnd
          ? [
              { width: 0.9, align: 'right' as const },
              { width: 0.9, align: 'right' as const },
              { width: 0.9, align: 'right' as const },
            ]
          : []),
        { width: 0.9, align: 'right' },
        { width: 0.9, align: 'right' },
        { width: 0.9, align: 'right' },
        { width: 1.1, align: 'right' },
      ],
      header: [
        [
          tx('colNo'),
          tx('colIndicator'),
          tx('colTargetY', common),
          ...(prev ? [`T ${prev}`, `R ${prev}`, `% ${prev}`] : []),
          `T ${curr}`,
          `R ${curr}`,
          `% ${curr}`,
          tx('colCapY', common),
        ],
      ],
      body: [
        ...own.map((i): Cell[] => [
          String(indicatorNo.get(i.code) ?? ''),
          i.name,
          disp(i.annualTarget),
          ...(prevEnd ? [disp(at(i, prevEnd)?.target), disp(at(i, prevEnd)?.realisation), disp(i.previous?.capaianPeriod)] : []),
          disp(at(i, end)?.target ?? i.periodTarget),
          disp(i.realisation),
          disp(i.capaianPeriod),
          disp(i.capaianAnnual),
        ]),
        [
          { content: tx('capaianSs', { no }), colSpan: 3, bold: true },
          ...(prev ? [{ content: disp(s.previousScore), colSpan: 3, bold: true, align: 'center' } as Cell] : []),
          { content: disp(s.score), colSpan: 3, bold: true, align: 'center' },
          '',
        ],
      ],
    });
    const band = SAKIP_CRITERIA.bands.find((b) => b.code === s.criterion?.code);
    blocks.push({
      kind: 'paragraph',
      align: 'justify',
      content: s.score
        ? tx('sasaranSentence', {
            ...common,
            name: s.name,
            score: s.score.display,
            criterion: s.criterion?.label ?? '-',
            colour: band?.colour ?? '-',
            sentence: String(band?.extra?.sentence ?? ''),
          })
        : tx('sasaranNotMeasured', { ...common, name: s.name }),
    });
    blocks.push(...textBlocks(texts.sasaran(sasaranId(s.code), 'analysis')));
    for (const i of own) {
      const p = planInd.get(i.code);
      const ino = indicatorNo.get(i.code) ?? i.code;
      blocks.push({ kind: 'paragraph', content: [{ text: tx('indicatorHeading', { no: ino, name: i.name }), bold: true }] });
      blocks.push({
        kind: 'table',
        caption: tableCaption('indicatorTable', { no: ino }),
        columns: [
          { width: 1.5 },
          { width: 1, align: 'right' },
          { width: 1, align: 'right' },
          { width: 1, align: 'right' },
          { width: 2 },
        ],
        header: [[tx('colPeriod'), tx('colTarget'), tx('colRealisation'), tx('colCapaian'), tx('colCriterion')]],
        body: [
          [curr, disp(i.periodTarget), disp(i.realisation), disp(i.capaianPeriod), critCell(i.criterion)],
          [
            tx('rowYear', { year }),
            disp(i.annualTarget),
            disp(i.realisation),
            disp(i.capaianAnnual),
            critCell(i.annualCriterion),
          ],
        ],
      });
      if (i.capaianPeriod !== null && i.series.length)
        blocks.push({
          kind: 'chart',
          option: indicatorTrendOption({ series: i.series, locale, title: `${ino}. ${i.name}`.slice(0, 80) }),
          width: 420,
          height: 200,
          caption: figureCaption('indicatorChart', { no: ino }),
        });
      const id = p?.id ?? '';
      const definition = texts.indicator(id, 'definition');
      blocks.push({ kind: 'paragraph', content: [{ text: tx('definition'), italic: true }] });
      blocks.push(...textBlocks(definition));
      if (p) {
        blocks.push({
          kind: 'paragraph',
          style: 'small',
          content: tx('formulaLine', {
            formula: p.formulaType,
            unit: p.unitOfMeasure,
            source: p.dataSource ?? '-',
            team: p.responsibleTeam ?? '-',
          }),
        });
        if (p.parent)
          blocks.push({
            kind: 'paragraph',
            style: 'small',
            content: tx('cascadeLine', { code: p.parent.code, name: p.parent.name, unit: p.parent.unitCode }),
          });
        if (p.predecessor)
          blocks.push({
            kind: 'paragraph',
            style: 'small',
            content: tx('predecessorLine', {
              code: p.predecessor.code,
              name: p.predecessor.name,
              year: p.predecessor.validFromYear,
            }),
          });
      }
      for (const [section, heading] of [
        ['analysis', 'supporting'],
        ['causes', 'causes'],
      ] as const) {
        const body = texts.indicator(id, section);
        if (body) blocks.push({ kind: 'paragraph', content: [{ text: tx(heading), italic: true }] }, ...textBlocks(body));
      }
      const obstacles = texts.indicator(id, 'obstacles') || input.realisationObstacles.get(i.code) || '';
      const followUp = texts.indicator(id, 'followUp');
      if (obstacles || followUp) {
        blocks.push({ kind: 'paragraph', content: [{ text: tx('followUpHeading'), italic: true }] });
        blocks.push(...textBlocks(obstacles), ...textBlocks(followUp));
      }
    }
  }

  /* Kendala & RTL */
  blocks.push({ kind: 'heading', level: 2, text: tx('obstaclesSection') });
  const obstacleRows = indicators
    .map((i) => {
      const id = planInd.get(i.code)?.id ?? '';
      return {
        i,
        kendala: texts.indicator(id, 'obstacles') || input.realisationObstacles.get(i.code) || '',
        rtl: texts.indicator(id, 'followUp'),
      };
    })
    .filter((r) => r.kendala || r.rtl);
  if (obstacleRows.length === 0) blocks.push({ kind: 'paragraph', content: tx('obstaclesNone') });
  else
    blocks.push({
      kind: 'table',
      caption: tableCaption('obstaclesTable'),
      columns: [{ width: 0.5, align: 'center' }, { width: 3 }, { width: 4 }, { width: 4 }],
      header: [[tx('colNo'), tx('colIndicator'), tx('colKendala'), tx('colFollowUp')]],
      body: obstacleRows.map((r, k) => [String(k + 1), `${r.i.code}. ${r.i.name}`, r.kendala || '-', r.rtl || '-']),
    });

  /* Akuntabilitas keuangan */
  if (budget && total) {
    blocks.push({ kind: 'heading', level: 2, text: tx('finance') });
    blocks.push({
      kind: 'paragraph',
      align: 'justify',
      content: tx('summaryBudget', {
        ...common,
        pagu: input.format.rupiah(total.pagu),
        blocked: input.format.rupiah(total.blocked),
        effective: input.format.rupiah(total.effectivePagu),
        real: input.format.rupiah(total.realisation),
        pct: disp(total.realisationPct),
        pctNet: disp(total.realisationPctNet),
      }),
    });
    const types = budget.bySpendingType as Record<string, typeof total> | null;
    if (types) {
      const cols = ['pegawai', 'barang', 'modal', 'total'] as const;
      const head = [['', tx('pegawai'), tx('barang'), tx('modal'), tx('totalCaps')]];
      const columns = [{ width: 1.6 }, ...cols.map(() => ({ width: 1.6, align: 'right' as const }))];
      blocks.push({
        kind: 'table',
        caption: tableCaption('spendingTable'),
        columns,
        header: head,
        body: [
          [tx('rowPagu'), ...cols.map((c) => input.format.rupiah(types[c]?.pagu ?? null))],
          [tx('rowReal'), ...cols.map((c) => input.format.rupiah(types[c]?.realisation ?? null))],
          [tx('rowPct'), ...cols.map((c) => disp(types[c]?.realisationPct))],
        ],
      });
      blocks.push({
        kind: 'table',
        caption: tableCaption('spendingNetTable'),
        columns,
        header: head,
        body: [
          [tx('rowPagu'), ...cols.map((c) => input.format.rupiah(types[c]?.effectivePagu ?? null))],
          [tx('rowReal'), ...cols.map((c) => input.format.rupiah(types[c]?.realisation ?? null))],
          [tx('rowPct'), ...cols.map((c) => disp(types[c]?.realisationPctNet))],
        ],
      });
    }
    const alloc = budget.allocations;
    if (alloc) {
      blocks.push({
        kind: 'table',
        caption: tableCaption('financeTable'),
        columns: [{ width: 5 }, { width: 2, align: 'right' }, { width: 2, align: 'right' }, { width: 1, align: 'right' }],
        header: [[tx('colSasaran'), tx('colTargetRp'), tx('colRealRp'), tx('colPct')]],
        body: [
          [
            { content: tx('programme'), bold: true },
            { content: input.format.rupiah(total.effectivePagu), bold: true, align: 'right' },
            { content: input.format.rupiah(total.realisation), bold: true, align: 'right' },
            { content: disp(total.realisationPctNet), bold: true, align: 'right' },
          ],
          ...alloc.bySasaran.map((a) => [
            `${sasaranNo.get(a.sasaran) ?? a.sasaran}. ${plan.sasaran.find((s) => s.code === a.sasaran)?.name ?? a.sasaran}`,
            input.format.rupiah(a.allocation),
            input.format.rupiah(a.realisation),
            disp(a.realisationPct),
          ]),
        ],
        ...(alloc.realisationDifference && alloc.realisationDifference !== '0'
          ? {
              note: tx('reconciliation', {
                diff: alloc.realisationDifference.startsWith('-')
                  ? `-Rp${input.format.rupiah(alloc.realisationDifference.slice(1))}`
                  : `Rp${input.format.rupiah(alloc.realisationDifference)}`,
              }),
            }
          : {}),
      });
    }
    if (budget.absorptionCurve.some((p) => p.planPct !== null || p.realisationPct !== null))
      blocks.push({
        kind: 'chart',
        option: absorptionCurveOption({ curve: budget.absorptionCurve, locale }),
        width: 480,
        height: 240,
        caption: figureCaption('absorptionChart'),
      });
    blocks.push(...textBlocks(texts.entity('budgetEfforts')));
  }

  /* Efisiensi */
  const eff = report.efficiency;
  if (eff) {
    blocks.push({ kind: 'heading', level: 2, text: tx('efficiency') });
    blocks.push({ kind: 'paragraph', content: tx('efficiencyText'), align: 'justify' });
    const perIndicator = eff.rowsPer === 'indicator';
    const nameOf = (code: string) =>
      perIndicator
        ? (indicators.find((i) => i.code === code)?.name ?? code)
        : (plan.sasaran.find((s) => s.code === code)?.name ?? code);
    // The "Justifikasi" column is written per sasaran row; indicator rows have none.
    const justification = (code: string) => (perIndicator ? '' : texts.sasaran(sasaranId(code), 'justification'));
    blocks.push({
      kind: 'landscape',
      blocks: [
        {
          kind: 'table',
          caption: tableCaption('efficiencyTable', {
            rows: tx(perIndicator ? 'efficiencyRowsIndicator' : 'efficiencyRowsSasaran'),
          }),
          dense: true,
          columns: [
            { width: 0.4, align: 'center' },
            { width: 4 },
            { width: 0.9, align: 'right' },
            { width: 0.9, align: 'right' },
            { width: 0.7, align: 'right' },
            { width: 0.7, align: 'right' },
            { width: 0.9, align: 'right' },
            { width: 1.2 },
            { width: 3 },
          ],
          header: [
            [
              tx('colNo'),
              tx(perIndicator ? 'colIndicator' : 'colSasaran'),
              tx('colOutput'),
              tx('colInput'),
              'IE',
              'TE',
              tx('colCapaianTe'),
              tx('colCategory'),
              tx('colJustification'),
            ],
          ],
          body: [
            ...eff.rows.map((r, k): Cell[] => [
              String(perIndicator ? (indicatorNo.get(r.code) ?? k + 1) : (sasaranNo.get(r.code) ?? k + 1)),
              nameOf(r.code),
              disp(r.output),
              disp(r.input),
              disp(r.ie),
              disp(r.te),
              r.capaianTe === null ? '-' : `${r.capaianTe}%`,
              r.categoryLabel ?? '-',
              justification(r.code) || '',
            ]),
            [
              '',
              { content: tx('total'), bold: true },
              disp(eff.total.output),
              disp(eff.total.input),
              disp(eff.total.ie),
              disp(eff.total.te),
              eff.total.capaianTe === null ? '-' : `${eff.total.capaianTe}%`,
              eff.total.categoryLabel ?? '-',
              '',
            ],
          ],
        },
      ],
    });
    if (eff.total.ie)
      blocks.push({
        kind: 'paragraph',
        align: 'justify',
        content: tx('efficiencyTotal', {
          output: disp(eff.total.output),
          input: disp(eff.total.input),
          ie: disp(eff.total.ie),
          te: disp(eff.total.te),
          capaianTe: eff.total.capaianTe ?? '-',
          category: eff.total.categoryLabel ?? '-',
        }),
      });
    blocks.push(...textBlocks(texts.entity('efficiencyNotes')));
  }

  /* ---------- BAB IV ---------- */
  blocks.push({ kind: 'heading', level: 1, text: tx('bab4'), pageBreakBefore: true });
  blocks.push({ kind: 'heading', level: 2, text: tx('conclusions') });
  const conclusions: string[] = [tx('conclusionCounts', { ...common, ...countParams })];
  if (overall.score)
    conclusions.push(tx('conclusionScore', { score: overall.score.display, criterion: overall.criterion?.label ?? '-' }));
  if (total)
    conclusions.push(
      tx('conclusionBudget', {
        ...common,
        real: input.format.rupiah(total.realisation),
        pctNet: disp(total.realisationPctNet),
        effective: input.format.rupiah(total.effectivePagu),
      }),
    );
  if (eff?.total.te)
    conclusions.push(
      tx('conclusionEfficiency', {
        te: disp(eff.total.te),
        capaianTe: eff.total.capaianTe ?? '-',
        category: eff.total.categoryLabel ?? '-',
      }),
    );
  blocks.push({ kind: 'list', ordered: true, items: conclusions });
  blocks.push(...textBlocks(texts.entity('conclusions')));
  const recommendations = texts.entity('recommendations');
  if (recommendations) blocks.push({ kind: 'heading', level: 2, text: tx('recommendations') }, ...textBlocks(recommendations));

  /* ---------- Lampiran ---------- */
  const byIndicator = budget?.allocations?.byIndicator ?? [];
  const revisionLines = (input.revisionLines ?? []).filter((l) => indicatorNo.has(l.code));
  if (input.ratioInputs.size || byIndicator.length || revisionLines.length)
    blocks.push({ kind: 'heading', level: 1, text: tx('annex'), pageBreakBefore: true });
  // Matriks Capaian RAPK
  if (input.ratioInputs.size) {
    blocks.push({
      kind: 'landscape',
      blocks: [
        {
          kind: 'table',
          caption: tableCaption('ratioMatrix', { month: monthLabel(quarter * 3) }),
          dense: true,
          columns: [
            { width: 0.5, align: 'center' },
            { width: 4 },
            ...Array.from({ length: 7 }, () => ({ width: 1, align: 'right' as const })),
          ],
          header: [
            [
              tx('colNo'),
              tx('colIndicator'),
              tx('colTargetY', common),
              `${tx('colTarget')} ${monthLabel(quarter * 3)}`,
              tx('numerator'),
              tx('denominator'),
              tx('colRealisation'),
              `% ${monthLabel(quarter * 3)}`,
              tx('colCapY', common),
            ],
          ],
          body: indicators
            .filter((i) => input.ratioInputs.has(i.code))
            .map((i) => {
              const r = input.ratioInputs.get(i.code);
              return [
                i.code,
                i.name,
                disp(i.annualTarget),
                disp(i.periodTarget),
                input.format.entered(r?.numerator ?? null),
                input.format.entered(r?.denominator ?? null),
                disp(i.realisation),
                disp(i.capaianPeriod),
                disp(i.capaianAnnual),
              ];
            }),
        },
      ],
    });
  }

  // Anggaran per indikator: `Sasaran | Indikator | Pagu | Realisasi | % Realisasi`, figures of the budget service.
  if (byIndicator.length)
    blocks.push({
      kind: 'table',
      caption: tableCaption('annexBudget'),
      dense: true,
      columns: [
        { width: 3 },
        { width: 4 },
        { width: 1.6, align: 'right' },
        { width: 1.6, align: 'right' },
        { width: 0.8, align: 'right' },
      ],
      header: [[tx('colSasaran'), tx('colIndicator'), tx('colPagu'), tx('colRealRp'), `% ${tx('colRealisation')}`]],
      body: byIndicator.map((a) => [
        `${sasaranNo.get(a.sasaran) ?? a.sasaran}. ${plan.sasaran.find((x) => x.code === a.sasaran)?.name ?? a.sasaran}`,
        `${a.indicator}. ${indicators.find((i) => i.code === a.indicator)?.name ?? ''}`,
        right(input.format.rupiah(a.allocation)),
        right(input.format.rupiah(a.realisation)),
        right(disp(a.realisationPct)),
      ]),
    });
  // Lembar kerja revisi target (DOMAIN 8.11/8.13): Target / Realisasi / Capaian / Usulan × B01…B12, Target <year>, Hasil Reviu.
  for (const line of revisionLines) {
    const ind = indicators.find((i) => i.code === line.code);
    if (!ind) continue;
    const months = Array.from({ length: 12 }, (_, k) => k + 1);
    const point = (m: number) => ind.series.find((p) => p.month === m);
    const verdict = tx(`verdict_${line.verdict ?? 'pending'}` as LapkinTextKey);
    blocks.push({
      kind: 'landscape',
      blocks: [
        {
          kind: 'table',
          caption: tableCaption('annexWorksheet', { code: ind.code, name: ind.name }),
          dense: true,
          columns: [
            { width: 2.2 },
            ...months.map(() => ({ width: 0.8, align: 'right' as const })),
            { width: 1, align: 'right' },
            { width: 1.6 },
          ],
          header: [[tx('colDescription'), ...months.map((m) => monthLabel(m)), tx('colTargetY', common), tx('colReview')]],
          body: [
            [
              tx('colTarget'),
              ...months.map((m) => input.format.entered(line.currentMonthly[m - 1] ?? null)),
              input.format.entered(line.currentAnnual),
              '',
            ],
            [tx('colRealisation'), ...months.map((m) => disp(point(m)?.realisation)), '', ''],
            [tx('colCapaian'), ...months.map((m) => disp(point(m)?.capaian)), '', ''],
            [
              tx('rowProposed'),
              ...months.map((m) => input.format.entered(line.proposedMonthly[m - 1] ?? null)),
              input.format.entered(line.proposedAnnual),
              verdict,
            ],
          ],
        },
      ],
    });
  }

  const title = annual ? tx('headerAnnual', { entity, year }) : tx('headerInterim', { entity, period, year });
  return {
    meta: { title, subject: 'LAPKIN', author: input.entity.name, language: locale },
    header: title,
    pageNumbers: true,
    cover,
    blocks,
  };
}
