import type { Rational } from '../../domain/core/rational.ts';
import { formatId } from '../../domain/core/rounding.ts';
import { instrumentQuestionCodes } from '../../domain/profiles/profile.ts';
import { computeIkm, type IkmResult, ikmToJson } from '../../domain/skm/ikm.ts';
import { accumulate, mergeTallies, type SkmAnswers, type SkmTally } from '../../domain/skm/tally.ts';
import { type CliCommand, CliError, parseArgs } from '../command.ts';
import { findColumn, readTable } from '../read-table.ts';
import { cellError, parseAnswer, parseSubmittedAt, questionColumns, requireRows, resolveProfile } from '../survey-input.ts';
import { textTable } from '../text-table.ts';

const INSTRUMENTS = ['permenpan-2017', 'bpom-2024'];

export const skmIndexCommand: CliCommand = {
  name: 'skm-index',
  summary: 'Hitung IKM (SKM) dari berkas CSV/XLSX responden × pertanyaan (compute the SKM index)',
  usage: [
    'mutu skm-index FILE [--instrument permenpan-2017|bpom-2024 | --profile P.json] [--by service] [--json]',
    '',
    'FILE: CSV or XLSX, header row; one row per respondent. Question columns are named by code',
    '(U1..U9 for permenpan-2017; A1..A11 for bpom-2024) or q<i> (position in the profile). An empty',
    'cell is unanswered. Optional columns: service, submitted_at (ISO 8601 with offset). Every row counts.',
  ].join('\n'),
  examples: [
    'mutu skm-index resources/fixtures/skm/permenpan-4point-semicolon.csv --json',
    'mutu skm-index resources/fixtures/skm/tarakan-2024-bpom.csv --instrument bpom-2024 --by service',
  ],
  async run(argv, io) {
    const { positionals, flags } = parseArgs(argv, ['json']);
    const [file, ...extra] = positionals;
    if (!file) throw new CliError('Berkas belum disebutkan (missing FILE). Contoh: mutu skm-index responses.csv');
    if (extra.length > 0) throw new CliError(`Argumen tidak dikenal: ${extra.join(' ')} (unexpected argument)`);
    for (const f of Object.keys(flags))
      if (!['json', 'instrument', 'profile', 'by'].includes(f)) throw new CliError(`Opsi tidak dikenal: --${f} (unknown option)`);
    if (flags.by !== undefined && flags.by !== 'service')
      throw new CliError(`--by hanya menerima "service" (--by accepts only "service")`);
    const byService = flags.by === 'service';

    const profile = await resolveProfile(flags, io.cwd, INSTRUMENTS, 'permenpan-2017', 'skm');
    const table = await readTable(file, io.cwd);
    requireRows(table);
    const cols = questionColumns(table, profile, instrumentQuestionCodes(profile, 'skm'));
    const serviceCol = findColumn(table, 'service');
    if (byService && !serviceCol)
      throw new CliError(`Berkas ${table.fileName}, baris 1: --by service memerlukan kolom "service" (missing column service)`);
    const submittedCol = findColumn(table, 'submitted_at');

    const groups = new Map<string, SkmAnswers[]>();
    const all: SkmAnswers[] = [];
    for (const row of table.rows) {
      const answers: Record<string, number | null> = {};
      for (const c of cols) answers[c.code] = parseAnswer(table, row, c, profile);
      if (submittedCol) parseSubmittedAt(table, row, submittedCol, false);
      all.push(answers);
      if (byService && serviceCol) {
        const service = row.cells[serviceCol] ?? '';
        if (service === '') throw cellError(table, row, serviceCol, 'nama layanan kosong', 'service is empty');
        const list = groups.get(service);
        if (list) list.push(answers);
        else groups.set(service, [answers]);
      }
    }

    const serviceTallies = [...groups].map(([service, rows]) => ({ service, tally: accumulate(profile, rows) }));
    // Pooled from the integer tallies (D4), never from the service indices.
    const tally: SkmTally =
      serviceTallies.length > 0
        ? mergeTallies(serviceTallies[0]?.tally as SkmTally, ...serviceTallies.slice(1).map((s) => s.tally))
        : accumulate(profile, all);
    const result = computeIkm(profile, tally);
    const services = serviceTallies.map((s) => ({ service: s.service, result: computeIkm(profile, s.tally) }));

    if (flags.json) {
      const out: Record<string, unknown> = {
        instrument: profile.code,
        scaleMin: profile.scaleMin,
        scaleMax: profile.scaleMax,
        ...ikmToJson(result),
      };
      if (byService) out.services = services.map((s) => ({ service: s.service, ...ikmToJson(s.result) }));
      io.out(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    }
    io.out(`${renderText(profile.code, profile.scaleMin, profile.scaleMax, result, byService ? services : null)}\n`);
    return 0;
  },
};

const ci = (r: IkmResult) => (r.ci95 ? `${formatId(r.ci95[0])} – ${formatId(r.ci95[1])}` : '–');
const fmt = (x: Rational | null) => formatId(x);

function renderText(
  code: string,
  min: number,
  max: number,
  r: IkmResult,
  services: { service: string; result: IkmResult }[] | null,
): string {
  const out: string[] = [];
  out.push(`Perhitungan Nilai SKM — profil ${code} (skala ${min}–${max})`);
  out.push(`Jumlah responden: ${r.respondents}`, '');
  out.push(
    textTable(
      ['Pertanyaan', 'Jumlah Kuesioner', 'Jumlah Nilai', 'NRR'],
      r.questions.map((q) => [q.code, String(q.answered), String(q.sum), fmt(q.nrr)]),
    ),
    '',
  );
  out.push(
    textTable(
      ['Unsur', 'Nama Unsur', 'NRR', 'NRR Tertimbang', 'Nilai Konversi', 'Mutu'],
      r.elements.map((e) => [e.code, e.name.id, fmt(e.nrr), fmt(e.weighted), fmt(e.value), e.grade?.code ?? '–']),
      [0, 1],
    ),
    '',
  );
  out.push(`Jumlah NRR IKM tertimbang: ${fmt(r.weightedSum)}`);
  out.push(`Nilai IKM: ${fmt(r.ikm)}   Mutu pelayanan: ${r.grade ? `${r.grade.code} (${r.grade.label})` : '–'}`);
  out.push(`Selang kepercayaan 95%: ${ci(r)}`);
  if (services) {
    out.push('', 'Nilai SKM per jenis layanan', '');
    out.push(
      textTable(
        ['Layanan', 'n', ...r.elements.map((e) => e.code), 'IKM', 'Mutu', 'SK 95%'],
        services.map((s) => [
          s.service,
          String(s.result.respondents),
          ...s.result.elements.map((e) => fmt(e.value)),
          fmt(s.result.ikm),
          s.result.grade?.code ?? '–',
          ci(s.result),
        ]),
      ),
    );
  }
  return out.join('\n');
}
