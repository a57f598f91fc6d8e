import { classify } from '../../../domain/core/classification.ts';
import type { Rational } from '../../../domain/core/rational.ts';
import { formatId, roundHalfUp } from '../../../domain/core/rounding.ts';
import { CHANGE_LABEL_EN } from '../../../domain/skm/analysis.ts';
import {
  elementValuesOption,
  GRADES,
  gradeColour,
  ikmTrendOption,
  profileBarOption,
  profilePieOption,
} from '../../../shared/charts/skm-charts.ts';
import type { Locale } from '../../../shared/i18n/index.ts';
import type { ScopeFigures } from '../../results/results.figures.ts';
import type { Block, Cell, Inline, ReportDocument, TableBlock } from '../document/document.ts';
import { longDate, type RtlLine, type SkmUnitReportModel } from './skm-unit.model.ts';
import { BENEFITS, fillUnit, GOALS, PLACEHOLDER, RTL_INTRO, STATEMENT_PARAGRAPHS, TREND_INTRO } from './skm-unit.texts.ts';

/**
 * The Laporan Pelaksanaan SKM as a neutral document tree (DOMAIN 5.13.1, template seed 000 lines
 * 2202–2480). Pure: every figure comes from the model (the results service's figures and the domain
 * analysis) and is printed with `formatId`; nothing here computes an index.
 */

type Tx = (id: string, en: string) => string;
const txOf =
  (locale: Locale): Tx =>
  (id, en) =>
    locale === 'en' ? en : id;

/** Indonesian number format, always (the report is an Indonesian document in both UI languages). */
const n2 = (v: Rational | null | undefined, places = 2) => (v ? formatId(v, places) : '–');
const pct = (v: Rational | null | undefined) => (v ? `${formatId(v)}%` : '–');

function gradeCell(v: Rational | null | undefined, grade: string | null | undefined, places = 2): Cell {
  if (!v) return { content: '–', align: 'center' };
  return grade
    ? { content: n2(v, places), fill: gradeColour(grade), align: 'center' }
    : { content: n2(v, places), align: 'center' };
}

const gradeName = (m: SkmUnitReportModel, code: string | null, locale: Locale) => {
  const band = m.profile.gradeTable.bands.find((b) => b.code === code);
  return band ? (locale === 'en' ? (band.labelEn ?? band.label) : band.label) : '–';
};

const elementName = (m: SkmUnitReportModel, code: string) => m.elements.find((e) => e.code === code)?.name[m.locale] ?? code;

/** "A, B, serta C" (Indonesian list) or "A, B and C". */
function joinList(items: string[], locale: Locale, last = locale === 'en' ? 'and' : 'serta'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

const section = (m: SkmUnitReportModel, key: keyof SkmUnitReportModel['sections']): string =>
  m.sections[key] ?? PLACEHOLDER[m.locale];

const paragraphs = (text: string): Block[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: 'paragraph' as const, content: p, align: 'justify' as const }));

// ---- Front matter ----

function cover(m: SkmUnitReportModel, tx: Tx): Block[] {
  return [
    { kind: 'spacer', lines: 4 },
    { kind: 'paragraph', content: tx('LAPORAN', 'REPORT'), style: 'title', align: 'center' },
    {
      kind: 'paragraph',
      content: tx('PELAKSANAAN SURVEI KEPUASAN MASYARAKAT (SKM)', 'ON THE COMMUNITY SATISFACTION SURVEY (SKM)'),
      style: 'title',
      align: 'center',
    },
    { kind: 'spacer', lines: 6 },
    {
      kind: 'paragraph',
      content: `${tx('Unit Pelayanan Publik', 'Public service unit')} ${m.unit.name}`,
      style: 'subtitle',
      align: 'center',
    },
    { kind: 'paragraph', content: m.agencyName, style: 'subtitle', align: 'center' },
    { kind: 'paragraph', content: `${tx('TAHUN', 'YEAR')} ${m.campaign.year}`, style: 'subtitle', align: 'center' },
    ...(m.provisional
      ? [
          { kind: 'spacer' as const, lines: 2 },
          {
            kind: 'paragraph' as const,
            content: [
              {
                text: tx(
                  'SEMENTARA — angka dihitung dari data terkini; hasil resmi dibekukan saat kampanye ditutup.',
                  'PROVISIONAL — figures computed from current data; official results are frozen when the campaign closes.',
                ),
                bold: true,
              },
            ],
            align: 'center' as const,
          },
        ]
      : []),
  ];
}

/** Surat Pernyataan Kebenaran Data SKM (template lines 2630–2655): page iii, and a standalone document. */
function statementBlocks(m: SkmUnitReportModel, tx: Tx, opts: { pageBreakBefore: boolean; toc: boolean }): Block[] {
  const s = m.signatory;
  const missing = tx('[belum ada pimpinan unit pada tanggal ini]', '[no unit head on record for this date]');
  const acting = s?.acting ? (/^\s*(Plt|Plh)\.?/i.exec(s.title)?.[1] ?? 'Plt') : null;
  return [
    {
      kind: 'heading',
      level: 1,
      text: tx('SURAT PERNYATAAN KEBENARAN DATA SKM', 'STATEMENT ON THE TRUTH OF THE SKM DATA'),
      align: 'center',
      pageBreakBefore: opts.pageBreakBefore,
      toc: opts.toc,
    },
    { kind: 'paragraph', content: tx('Yang bertanda tangan di bawah ini,', 'The undersigned,') },
    {
      kind: 'fields',
      rows: [
        [tx('Nama', 'Name'), s?.fullName ?? missing],
        ['NIP', s?.nip ?? '–'],
        [tx('Jabatan', 'Position'), s?.title ?? missing],
        [tx('Unit Kerja', 'Unit'), m.unit.name],
      ],
    },
    ...STATEMENT_PARAGRAPHS.map((p) => ({ kind: 'paragraph' as const, content: p, align: 'justify' as const })),
    {
      kind: 'signature',
      placeDate: `${m.place}, ${longDate(m.signingDate, m.locale)}`,
      position: s?.title ?? tx(`[Kepala ${m.unit.name}]`, `[Head of ${m.unit.name}]`),
      name: s?.fullName ?? tx('[Nama Lengkap]', '[Full name]'),
      ...(s?.nip ? { nip: s.nip } : {}),
      ...(acting ? { note: `${acting}.` } : {}),
    },
    {
      kind: 'paragraph',
      content: tx('[Tanda tangan basah dan stempel]', '[Wet signature and stamp]'),
      style: 'small',
      align: 'right',
    },
  ];
}

// ---- BAB I ----

function chapter1(m: SkmUnitReportModel, tx: Tx): Block[] {
  const u = (s: string) => fillUnit(s, m.unit.name);
  return [
    { kind: 'heading', level: 1, text: tx('BAB I PENDAHULUAN', 'CHAPTER I INTRODUCTION'), pageBreakBefore: true },
    { kind: 'heading', level: 2, text: tx('1.1 Latar Belakang', '1.1 Background') },
    ...paragraphs(u(m.chapter1.background)),
    { kind: 'heading', level: 2, text: tx('1.2 Dasar Pelaksanaan Survei Kepuasan Masyarakat', '1.2 Legal basis of the survey') },
    { kind: 'list', items: m.chapter1.legalBasis.map(u) },
    { kind: 'heading', level: 2, text: tx('1.3 Maksud dan Tujuan', '1.3 Purpose and objectives') },
    ...paragraphs(u(m.chapter1.purpose)),
    { kind: 'paragraph', content: 'Adapun sasaran dilakukannya SKM adalah :' },
    { kind: 'list', ordered: true, items: GOALS },
    { kind: 'paragraph', content: 'Dengan dilakukan SKM dapat diperoleh manfaat, antara lain:' },
    { kind: 'list', ordered: true, items: BENEFITS },
  ];
}

// ---- BAB II ----

function chapter2(m: SkmUnitReportModel, tx: Tx): Block[] {
  const year = m.campaign.year;
  const nq = m.elements.reduce((a, e) => a + e.questionCodes.length, 0);
  const timeline: TableBlock = {
    kind: 'table',
    caption: tx('Tabel 2.1 Waktu Pelaksanaan SKM', 'Table 2.1 Survey timeline'),
    columns: [{ width: 0.6, align: 'center' }, { width: 4 }, { width: 3.4 }, { width: 1.4, align: 'center' }],
    header: [
      ['No.', tx('Tahapan Kegiatan', 'Activity'), tx('Periode Pelaksanaan', 'Period'), tx('Jumlah Hari Kerja', 'Working days')],
    ],
    body: [],
    note: tx(
      'Hari kerja: Senin–Jumat, di luar hari libur nasional, cuti bersama dan hari libur daerah unit yang tercatat di Mutu.',
      'Working days: Monday–Friday, excluding national holidays, collective leave and the unit’s regional holidays recorded in Mutu.',
    ),
  };
  let no = 0;
  let sub = 0;
  for (const r of m.timeline) {
    if (r.sub) sub++;
    else {
      no++;
      sub = 0;
    }
    timeline.body.push([
      r.sub ? '' : `${no}.`,
      r.sub ? `${String.fromCharCode(96 + sub)}. ${r.activity}` : r.activity,
      r.period || '–',
      r.workingDays === null ? '–' : String(r.workingDays),
    ]);
  }
  const shown = m.services.filter((s) => s.target > 0 || s.submitted > 0);
  const sum = (f: (s: (typeof m.services)[number]) => number) => m.services.reduce((a, s) => a + f(s), 0);
  const respondents: TableBlock = {
    kind: 'table',
    caption: tx('Tabel 2.2 Jumlah Populasi dan Responden per Jenis Layanan', 'Table 2.2 Population and respondents per service'),
    columns: [
      { width: 0.5, align: 'center' },
      { width: 4 },
      { width: 1.3, align: 'right' },
      { width: 1.3, align: 'right' },
      { width: 1.1, align: 'right' },
      { width: 1.2, align: 'right' },
      { width: 1.2, align: 'right' },
    ],
    header: [
      [
        'No',
        tx('Jenis Pelayanan', 'Service'),
        tx(`Populasi tahun ${year - 1}`, `Population ${year - 1}`),
        tx('Populasi periode', 'Period population'),
        'Target',
        tx('Responden masuk', 'Submitted'),
        tx('Responden dihitung', 'Counted'),
      ],
    ],
    body: [
      ...shown.map((s, i) => [
        String(i + 1),
        s.name,
        s.prevYearPopulation === null ? 'N/A' : String(s.prevYearPopulation),
        String(s.populationPeriod),
        String(s.target),
        String(s.submitted),
        String(s.counted),
      ]),
      [
        { content: tx('Jumlah', 'Total'), colSpan: 2, bold: true },
        { content: String(sum((s) => s.prevYearPopulation ?? 0)), bold: true, align: 'right' },
        { content: String(sum((s) => s.populationPeriod)), bold: true, align: 'right' },
        { content: String(sum((s) => s.target)), bold: true, align: 'right' },
        { content: String(sum((s) => s.submitted)), bold: true, align: 'right' },
        { content: String(sum((s) => s.counted)), bold: true, align: 'right' },
      ],
    ],
    dense: true,
    note: tx(
      'Populasi periode = populasi tahun sebelumnya dibagi pembagi layanan (umumnya 4), dibulatkan ke atas; target = tabel Krejcie dan Morgan (PermenPANRB 14/2017). Responden dihitung: respons valid sampai sebanyak target (urut waktu pengisian).',
      'Period population = previous-year population divided by the service divisor (usually 4), rounded up; target = Krejcie and Morgan (PermenPANRB 14/2017). Counted: valid responses up to the target, by submission time.',
    ),
  };
  const short = m.services.filter((s) => s.shortfall > 0);
  const justification: Block[] = short.length
    ? [
        {
          kind: 'paragraph',
          content: tx(
            'Justifikasi tidak terpenuhinya target responden pada jenis layanan berikut:',
            'Justification for services that did not reach the respondent target:',
          ),
        },
        {
          kind: 'table',
          caption: tx('Tabel 2.3 Justifikasi Tidak Terpenuhinya Target', 'Table 2.3 Shortfall justifications'),
          columns: [
            { width: 0.5, align: 'center' },
            { width: 3 },
            { width: 0.9, align: 'right' },
            { width: 0.9, align: 'right' },
            { width: 5 },
          ],
          header: [['No', tx('Jenis Pelayanan', 'Service'), 'Target', tx('Valid', 'Valid'), tx('Justifikasi', 'Justification')]],
          body: short.map((s, i) => [
            String(i + 1),
            s.name,
            String(s.target),
            String(s.valid),
            s.justification ?? PLACEHOLDER[m.locale],
          ]),
          dense: true,
        },
      ]
    : [];
  const definitions = m.elements.map((e): Inline[] => [
    { text: e.name[m.locale], bold: true },
    e.definition ? ` : ${e.definition[m.locale]}` : '',
  ]);
  return [
    { kind: 'heading', level: 1, text: tx('BAB II PENGUMPULAN DATA SKM', 'CHAPTER II DATA COLLECTION'), pageBreakBefore: true },
    { kind: 'heading', level: 2, text: tx('2.1 Pelaksana SKM', '2.1 Survey team') },
    {
      kind: 'paragraph',
      content: `Survei Kepuasan Masyarakat Tahun ${year} pada ${m.unit.name} dengan membentuk tim pelaksana kegiatan Survei Kepuasan Masyarakat (sebagaimana terlampir).`,
      align: 'justify',
    },
    ...paragraphs(section(m, 'team')),
    { kind: 'heading', level: 2, text: tx('2.2 Metode Pengumpulan Data', '2.2 Data collection method') },
    {
      kind: 'paragraph',
      content: `Pelaksanaan SKM menggunakan kuesioner elektronik yang disebarkan kepada pengguna layanan. Kuesioner terdiri atas ${nq} pertanyaan yang mencakup ${m.elements.length} unsur pengukuran kepuasan masyarakat terhadap pelayanan yang diterima berdasarkan Peraturan Menteri PAN dan RB Nomor 14 Tahun 2017 tentang Pedoman Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik. Unsur yang ditanyakan dalam kuesioner SKM ${m.unit.name} yaitu :`,
      align: 'justify',
    },
    { kind: 'list', ordered: true, items: definitions },
    { kind: 'heading', level: 2, text: tx('2.3 Lokasi Pengumpulan Data', '2.3 Where data were collected') },
    {
      kind: 'paragraph',
      content:
        'Lokasi dan waktu pengumpulan data dilakukan secara online melalui tautan survei unit pada waktu jam layanan maupun di luar jam layanan, serta pengisian kuesioner dilakukan sendiri oleh responden sebagai penerima layanan.',
      align: 'justify',
    },
    ...paragraphs(section(m, 'location')),
    { kind: 'heading', level: 2, text: tx('2.4 Waktu Pelaksanaan SKM', '2.4 Timeline') },
    {
      kind: 'paragraph',
      content: `Survei dilakukan secara periodik per ${m.campaign.periodicity} dengan rincian sebagai berikut:`,
    },
    timeline,
    { kind: 'heading', level: 2, text: tx('2.5 Penentuan Jumlah Responden', '2.5 Number of respondents') },
    {
      kind: 'paragraph',
      content: `Dalam penentuan jumlah responden, terlebih dahulu menghitung jumlah populasi penerima layanan pada periode sebelumnya dari setiap jenis layanan ${m.unit.name}. Selanjutnya, dari jumlah populasi tersebut dilakukan perhitungan berdasarkan tabel Krejcie and Morgan sesuai PermenPAN dan RB nomor 14 tahun 2017 sehingga didapatkan jumlah minimum sampel yang akan dijadikan sebagai responden. Berikut jumlah populasi dan sampel ${m.unit.name} tahun ${year}:`,
      align: 'justify',
    },
    respondents,
    ...justification,
  ];
}

// ---- BAB III ----

function profileTable(m: SkmUnitReportModel, tx: Tx): { table: TableBlock; charts: Block[] } {
  const labels = (field: string) =>
    new Map((m.profile.respondentFields.find((f) => f.code === field)?.options ?? []).map((o) => [o.code, o.label[m.locale]]));
  const ageLabels = new Map(m.profile.ageBands.map((b) => [b.code, b.label[m.locale]]));
  const dims: { key: 'sex' | 'education' | 'occupation' | 'ageBand'; title: string; labels: Map<string, string> }[] = [
    { key: 'sex', title: tx('Jenis Kelamin', 'Sex'), labels: labels('sex') },
    { key: 'education', title: tx('Pendidikan', 'Education'), labels: labels('education') },
    { key: 'occupation', title: tx('Pekerjaan', 'Occupation'), labels: labels('occupation') },
    { key: 'ageBand', title: tx('Usia', 'Age'), labels: ageLabels },
  ];
  const body: Cell[][] = [];
  const charts: Block[] = [];
  const p = m.total.profile;
  dims.forEach((d, i) => {
    const rows = p?.dims[d.key] ?? [];
    const label = (code: string) => d.labels.get(code) ?? (code === 'not_given' ? tx('Tidak diisi', 'Not given') : code);
    rows.forEach((r, k) => {
      const tail: Cell[] = [label(r.code), { content: String(r.count), align: 'right' }, { content: pct(r.pct), align: 'right' }];
      body.push(
        k === 0
          ? [
              { content: String(i + 1), rowSpan: rows.length, align: 'center' },
              { content: d.title, rowSpan: rows.length },
              ...tail,
            ]
          : tail,
      );
    });
    if (rows.length) {
      const input = {
        title: d.title,
        rows: rows.map((r) => ({
          code: r.code,
          label: label(r.code),
          count: r.count,
          pctDisplay: r.pct ? formatId(r.pct) : null,
        })),
        locale: m.locale,
      };
      charts.push({
        kind: 'chart',
        option: d.key === 'sex' ? profilePieOption(input) : profileBarOption(input),
        width: 460,
        height: d.key === 'sex' ? 220 : 60 + 26 * rows.length,
        caption: `${tx('Gambar', 'Figure')} 3.${i + 1} ${tx('Responden menurut', 'Respondents by')} ${d.title.toLowerCase()}`,
      });
    }
  });
  return {
    table: {
      kind: 'table',
      caption: tx('Tabel 3.1 Karakteristik Responden', 'Table 3.1 Respondent profile'),
      columns: [{ width: 0.5 }, { width: 1.6 }, { width: 3.2 }, { width: 1, align: 'right' }, { width: 1.2, align: 'right' }],
      header: [
        [
          'No',
          tx('Karakteristik', 'Characteristic'),
          tx('Indikator', 'Indicator'),
          tx('Jumlah', 'Count'),
          tx('Persentase', 'Percentage'),
        ],
      ],
      body,
      dense: true,
    },
    charts,
  };
}

function chapter3(m: SkmUnitReportModel, tx: Tx): Block[] {
  const year = m.campaign.year;
  const codes = m.elements.map((e) => e.code);
  const prof = profileTable(m, tx);
  const counted = m.total.counts.counted;
  const withResponses = m.services.filter((s) => s.counted > 0);
  const serviceTable: TableBlock = {
    kind: 'table',
    caption: tx('Tabel 3.2 Nilai SKM per Jenis Layanan', 'Table 3.2 SKM value per service'),
    columns: [
      { width: 3.2 },
      { width: 0.6, align: 'center' },
      ...codes.map(() => ({ width: 0.95, align: 'center' as const })),
      { width: 1.1, align: 'center' },
      { width: 1.9, align: 'center' },
    ],
    header: [
      [
        tx('Jenis Layanan', 'Service'),
        'n',
        ...codes,
        tx('Nilai SKM per Layanan', 'Service SKM value'),
        tx('Interval kepercayaan 95%', '95% confidence interval'),
      ],
    ],
    body: withResponses.map((s) => [
      s.name,
      String(s.counted),
      ...codes.map((code) => {
        const e = s.figures.elements.find((x) => x.code === code);
        return gradeCell(e?.value, e?.gradeCode);
      }),
      gradeCell(s.figures.ikm, s.figures.gradeCode),
      { content: ciText(s.figures), align: 'center' },
    ]),
    dense: true,
    note: tx(
      'n = responden dihitung. Warna sel menunjukkan mutu pelayanan (lihat keterangan). Interval tidak dihitung untuk n < 2.',
      'n = counted respondents. Cell colours show the service grade (see legend). No interval for n < 2.',
    ),
  };
  const prevYear = year - 1;
  const yoyOf = new Map(m.yoy.map((d) => [d.code, d]));
  const changeText = (label: string | null) => (label ? (m.locale === 'en' ? CHANGE_LABEL_EN[label as 'Naik'] : label) : '–');
  const prevGrade = (v: Rational | null | undefined) => (v ? classify(m.profile.gradeTable, v).code : null);
  const elementTable: TableBlock = {
    kind: 'table',
    caption: tx('Tabel 3.3 Nilai SKM per Unsur dan Unit Layanan', 'Table 3.3 SKM value per element and for the unit'),
    columns: [
      { width: 0.7, align: 'center' },
      { width: 4 },
      { width: 1.1, align: 'center' },
      { width: 1.1, align: 'center' },
      { width: 1.1, align: 'center' },
      { width: 1.1, align: 'center' },
    ],
    header: [
      [
        tx('Kode', 'Code'),
        tx('Unsur Pelayanan', 'Service element'),
        String(prevYear),
        String(year),
        tx('Naik/Turun', 'Change'),
        tx('Keterangan', 'Direction'),
      ],
    ],
    body: [
      ...m.total.elements.map((e) => {
        const d = yoyOf.get(e.code);
        const pv = m.previous?.elements.get(e.code) ?? null;
        return [
          e.code,
          elementName(m, e.code),
          gradeCell(pv, prevGrade(pv)),
          gradeCell(e.value, e.gradeCode),
          { content: d?.delta ? formatId(d.delta) : '–', align: 'center' as const },
          { content: changeText(d?.label ?? null), align: 'center' as const },
        ];
      }),
      [
        { content: tx('Nilai SKM Unit Layanan', 'Unit SKM value'), colSpan: 2, bold: true },
        gradeCell(m.previous?.unitIndex, prevGrade(m.previous?.unitIndex)),
        gradeCell(m.total.ikm, m.total.gradeCode),
        { content: m.unitYoy?.delta ? formatId(m.unitYoy.delta) : '–', align: 'center', bold: true },
        { content: changeText(m.unitYoy?.label ?? null), align: 'center', bold: true },
      ],
    ],
    dense: true,
    note: m.previous
      ? tx(
          `Nilai ${prevYear} sebagaimana dipublikasikan (dibekukan); selisih dihitung dari nilai 2 desimal yang dipublikasikan.`,
          `${prevYear} values as published (frozen); changes are computed from the published 2-decimal values.`,
        )
      : tx(`Belum ada nilai ${prevYear} yang dipublikasikan untuk unit ini.`, `No published ${prevYear} values for this unit.`),
  };
  const legend: TableBlock = {
    kind: 'table',
    caption: tx('Keterangan mutu pelayanan', 'Service grade legend'),
    columns: [{ width: 0.8, align: 'center' }, { width: 2.5 }, { width: 2.2, align: 'center' }],
    header: [[tx('Mutu', 'Grade'), tx('Kinerja unit pelayanan', 'Unit performance'), tx('Nilai', 'Value range')]],
    body: GRADES.map((g) => {
      const band = m.profile.gradeTable.bands.find((b) => b.code === g);
      return [
        { content: g, fill: gradeColour(g), align: 'center' },
        band ? (m.locale === 'en' ? (band.labelEn ?? band.label) : band.label) : g,
        band?.extra?.printedRange ?? '',
      ];
    }),
    dense: true,
  };
  const unitSentence = m.total.ikm
    ? `Nilai SKM ${m.unit.name} tahun ${year} adalah ${n2(m.total.ikm)} dengan mutu pelayanan ${m.total.gradeCode} (${gradeName(m, m.total.gradeCode, m.locale)}), dihitung dari ${counted} responden; interval kepercayaan 95%: ${ciText(m.total)}.`
    : `Belum ada responden yang dihitung untuk ${m.unit.name} pada tahun ${year}.`;
  return [
    { kind: 'heading', level: 1, text: tx('BAB III HASIL PENGOLAHAN DATA SKM', 'CHAPTER III RESULTS'), pageBreakBefore: true },
    { kind: 'heading', level: 2, text: tx('3.1 Jumlah Responden SKM', '3.1 Respondents') },
    {
      kind: 'paragraph',
      content: `Berdasarkan hasil pengumpulan data, jumlah responden penerima layanan yang diperoleh yaitu ${counted} orang responden (dari ${m.total.counts.submitted} respons yang masuk), dengan rincian sebagai berikut :`,
      align: 'justify',
    },
    prof.table,
    ...prof.charts,
    {
      kind: 'heading',
      level: 2,
      text: tx(
        '3.2 Indeks Kepuasan Masyarakat (Unit Layanan dan Per Unsur Layanan)',
        '3.2 Community satisfaction index (unit and elements)',
      ),
    },
    {
      kind: 'paragraph',
      content: `Pengolahan data SKM menggunakan aplikasi Mutu dan diperoleh hasil sebagai berikut${m.provisional ? ' (angka sementara, kampanye belum ditutup)' : ''} :`,
    },
    { kind: 'paragraph', content: tx('a. Nilai SKM per jenis layanan', 'a. SKM value per service') },
    serviceTable,
    { kind: 'paragraph', content: tx('b. Nilai SKM per unsur dan unit layanan', 'b. SKM value per element and for the unit') },
    elementTable,
    legend,
    { kind: 'paragraph', content: unitSentence, align: 'justify' },
    {
      kind: 'chart',
      option: elementValuesOption({
        elements: m.total.elements.map((e) => ({
          code: e.code,
          value: e.value ? e.value.toNumber() : null,
          display: n2(e.value),
          grade: e.gradeCode,
        })),
        locale: m.locale,
      }),
      width: 460,
      height: 260,
      caption: tx('Gambar 3.5 Nilai unsur pelayanan', 'Figure 3.5 Service element values'),
    },
  ];
}

const ciText = (f: ScopeFigures) => (f.ci95 ? `${formatId(f.ci95[0])} – ${formatId(f.ci95[1])}` : '–');

// ---- BAB IV ----

function rankingText(m: SkmUnitReportModel, list: { code: string; value: Rational }[]): string[] {
  return list.map((e) => `${elementName(m, e.code)} (${n2(e.value)})`);
}

function rtlTable(_m: SkmUnitReportModel, tx: Tx, rows: RtlLine[]): TableBlock {
  return {
    kind: 'table',
    caption: tx('Tabel 4.2 Rencana Tindak Lanjut Perbaikan Hasil SKM', 'Table 4.2 Improvement action plan (RTL)'),
    columns: [
      { width: 0.5, align: 'center' },
      { width: 1.8 },
      { width: 1.8 },
      { width: 2.4 },
      { width: 2.4 },
      { width: 1.2 },
      { width: 1.4 },
    ],
    header: [
      [
        'No.',
        tx('Jenis Layanan', 'Service'),
        tx('Unsur Layanan dengan nilai terendah atau berdasarkan masukan pelanggan', 'Lowest element or customer input'),
        tx('Penyebab', 'Cause'),
        tx('Rencana Tindak Lanjut', 'Action'),
        tx('Timeline (DD-MM-YY)', 'Timeline (DD-MM-YY)'),
        'PIC',
      ],
    ],
    body: rows.map((r, i) => [
      String(i + 1),
      r.service,
      r.elements.length
        ? r.elements.map((e) => `${e.code} ${e.name}`).join('; ')
        : r.suggestions.map((s) => `“${s}”`).join('; ') || '–',
      r.cause ?? '–',
      r.action,
      shortDate(r.timeline),
      r.pic ?? '–',
    ]),
    dense: true,
  };
}

/** DD-MM-YY for ISO dates (the template's timeline column), anything else as written. */
function shortDate(v: string | null): string {
  if (!v) return '–';
  const m = /^(\d{2})(\d{2})-(\d{2})-(\d{2})$/.exec(v);
  return m ? `${m[4]}-${m[3]}-${m[2]}` : v;
}

function trendSentence(m: SkmUnitReportModel): string {
  const pts = m.trend;
  const first = pts[0];
  const last = pts.at(-1);
  if (!first || !last || pts.length < 2) {
    return `Belum tersedia nilai SKM tahun-tahun sebelumnya untuk ${m.unit.name}, sehingga tren belum dapat digambarkan.`;
  }
  const chain = [`nilai SKM ${n2(first.value)}`];
  for (let i = 1; i < pts.length; i++) {
    const a = roundHalfUp((pts[i - 1] as (typeof pts)[number]).value, 2);
    const b = roundHalfUp((pts[i] as (typeof pts)[number]).value, 2);
    const verb = b.gt(a) ? 'meningkat menjadi' : b.lt(a) ? 'menurun menjadi' : 'tetap pada';
    chain.push(`${i === pts.length - 1 && i > 1 ? 'lalu ' : ''}${verb} ${n2(pts[i]?.value)}`);
  }
  const head =
    m.trendWording === 'meningkat secara konsisten'
      ? `terjadi peningkatan kinerja penyelenggaraan pelayanan publik secara konsisten dari tahun ${first.year} hingga ${last.year} pada ${m.unit.name}`
      : `kinerja penyelenggaraan pelayanan publik ${m.unit.name} dari tahun ${first.year} hingga ${last.year} fluktuatif`;
  return `Berdasarkan grafik dan tabel di atas, ${head}, dengan ${chain.join(', ')}.`;
}

function targetSentence(m: SkmUnitReportModel): string | null {
  if (!m.ikmTarget || !m.total.ikm) return null;
  const v = roundHalfUp(m.total.ikm, 2);
  const verdict = v.gt(m.ikmTarget) ? 'sudah melebihi' : v.eq(m.ikmTarget) ? 'sudah mencapai' : 'belum mencapai';
  return `Capaian nilai SKM tahun ${m.campaign.year} sebesar ${n2(m.total.ikm)} ${verdict} target nilai SKM ${m.unit.name} Tahun ${m.campaign.year} yaitu sebesar ${n2(m.ikmTarget)} (capaian ${n2(m.achievement)}%).`;
}

function chapter4(m: SkmUnitReportModel, tx: Tx): Block[] {
  const year = m.campaign.year;
  const lowest = rankingText(m, m.lowest);
  const highest = rankingText(m, m.highest);
  const ranking: TableBlock = {
    kind: 'table',
    caption: tx('Tabel 4.1 Unsur dengan Nilai Terendah dan Tertinggi', 'Table 4.1 Lowest and highest elements'),
    columns: [
      { width: 1.6 },
      { width: 0.7, align: 'center' },
      { width: 3.6 },
      { width: 1, align: 'center' },
      { width: 0.8, align: 'center' },
    ],
    header: [
      [tx('Kelompok', 'Group'), tx('Kode', 'Code'), tx('Unsur Pelayanan', 'Element'), tx('Nilai', 'Value'), tx('Mutu', 'Grade')],
    ],
    body: [
      ...m.lowest.map((e, i) => {
        const grade = m.total.elements.find((x) => x.code === e.code)?.gradeCode ?? null;
        return [
          i === 0 ? { content: tx('Terendah (prioritas perbaikan)', 'Lowest (priorities)'), rowSpan: m.lowest.length } : null,
          e.code,
          elementName(m, e.code),
          gradeCell(e.value, grade),
          grade ?? '–',
        ].filter((c) => c !== null) as Cell[];
      }),
      ...m.highest.map((e, i) => {
        const grade = m.total.elements.find((x) => x.code === e.code)?.gradeCode ?? null;
        return [
          i === 0 ? { content: tx('Tertinggi (kelebihan)', 'Highest (strengths)'), rowSpan: m.highest.length } : null,
          e.code,
          elementName(m, e.code),
          gradeCell(e.value, grade),
          grade ?? '–',
        ].filter((c) => c !== null) as Cell[];
      }),
    ],
    dense: true,
    note: tx(
      'Unsur yang bernilai sama dengan unsur ketiga ikut dicantumkan.',
      'Elements tied with the third value are included.',
    ),
  };
  const suggestionBlocks: Block[] = m.suggestions.length
    ? [
        {
          kind: 'paragraph',
          content:
            'Berdasarkan hasil rekapitulasi saran/kritik serta pengaduan yang masuk melalui kuesioner SKM, diperoleh saran dan masukan sebagai berikut:',
          align: 'justify',
        },
        {
          kind: 'table',
          caption: tx('Rekapitulasi saran dan masukan responden', 'Respondents’ suggestions'),
          columns: [{ width: 0.5, align: 'center' }, { width: 2.4 }, { width: 6 }],
          header: [['No', tx('Jenis Layanan', 'Service'), tx('Saran/Masukan', 'Suggestion')]],
          body: m.suggestions.map((s, i) => [String(i + 1), s.service, `“${s.text}”`]),
          dense: true,
        },
      ]
    : [{ kind: 'paragraph', content: 'Tidak terdapat saran/masukan dari responden pada periode ini.' }];
  const rtlBlocks: Block[] = m.rtl.length
    ? [
        { kind: 'paragraph', content: 'Rencana tindak lanjut perbaikan hasil SKM dituangkan dalam tabel berikut:' },
        rtlTable(m, tx, m.rtl),
      ]
    : [
        {
          kind: 'paragraph',
          content: `${tx('Rencana tindak lanjut perbaikan hasil SKM belum dicatat di Mutu.', 'No improvement actions recorded in Mutu yet.')} ${PLACEHOLDER[m.locale]}`,
        },
      ];
  const rtlSuggestionBlocks: Block[] = m.rtlSuggestions.length
    ? [
        {
          kind: 'paragraph',
          content:
            'Berdasarkan hasil rekapitulasi saran/kritik serta pengaduan yang masuk, diperoleh beberapa aduan yang menjadi perhatian dan perlu dibuatkan rencana tindak lanjut yaitu sebagai berikut :',
          align: 'justify',
        },
        {
          kind: 'table',
          caption: tx('Tabel 4.3 Tindak Lanjut Saran/Masukan', 'Table 4.3 Follow-up of suggestions'),
          columns: [{ width: 0.5, align: 'center' }, { width: 2.2 }, { width: 3.2 }, { width: 3 }, { width: 1.2 }],
          header: [
            [
              'No.',
              tx('Jenis Layanan', 'Service'),
              tx('Saran/Masukan', 'Suggestion'),
              tx('Tindak Lanjut', 'Follow-up'),
              'Timeline',
            ],
          ],
          body: m.rtlSuggestions.map((r, i) => [
            String(i + 1),
            r.service,
            r.suggestions.map((s) => `“${s}”`).join('; ') || '–',
            r.action,
            shortDate(r.timeline),
          ]),
          dense: true,
        },
      ]
    : [
        {
          kind: 'paragraph',
          content:
            'Berdasarkan hasil rekapitulasi saran/kritik serta pengaduan yang masuk, tidak ada aduan yang perlu dibuatkan rencana tindak lanjut tersendiri.',
          align: 'justify',
        },
      ];
  const trendTable: TableBlock = {
    kind: 'table',
    caption: tx('Tabel 4.4 Tren Nilai SKM', 'Table 4.4 SKM trend'),
    columns: [{ width: 1, align: 'center' }, { width: 1.2, align: 'center' }, { width: 1, align: 'center' }, { width: 2 }],
    header: [[tx('Tahun', 'Year'), tx('Nilai SKM', 'SKM value'), tx('Mutu', 'Grade'), tx('Keterangan', 'Note')]],
    body: m.trend.map((p) => [
      String(p.year),
      gradeCell(p.value, p.grade),
      p.grade ?? '–',
      p.provisional
        ? tx('Sementara', 'Provisional')
        : p.year === year
          ? tx('Dibekukan', 'Frozen')
          : tx('Dipublikasikan', 'Published'),
    ]),
    dense: true,
    ...(m.ikmTarget ? { note: `${tx('Target nilai SKM', 'SKM target')} ${year}: ${n2(m.ikmTarget)}` } : {}),
  };
  const target = targetSentence(m);
  return [
    { kind: 'heading', level: 1, text: tx('BAB IV ANALISIS HASIL SKM', 'CHAPTER IV ANALYSIS'), pageBreakBefore: true },
    {
      kind: 'heading',
      level: 2,
      text: tx(
        '4.1 Analisis Permasalahan/Kelemahan dan Kelebihan Unsur Pelayanan Publik',
        '4.1 Weaknesses and strengths per element',
      ),
    },
    { kind: 'paragraph', content: 'Berdasarkan hasil pengolahan data, dapat diketahui bahwa:' },
    {
      kind: 'list',
      ordered: true,
      items: [
        `Unsur pelayanan dengan nilai terendah yaitu ${joinList(lowest, 'id', 'dan')}.`,
        `Sedangkan unsur layanan dengan nilai tertinggi yaitu ${joinList(highest, 'id', 'dan')}.`,
      ],
    },
    ranking,
    ...suggestionBlocks,
    {
      kind: 'paragraph',
      content: 'Adapun kondisi permasalahan/kekurangan dari unsur pelayanan dapat digambarkan sebagai berikut:',
    },
    ...paragraphs(section(m, 'problemAnalysis')),
    { kind: 'heading', level: 2, text: tx('4.2 Rencana Tindak Lanjut', '4.2 Action plan') },
    { kind: 'paragraph', content: RTL_INTRO, align: 'justify' },
    {
      kind: 'paragraph',
      content: `Pembahasan rencana tindak lanjut hasil SKM dilakukan melalui ${section(m, 'rtlForum')}.`,
      align: 'justify',
    },
    ...rtlBlocks,
    ...rtlSuggestionBlocks,
    { kind: 'heading', level: 2, text: tx('4.3 Tren Nilai SKM', '4.3 SKM trend') },
    {
      kind: 'paragraph',
      content: `${TREND_INTRO} Tren tingkat kepuasan penerima layanan ${m.unit.name} dapat dilihat melalui grafik berikut :`,
      align: 'justify',
    },
    ...(m.trend.length
      ? [
          {
            kind: 'chart' as const,
            option: ikmTrendOption({
              points: m.trend.map((p) => ({ year: p.year, value: p.value.toNumber(), display: n2(p.value), grade: p.grade })),
              target: m.ikmTarget ? { value: m.ikmTarget.toNumber(), display: n2(m.ikmTarget) } : null,
              locale: m.locale,
            }),
            width: 460,
            height: 240,
            caption: tx('Gambar 4.1 Tren nilai SKM', 'Figure 4.1 SKM trend'),
          },
          trendTable,
        ]
      : []),
    { kind: 'paragraph', content: trendSentence(m), align: 'justify' },
    ...(target ? [{ kind: 'paragraph' as const, content: target, align: 'justify' as const }] : []),
    ...(m.sections.trendNotes ? paragraphs(m.sections.trendNotes) : []),
  ];
}

// ---- BAB V ----

function conclusions(m: SkmUnitReportModel): string[] {
  const year = m.campaign.year;
  const pts = m.trend;
  const first = pts[0];
  const last = pts.at(-1);
  let trend = '';
  if (first && last && pts.length >= 2) {
    trend =
      m.trendWording === 'meningkat secara konsisten'
        ? ` Nilai SKM ${m.unit.name} menunjukkan peningkatan kinerja penyelenggaraan pelayanan publik secara konsisten dari tahun ${first.year} hingga ${last.year}.`
        : ` Nilai SKM ${m.unit.name} dari tahun ${first.year} hingga ${last.year} fluktuatif${
            m.unitYoy?.delta
              ? `; dibandingkan tahun ${year - 1} nilai SKM ${m.unitYoy.label === 'Naik' ? 'naik' : m.unitYoy.label === 'Turun' ? 'turun' : 'tetap'}${m.unitYoy.label === 'Tetap' ? '' : ` sebesar ${formatId(m.unitYoy.delta.lt(0) ? m.unitYoy.delta.neg() : m.unitYoy.delta)}`}`
              : ''
          }.`;
  }
  const names = (list: { code: string }[]) =>
    joinList(
      list.map((e) => elementName(m, e.code)),
      'id',
    );
  return [
    m.total.ikm
      ? `Pelaksanaan pelayanan publik di ${m.unit.name}, secara umum mencerminkan tingkat kualitas yang ${gradeName(m, m.total.gradeCode, 'id')} dengan nilai SKM ${n2(m.total.ikm)}.${trend}`
      : `Belum ada responden yang dihitung untuk ${m.unit.name} pada tahun ${year}.`,
    `Unsur pelayanan yang termasuk tiga unsur terendah dan menjadi prioritas perbaikan yaitu ${names(m.lowest)}.`,
    `Sedangkan tiga unsur layanan dengan nilai tertinggi yaitu ${names(m.highest)}.`,
  ];
}

function chapter5(m: SkmUnitReportModel, tx: Tx): Block[] {
  const s = m.signatory;
  const acting = s?.acting ? (/^\s*(Plt|Plh)\.?/i.exec(s.title)?.[1] ?? 'Plt') : null;
  return [
    { kind: 'heading', level: 1, text: tx('BAB V KESIMPULAN', 'CHAPTER V CONCLUSIONS'), pageBreakBefore: true },
    {
      kind: 'paragraph',
      content: `Berdasarkan hasil evaluasi Survei Kepuasan Masyarakat (SKM) Tahun ${m.campaign.year}, dapat disimpulkan:`,
    },
    { kind: 'list', ordered: true, items: conclusions(m) },
    ...(m.sections.conclusionNotes ? paragraphs(m.sections.conclusionNotes) : []),
    {
      kind: 'signature',
      placeDate: `${m.place}, ${longDate(m.signingDate, m.locale)}`,
      position: s?.title ?? tx(`[Kepala ${m.unit.name}]`, `[Head of ${m.unit.name}]`),
      name: s?.fullName ?? tx('[Nama Pimpinan Unit Pelayanan]', '[Name of the unit head]'),
      ...(s?.nip ? { nip: s.nip } : {}),
      ...(acting ? { note: `${acting}.` } : {}),
    },
  ];
}

// ---- Lampiran ----

function questionnaire(m: SkmUnitReportModel, tx: Tx): Block[] {
  const elementOf = new Map(m.elements.flatMap((e) => e.questionCodes.map((q) => [q, e.code] as const)));
  const optionSet = new Map(m.profile.optionSets.map((o) => [o.code, o]));
  const fields = m.profile.respondentFields.map((f) => {
    const opts = f.options?.length ? `: ${f.options.map((o) => o.label[m.locale]).join(' / ')}` : '';
    return `${f.label[m.locale]}${opts}`;
  });
  const out: Block[] = [
    { kind: 'heading', level: 2, text: tx('1. Kuesioner', '1. Questionnaire') },
    {
      kind: 'paragraph',
      content: `${m.profile.name[m.locale]} (${m.profile.code} v${m.profile.version}), skala ${m.profile.scaleMin}–${m.profile.scaleMax}.`,
    },
    { kind: 'paragraph', content: tx('Keterangan identitas responden dan layanan:', 'Respondent and service fields:') },
    { kind: 'list', items: fields },
  ];
  for (const sec of m.profile.sections) {
    const qs = m.profile.questions.filter((q) => q.section === sec.code);
    if (!qs.length) continue;
    out.push({
      kind: 'table',
      caption: `${sec.code}. ${sec.title[m.locale]}${sec.prompt ? ` — ${sec.prompt[m.locale]}` : ''}`,
      columns: [{ width: 0.6, align: 'center' }, { width: 4.6 }, { width: 0.7, align: 'center' }, { width: 3.6 }],
      header: [
        [
          tx('Kode', 'Code'),
          tx('Pertanyaan', 'Question'),
          tx('Unsur', 'Element'),
          tx(`Pilihan jawaban (nilai 1 → ${m.profile.scaleMax})`, `Options (score 1 → ${m.profile.scaleMax})`),
        ],
      ],
      body: qs.map((q) => [
        q.code,
        q.text[m.locale],
        elementOf.get(q.code) ?? '–',
        (optionSet.get(q.optionSet)?.labels ?? []).map((l) => l[m.locale]).join(' / '),
      ]),
      dense: true,
    });
  }
  return out;
}

function recapTable(m: SkmUnitReportModel, tx: Tx): TableBlock {
  const lead = [
    'No.',
    tx('Layanan', 'Service'),
    tx('Tanggal Survei', 'Survey date'),
    tx('Nama', 'Name'),
    tx('Usia', 'Age'),
    tx('Jenis Kelamin', 'Sex'),
    tx('No. Handphone', 'Phone'),
    tx('Pendidikan', 'Education'),
    tx('Pekerjaan', 'Occupation'),
    tx('Nama instansi', 'Institution'),
    tx('Presentase tahapan penyelesaian (%)', 'Completion (%)'),
  ];
  const qCount = m.elements.reduce((a, e) => a + e.questionCodes.length, 0);
  return {
    kind: 'table',
    caption: tx('Rekapitulasi responden yang dihitung', 'Counted respondents'),
    columns: [
      { width: 0.5, align: 'center' },
      { width: 2.2 },
      { width: 1.7 },
      { width: 1.5 },
      { width: 0.5, align: 'center' },
      { width: 0.9 },
      { width: 1.1 },
      { width: 0.9 },
      { width: 1.1 },
      { width: 1.4 },
      { width: 0.8, align: 'center' },
      ...Array.from({ length: qCount }, () => ({ width: 0.35, align: 'center' as const })),
      { width: 2.2 },
    ],
    header: [
      [
        ...lead.map((h) => ({ content: h, rowSpan: 2 })),
        ...m.elements.map((e) => ({ content: e.code, colSpan: e.questionCodes.length })),
        { content: tx('Saran', 'Suggestion'), rowSpan: 2 },
      ],
      m.elements.flatMap((e) => e.questionCodes.map((q) => q)),
    ],
    body: m.recap.rows.length ? m.recap.rows : [[{ content: 'NIHIL', colSpan: lead.length + qCount + 1, align: 'center' }]],
    dense: true,
    note: m.recap.masked
      ? tx(
          'Data pribadi (nama, nomor HP, instansi) disamarkan sesuai hak akses pembuat dokumen. Lampiran ini untuk penggunaan internal.',
          'Personal data (name, phone, institution) are masked for the role that generated this document. For internal use.',
        )
      : tx(
          'Lampiran ini memuat data pribadi responden: hanya untuk penggunaan internal, tidak untuk dipublikasikan.',
          'This annex contains respondents’ personal data: internal use only, not for publication.',
        ),
  };
}

/** "Perhitungan Nilai SKM": S_q, n_q, NRR_q, weighted NRR, T and IKM as the calculation sheet prints them. */
function calculationTable(m: SkmUnitReportModel, tx: Tx, title: string, f: ScopeFigures): TableBlock {
  const groups = m.elements.map((e) => ({ code: e.code, questions: e.questionCodes }));
  const qs = groups.flatMap((g) => g.questions);
  const byQ = new Map(f.questions.map((q) => [q.code, q]));
  const byE = new Map(f.elements.map((e) => [e.code, e]));
  const perElement = (fn: (e: ScopeFigures['elements'][number] | undefined) => Cell): Cell[] =>
    groups.map((g) => {
      const c = fn(byE.get(g.code));
      const base = typeof c === 'string' ? { content: c } : c;
      return { ...base, colSpan: g.questions.length, align: 'center' as const };
    });
  const label = (s: string): Cell => ({ content: s, bold: true });
  const all = (c: Cell): Cell => ({ ...(typeof c === 'string' ? { content: c } : c), colSpan: qs.length, align: 'center' });
  return {
    kind: 'table',
    caption: title,
    columns: [{ width: 2.6 }, ...qs.map(() => ({ width: 1, align: 'center' as const }))],
    header: [
      [tx('Unsur', 'Element'), ...groups.map((g) => ({ content: g.code, colSpan: g.questions.length }))],
      [tx('Pertanyaan', 'Question'), ...qs],
    ],
    body: [
      [label(tx('Jumlah Kuesioner', 'Questionnaires')), ...qs.map((q) => String(byQ.get(q)?.answered ?? 0))],
      [label(tx('Jumlah Nilai Perunsur', 'Sum of scores')), ...qs.map((q) => String(byQ.get(q)?.sum ?? 0))],
      [label(tx('NRR Per Unsur (pertanyaan)', 'Mean per question')), ...qs.map((q) => n2(byQ.get(q)?.nrr, 3))],
      [label(tx('NRR Per Unsur', 'Mean per element')), ...perElement((e) => n2(e?.nrr, 3))],
      [label(tx('Bobot', 'Weight')), ...perElement((e) => (e ? e.weight.toString() : '–'))],
      [label(tx('NRR tertimbang', 'Weighted mean')), ...perElement((e) => n2(e?.weighted, 4))],
      [
        label(tx(`Nilai unsur (× 100/${m.profile.scaleMax})`, `Element value (× 100/${m.profile.scaleMax})`)),
        ...perElement((e) => gradeCell(e?.value, e?.gradeCode)),
      ],
      [label(tx('Jumlah NRR IKM tertimbang', 'Sum of weighted means')), all(n2(f.weightedSum, 4))],
      [
        label(tx('Nilai IKM', 'IKM')),
        all(f.ikm ? { content: `${n2(f.ikm)} (${f.gradeCode})`, fill: gradeColour(f.gradeCode), bold: true } : '–'),
      ],
    ],
    dense: true,
    note: tx(
      `n = ${f.counts.counted} responden dihitung. NRR = jumlah nilai / jumlah kuesioner; nilai unsur U dengan beberapa pertanyaan = rata-rata NRR pertanyaannya; IKM = jumlah NRR tertimbang × 100/${m.profile.scaleMax}, dihitung dengan presisi penuh (angka tampilan dibulatkan).`,
      `n = ${f.counts.counted} counted respondents. Mean = sum / questionnaires; an element with several questions = mean of their means; IKM = sum of weighted means × 100/${m.profile.scaleMax}, at full precision (displayed values are rounded).`,
    ),
  };
}

function annexes(m: SkmUnitReportModel, tx: Tx): Block[] {
  const year = m.campaign.year;
  return [
    { kind: 'heading', level: 1, text: tx('LAMPIRAN', 'ANNEXES'), pageBreakBefore: true },
    ...questionnaire(m, tx),
    { kind: 'heading', level: 2, text: tx('2. Hasil Olah Data SKM', '2. Processed SKM data'), pageBreakBefore: true },
    {
      kind: 'landscape',
      blocks: [
        recapTable(m, tx),
        calculationTable(m, tx, `${tx('Perhitungan Nilai SKM', 'SKM calculation')} — ${m.unit.name} ${year}`, m.total),
        ...m.services
          .filter((s) => s.counted > 0)
          .map((s) => calculationTable(m, tx, `${tx('Perhitungan Nilai SKM', 'SKM calculation')} — ${s.name}`, s.figures)),
      ],
    },
    { kind: 'heading', level: 2, text: tx('3. Dokumentasi Lainnya Terkait Pelaksanaan SKM', '3. Other documentation') },
    {
      kind: 'list',
      items: [
        tx('a. SK Tim Pelaksana SKM', 'a. Survey team decree'),
        tx('b. Publikasi Hasil SKM', 'b. Publication of the results'),
        tx(
          'c. Dokumentasi rapat pembahasan rencana tindak lanjut hasil SKM (foto, daftar hadir, notulen)',
          'c. RTL meeting (photos, attendance, minutes)',
        ),
        tx('d. Berita Acara FKP dalam rangka pembahasan rencana tindak lanjut (jika ada)', 'd. FKP minutes (if any)'),
      ],
    },
    { kind: 'paragraph', content: PLACEHOLDER[m.locale], style: 'small' },
    {
      kind: 'heading',
      level: 2,
      text: tx('4. Laporan Hasil Tindak Lanjut SKM pada Periode Sebelumnya', '4. Follow-up report of the previous period'),
    },
    {
      kind: 'paragraph',
      content: `${tx(`Laporan Hasil Tindak Lanjut SKM periode ${year - 1}`, `Follow-up report for ${year - 1}`)} ${PLACEHOLDER[m.locale]}`,
      style: 'small',
    },
  ];
}

// ---- Documents ----

const title = (m: SkmUnitReportModel) => `Laporan Pelaksanaan SKM ${m.campaign.year} – ${m.unit.name}`;

/** The whole Laporan Pelaksanaan SKM. */
export function composeSkmUnitReport(m: SkmUnitReportModel): ReportDocument {
  const tx = txOf(m.locale);
  return {
    meta: {
      title: title(m),
      subject: `${m.campaign.name}${m.provisional ? ' (sementara)' : ''}`,
      author: m.unit.name,
      language: m.locale,
    },
    header: `${tx('Laporan Pelaksanaan SKM', 'SKM report')} ${m.campaign.year} — ${m.unit.name}${m.provisional ? ` (${tx('SEMENTARA', 'PROVISIONAL')})` : ''}`,
    pageNumbers: true,
    cover: cover(m, tx),
    blocks: [
      { kind: 'toc', title: tx('DAFTAR ISI', 'CONTENTS') },
      ...statementBlocks(m, tx, { pageBreakBefore: true, toc: true }),
      ...chapter1(m, tx),
      ...chapter2(m, tx),
      ...chapter3(m, tx),
      ...chapter4(m, tx),
      ...chapter5(m, tx),
      ...annexes(m, tx),
    ],
  };
}

/** The Surat Pernyataan alone (printed, wet-signed and stamped, then uploaded with the report). */
export function composeStatement(m: SkmUnitReportModel): ReportDocument {
  const tx = txOf(m.locale);
  return {
    meta: {
      title: `Surat Pernyataan Kebenaran Data SKM ${m.campaign.year} – ${m.unit.name}`,
      author: m.unit.name,
      language: m.locale,
    },
    blocks: statementBlocks(m, tx, { pageBreakBefore: false, toc: false }),
  };
}
