import { PERCEPTION_BANDS } from '../../../domain/tables.ts';
import { profileBarOption, profilePieOption } from '../../../shared/charts/skm-charts.ts';
import { t } from '../../../shared/i18n/index.ts';
import type { Block, Cell, ReportDocument } from '../document/document.ts';
import { type InstrumentView, longDate, type PerceptionReportModel, type ProfileRowView } from './perception-report.model.ts';

/**
 * "Laporan Analisis SPKP dan SPAK <Bulan Tahun>" (DOMAIN 6.9, seed 002): pure composition from the model.
 */

const centre = (content: string): Cell => ({ content, align: 'center' });

export function composePerceptionReport(m: PerceptionReportModel): ReportDocument {
  const { locale } = m;
  const L = (k: string, p?: Record<string, string | number>) => t(locale, `reports.perception.${k}`, p);
  const unit = m.unit.name;
  const period = m.periodText;
  const provisional: Block[] = m.provisional
    ? [{ kind: 'paragraph', align: 'center', content: [{ text: L('provisional'), bold: true }] }]
    : [];
  let figure = 0;
  let table = 0;

  const profileSection = (key: 'sex' | 'ageBand' | 'education' | 'occupation', rows: ProfileRowView[], pie: boolean): Block[] => {
    const present = rows.filter((r) => r.count > 0);
    const listing = present.map((r) => `${r.label} (${r.count})`).join(', ') || '–';
    figure++;
    const caption = L(`fig.${key}`, { n: figure });
    const chartRows = rows.map((r) => ({ code: r.label, label: r.label, count: r.count, pctDisplay: r.pct }));
    const title = L(`group.${key}`);
    return [
      { kind: 'heading', level: 3, text: title, toc: false },
      { kind: 'paragraph', content: L('profileLine', { period, n: m.counts.selected, listing, group: title.toLowerCase() }) },
      {
        kind: 'chart',
        option: pie
          ? profilePieOption({ title, rows: chartRows.filter((r) => r.count > 0), locale })
          : profileBarOption({ title, rows: chartRows, locale }),
        width: 440,
        height: pie ? 240 : Math.max(160, 40 + rows.length * 22),
        caption,
      },
    ];
  };

  const instrumentSection = (ins: InstrumentView, letter: string): Block[] => {
    const I = (k: string, p?: Record<string, string | number>) => t(locale, `reports.perception.${ins.code}.${k}`, p);
    table++;
    const bandRows: Cell[][] = PERCEPTION_BANDS.bands.map((b) => [
      centre(b.code),
      centre(String(b.extra?.interval ?? '')),
      centre(String(b.extra?.converted ?? '')),
      ins.code === 'spak'
        ? String((locale === 'en' ? b.extra?.spakLabelEn : b.extra?.spakLabel) ?? b.label)
        : String(locale === 'en' ? (b.labelEn ?? b.label) : b.label),
    ]);
    const bandText = ins.band ? ins.band.label : '–';
    const ranked = ins.elements.filter((e) => e.index.value !== null);
    const maxV = Math.max(...ranked.map((e) => e.index.value as number));
    const minV = Math.min(...ranked.map((e) => e.index.value as number));
    const highest = ranked.filter((e) => e.index.value === maxV).map((e) => `${e.name} (${e.code})`);
    const lowest = ranked.filter((e) => e.index.value === minV).map((e) => `${e.name} (${e.code})`);
    return [
      { kind: 'heading', level: 3, text: `${letter}. ${ins.indexName}` },
      { kind: 'paragraph', content: I('definition') },
      {
        kind: 'table',
        columns: [{ width: 1, align: 'center' }, { width: 6 }],
        header: [[L('col.code'), L('col.element')]],
        body: ins.elements.map((e) => [centre(e.code), e.name]),
      },
      { kind: 'paragraph', content: L('bandsIntro') },
      {
        kind: 'table',
        columns: [{ width: 1.3 }, { width: 1.8 }, { width: 2.2 }, { width: 3 }],
        header: [[L('col.band'), L('col.interval'), I('col.converted'), L('col.performance')]],
        body: bandRows,
      },
      {
        kind: 'paragraph',
        content: I('resultIntro', { period, unit, index: ins.index.display, n: table }),
      },
      {
        kind: 'table',
        caption: I('table', { n: table, period }),
        columns: [{ width: 1, align: 'center' }, { width: 6 }, { width: 2, align: 'center' }],
        header: [[L('col.code'), L('col.element'), L('col.index')]],
        body: [
          ...ins.elements.map((e) => [centre(e.code), e.name, centre(e.index.display)]),
          [
            { content: ins.indexName, colSpan: 2, bold: true },
            { content: ins.index.display, bold: true, align: 'center' },
          ],
        ],
      },
      {
        kind: 'paragraph',
        content:
          ins.index.value === null
            ? L('noData', { period })
            : I('narrative', {
                index: ins.index.display,
                band: bandText,
                converted: ins.converted.display,
                highest: highest.join(', ') || '–',
                lowest: lowest.join(', ') || '–',
              }),
      },
    ];
  };

  const worksheetTable = (): Block => {
    table++;
    const codes = m.instruments;
    const months = codes[0]?.window ?? [];
    return {
      kind: 'table',
      caption: L('worksheetTable', { n: table, period }),
      columns: [{ width: 3 }, ...months.map(() => ({ width: 1.6, align: 'center' as const })), { width: 2, align: 'center' }],
      header: [[L('col.index'), ...months.map((x) => x.label), L('col.worksheet')]],
      body: codes.map((ins) => [
        ins.indexName,
        ...ins.window.map((w) => centre(w.index.display)),
        centre(`${ins.worksheet.value.display}${ins.worksheet.incomplete ? '*' : ''}`),
      ]),
      note: codes.some((i) => i.worksheet.incomplete) ? L('worksheetIncomplete') : L('worksheetNote'),
    };
  };

  const followupBlocks = (ins: InstrumentView, n: number): Block[] => {
    const I = (k: string) => t(locale, `reports.perception.${ins.code}.${k}`);
    const head: Block = { kind: 'heading', level: 3, text: `${n}) ${I('followupTitle')}`, toc: false };
    const f = ins.followup;
    if (f.state === 'no_action_needed')
      return [head, { kind: 'paragraph', content: `${L('noActionNeeded')}${f.justification ? `: ${f.justification}` : '.'}` }];
    if (f.state === 'actions' && f.actions.length)
      return [
        head,
        {
          kind: 'table',
          columns: [{ width: 0.5, align: 'center' }, { width: 1.5 }, { width: 6 }, { width: 1.6 }, { width: 2 }],
          header: [[L('col.no'), L('col.element'), L('col.action'), L('col.timeline'), L('col.pic')]],
          body: f.actions.map((a, i) => [
            centre(String(i + 1)),
            a.elements || '–',
            a.actionText,
            a.timeline ?? '–',
            a.pic ?? '–',
          ]),
        },
      ];
    return [head, { kind: 'paragraph', content: L('followupMissing') }];
  };

  const cover: Block[] = [
    { kind: 'spacer', lines: 6 },
    { kind: 'paragraph', style: 'title', content: L('title') },
    { kind: 'paragraph', style: 'title', content: period.toUpperCase() },
    { kind: 'spacer', lines: 4 },
    { kind: 'paragraph', style: 'subtitle', content: unit },
    { kind: 'paragraph', style: 'subtitle', content: L('agency') },
    ...provisional,
  ];

  const spkp = m.instruments.find((i) => i.code === 'spkp');
  const spak = m.instruments.find((i) => i.code === 'spak');
  const closing = m.instruments.map((i) =>
    L('closing', {
      period,
      unit,
      name: i.indexName,
      index: i.index.display,
      band: i.band ? i.band.label.toUpperCase() : '–',
    }),
  );

  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: L('foreword') },
    ...provisional,
    { kind: 'paragraph', content: L('forewordText', { period, unit }) },
    ...(m.signatory
      ? [
          {
            kind: 'signature',
            placeDate: longDate(m.generatedOn, locale),
            position: m.signatory.position,
            name: m.signatory.name,
            ...(m.signatory.nip ? { nip: m.signatory.nip } : {}),
          } as Block,
        ]
      : []),
    { kind: 'toc', title: L('toc') },
    { kind: 'heading', level: 1, text: L('ch1'), pageBreakBefore: true },
    { kind: 'paragraph', content: L('ch1Text', { unit }) },
    { kind: 'paragraph', content: L('ch1Purpose') },
    { kind: 'heading', level: 1, text: L('ch2'), pageBreakBefore: true },
    { kind: 'heading', level: 2, text: L('ch2a') },
    { kind: 'paragraph', content: L('criteria') },
    { kind: 'list', items: [L('criteriaA'), L('criteriaB')] },
    { kind: 'heading', level: 2, text: L('ch2b') },
    {
      kind: 'paragraph',
      content: L('enumeration', { range: m.periodRange, n: m.services.length, unit }),
    },
    ...(m.services.length ? [{ kind: 'list', ordered: true, items: m.services } as Block] : []),
    { kind: 'heading', level: 2, text: L('ch2c') },
    { kind: 'list', items: [L('formulaElement'), L('formulaIpp'), L('formulaIpak'), L('formulaBand'), L('formulaWorksheet')] },
    { kind: 'heading', level: 1, text: L('ch3'), pageBreakBefore: true },
    ...provisional,
    { kind: 'heading', level: 2, text: L('ch3a') },
    {
      kind: 'paragraph',
      content: L('respondentsTotal', {
        period,
        selected: m.counts.selected,
        eligible: m.counts.eligible,
        responses: m.counts.responses,
      }),
    },
    ...profileSection('sex', m.profile.sex, true),
    ...profileSection('ageBand', m.profile.ageBand, false),
    ...profileSection('education', m.profile.education, false),
    ...profileSection('occupation', m.profile.occupation, false),
    ...(spkp ? instrumentSection(spkp, 'a') : []),
    {
      kind: 'paragraph',
      content: m.suggestions.length ? L('suggestions') : L('noSuggestions'),
    },
    ...(m.suggestions.length ? [{ kind: 'list', items: m.suggestions } as Block] : []),
    ...(spak ? instrumentSection(spak, spkp ? 'b' : 'a') : []),
    worksheetTable(),
    { kind: 'heading', level: 2, text: L('ch3b') },
    { kind: 'paragraph', content: L('followupIntro', { unit }) },
    ...m.instruments.flatMap((ins, i) => followupBlocks(ins, i + 1)),
    { kind: 'heading', level: 1, text: L('ch4'), pageBreakBefore: true },
    { kind: 'heading', level: 2, text: L('ch4a') },
    { kind: 'paragraph', content: L('ch4aText', { unit, period, n: m.services.length }) },
    { kind: 'heading', level: 2, text: L('ch4b') },
    { kind: 'paragraph', content: L('ch4bText') },
    (() => {
      table++;
      const rows: Cell[][] = [];
      for (const ins of m.instruments) {
        rows.push([{ content: t(locale, `reports.perception.${ins.code}.questionnaire`), colSpan: 3, bold: true }]);
        ins.elements.forEach((e, i) => {
          rows.push([centre(String(i + 1)), centre(e.code), e.question]);
        });
      }
      return {
        kind: 'table',
        caption: L('questionTable', { n: table }),
        columns: [{ width: 0.6, align: 'center' }, { width: 0.8, align: 'center' }, { width: 8 }],
        header: [[L('col.no'), L('col.element'), L('col.question')]],
        body: rows,
      } as Block;
    })(),
    { kind: 'paragraph', content: L('ch4Total', { n: m.counts.selected }) },
    { kind: 'heading', level: 1, text: L('ch5'), pageBreakBefore: true },
    ...closing.map((c) => ({ kind: 'paragraph', content: c }) as Block),
    { kind: 'heading', level: 1, text: L('annex1'), pageBreakBefore: true },
    ...(m.personalMasked ? [{ kind: 'paragraph', style: 'small', content: L('pseudonymised') } as Block] : []),
    m.respondents.length
      ? {
          kind: 'table',
          dense: true,
          columns: [
            { width: 0.5, align: 'center' },
            { width: 3 },
            { width: 0.8, align: 'center' },
            { width: 1.5 },
            { width: 1.8 },
            { width: 2 },
            { width: 3 },
          ],
          header: [
            [
              L('col.no'),
              L('col.name'),
              L('col.age'),
              L('col.sex'),
              L('col.education'),
              L('col.occupation'),
              L('col.institution'),
            ],
          ],
          body: m.respondents.map((r, i) => [
            centre(String(i + 1)),
            r.name,
            centre(r.age),
            r.sex,
            r.education,
            r.occupation,
            r.institution,
          ]),
        }
      : { kind: 'paragraph', content: L('noRespondents') },
  ];

  return {
    meta: { title: `${L('title')} ${period}`, subject: unit, language: locale },
    header: `${L('titleShort')} ${period} – ${unit}${m.provisional ? ` (${L('provisionalShort')})` : ''}`,
    pageNumbers: true,
    cover,
    blocks,
  };
}
