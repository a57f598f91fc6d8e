import { isValidTimeZone } from '../../domain/core/instant.ts';
import { formatId } from '../../domain/core/rounding.ts';
import {
  accumulatePerception,
  bandLabel,
  computePerception,
  type PerceptionAnswers,
  type PerceptionResult,
  type PerceptionSurvey,
  toConvertedScale,
} from '../../domain/perception/perception.ts';
import { selectPerMonth, type WorksheetValue, worksheetValue } from '../../domain/perception/selection.ts';
import type { InstrumentProfile } from '../../domain/profiles/profile.ts';
import { instrumentQuestionCodes } from '../../domain/profiles/profile.ts';
import { type CliCommand, CliError, parseArgs } from '../command.ts';
import { findColumn, readTable } from '../read-table.ts';
import { cellError, parseAnswer, parseSubmittedAt, questionColumns, requireRows, resolveProfile } from '../survey-input.ts';
import { textTable } from '../text-table.ts';

const INSTRUMENTS = ['spkp-spak-4', 'bpom-2024'];

interface Row {
  rowNumber: number;
  seqNo: number;
  submittedAt: number;
  completionPct: number;
  valid: boolean;
  answers: PerceptionAnswers;
}

export const perceptionIndexCommand: CliCommand = {
  name: 'perception-index',
  summary: 'Hitung IPP (SPKP) atau IPAK (SPAK) dari berkas CSV/XLSX (perception indices)',
  usage: [
    'mutu perception-index FILE --survey spkp|spak [--instrument spkp-spak-4|bpom-2024 | --profile P.json] [--tz Asia/Jakarta] [--month YYYY-MM] [--json]',
    '',
    'Question columns by code (U1..U8 / P1..P5 for spkp-spak-4; A2,A3,A5,A10..A14 / B1..B5 for bpom-2024) or q<i>.',
    'With both optional columns completion_pct and submitted_at (ISO 8601 with offset), only completion 100 counts and',
    'the first 30 per calendar month in --tz are selected; --month picks the month (default: all months, worksheet at the latest).',
  ].join('\n'),
  examples: [
    'mutu perception-index resources/fixtures/perception/bpom-2024-jan-2025.csv --survey spkp --instrument bpom-2024 --json',
    'mutu perception-index resources/fixtures/perception/spkp-spak-4-nov-jan.csv --survey spak --tz Asia/Makassar --month 2025-01',
  ],
  async run(argv, io) {
    const { positionals, flags } = parseArgs(argv, ['json']);
    const [file, ...extra] = positionals;
    if (!file)
      throw new CliError('Berkas belum disebutkan (missing FILE). Contoh: mutu perception-index januari.csv --survey spkp');
    if (extra.length > 0) throw new CliError(`Argumen tidak dikenal: ${extra.join(' ')} (unexpected argument)`);
    for (const f of Object.keys(flags))
      if (!['json', 'survey', 'instrument', 'profile', 'tz', 'month'].includes(f))
        throw new CliError(`Opsi tidak dikenal: --${f} (unknown option)`);
    if (flags.survey !== 'spkp' && flags.survey !== 'spak')
      throw new CliError('--survey wajib: spkp atau spak (--survey spkp|spak is required)');
    const survey: PerceptionSurvey = flags.survey;
    const tz = typeof flags.tz === 'string' ? flags.tz : 'Asia/Jakarta';
    if (!isValidTimeZone(tz))
      throw new CliError(`Zona waktu tidak dikenal: ${tz} (unknown --tz; e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)`);
    const month = typeof flags.month === 'string' ? flags.month : undefined;
    if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      throw new CliError(`--month harus YYYY-MM, bukan "${month}" (--month must be YYYY-MM)`);

    const profile = await resolveProfile(flags, io.cwd, INSTRUMENTS, 'spkp-spak-4', survey);
    const table = await readTable(file, io.cwd);
    requireRows(table);
    const cols = questionColumns(table, profile, instrumentQuestionCodes(profile, survey));
    const completionCol = findColumn(table, 'completion_pct');
    const submittedCol = findColumn(table, 'submitted_at');
    const monthly = completionCol !== undefined && submittedCol !== undefined;
    if (month && !monthly)
      throw new CliError(
        '--month memerlukan kolom completion_pct dan submitted_at (--month needs the completion_pct and submitted_at columns)',
      );

    const rows: Row[] = table.rows.map((row, i) => {
      const answers: Record<string, number | null> = {};
      for (const c of cols) answers[c.code] = parseAnswer(table, row, c, profile);
      let completionPct = 100;
      if (completionCol) {
        const raw = (row.cells[completionCol] ?? '').replace(/%$/, '').trim();
        if (!/^\d+$/.test(raw) || Number(raw) > 100)
          throw cellError(
            table,
            row,
            completionCol,
            `persentase penyelesaian "${row.cells[completionCol]}" harus bilangan bulat 0–100`,
            'completion must be an integer 0-100',
          );
        completionPct = Number(raw);
      }
      const submittedAt = submittedCol ? parseSubmittedAt(table, row, submittedCol, monthly) : null;
      // The file order stands in for the sequence number when two submissions share a timestamp.
      return { rowNumber: row.rowNumber, seqNo: i + 1, submittedAt: submittedAt ?? 0, completionPct, valid: true, answers };
    });

    const compute = (rs: Row[]) =>
      computePerception(
        profile,
        accumulatePerception(
          profile,
          survey,
          rs.map((r) => r.answers),
        ),
      );
    let respondents = rows.length;
    let selectedRows = rows;
    let months: { month: string; respondents: number; eligible: number; selected: number; result: PerceptionResult }[] | null =
      null;
    let worksheet: WorksheetValue | null = null;
    if (monthly) {
      const all = selectPerMonth(rows, tz);
      months = all.map((m) => ({
        month: m.month,
        respondents: m.responses.length,
        eligible: m.eligible.length,
        selected: m.selected.length,
        result: compute(m.selected),
      }));
      const reference = month ?? (all[all.length - 1] as { month: string }).month;
      const scope = month ? all.filter((m) => m.month === month) : all;
      respondents = scope.reduce((a, m) => a + m.responses.length, 0);
      selectedRows = scope.flatMap((m) => m.selected);
      worksheet = worksheetValue(
        months.map((m) => ({ month: m.month, index: m.result.index })),
        reference,
      );
    }
    const result = compute(selectedRows);

    if (flags.json) {
      io.out(
        `${JSON.stringify(toJson(profile, survey, respondents, selectedRows.length, result, months, worksheet, tz), null, 2)}\n`,
      );
      return 0;
    }
    io.out(`${renderText(profile, survey, respondents, selectedRows.length, result, months, worksheet)}\n`);
    return 0;
  },
};

const num = (x: { toNumber(): number } | null) => (x === null ? null : x.toNumber());
const bandNo = (r: { band: { code: string } | null }) => (r.band ? Number(r.band.code) : null);

function toJson(
  profile: InstrumentProfile,
  survey: PerceptionSurvey,
  respondents: number,
  selected: number,
  r: PerceptionResult,
  months: { month: string; respondents: number; eligible: number; selected: number; result: PerceptionResult }[] | null,
  worksheet: WorksheetValue | null,
  tz: string,
) {
  const out: Record<string, unknown> = {
    survey,
    instrument: profile.code,
    respondents,
    selected,
    elements: r.elements.map((e) => ({
      code: e.code,
      name: e.name.id,
      index: num(e.index),
      converted: num(e.converted),
      band: bandNo(e),
      label: e.band ? bandLabel(e.band, survey, 'id') : null,
    })),
    index: num(r.index),
    converted: num(r.converted),
    band: bandNo(r),
    label: r.label,
    labelEn: r.labelEn,
  };
  if (months) {
    out.timeZone = tz;
    out.months = months.map((m) => ({
      month: m.month,
      respondents: m.respondents,
      eligible: m.eligible,
      selected: m.selected,
      index: num(m.result.index),
      converted: num(m.result.converted),
      band: bandNo(m.result),
    }));
  }
  if (worksheet) {
    if (worksheet.value) out.worksheetValue = worksheet.value.toNumber();
    out.worksheet = {
      referenceMonth: worksheet.referenceMonth,
      window: worksheet.window,
      monthsUsed: worksheet.monthsUsed,
      value: num(worksheet.value),
      converted: worksheet.value ? toConvertedScale(worksheet.value).toNumber() : null,
      incomplete: worksheet.incomplete,
    };
  }
  return out;
}

function renderText(
  profile: InstrumentProfile,
  survey: PerceptionSurvey,
  respondents: number,
  selected: number,
  r: PerceptionResult,
  months: { month: string; respondents: number; eligible: number; selected: number; result: PerceptionResult }[] | null,
  worksheet: WorksheetValue | null,
): string {
  const name = survey === 'spkp' ? 'Indeks Persepsi Pelayanan Publik (IPP)' : 'Indeks Persepsi Anti Korupsi (IPAK)';
  const out = [`${survey.toUpperCase()} — profil ${profile.code} (skala ${profile.scaleMin}–${profile.scaleMax})`];
  out.push(`Responden: ${respondents}   Terpilih: ${selected}`, '');
  out.push(
    textTable(
      ['Kode', 'Unsur', 'Index Tiap Unsur', 'Konversi', 'Nilai Persepsi', 'Kinerja'],
      [
        ...r.elements.map((e) => [
          e.code,
          e.name.id,
          formatId(e.index),
          formatId(e.converted),
          e.band?.code ?? '–',
          e.band ? bandLabel(e.band, survey, 'id') : '–',
        ]),
        ['', name, formatId(r.index), formatId(r.converted), r.band?.code ?? '–', r.label ?? '–'],
      ],
      [0, 1, 5],
    ),
  );
  if (months) {
    out.push('', 'Per bulan', '');
    out.push(
      textTable(
        ['Bulan', 'Responden', 'Memenuhi syarat', 'Terpilih', 'Indeks', 'Konversi', 'Nilai Persepsi'],
        months.map((m) => [
          m.month,
          String(m.respondents),
          String(m.eligible),
          String(m.selected),
          formatId(m.result.index),
          formatId(m.result.converted),
          m.result.band?.code ?? '–',
        ]),
      ),
    );
  }
  if (worksheet) {
    out.push(
      '',
      `Nilai LKE (rata-rata 3 bulan s.d. ${worksheet.referenceMonth}): ${formatId(worksheet.value)}${
        worksheet.incomplete ? ` — tidak lengkap, bulan: ${worksheet.monthsUsed.join(', ') || '–'}` : ''
      }`,
    );
  }
  return out.join('\n');
}
