import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Band } from '../../domain/core/classification.ts';
import { Rational } from '../../domain/core/rational.ts';
import { formatId } from '../../domain/core/rounding.ts';
import { SAKIP_CRITERIA } from '../../domain/performance/criteria.ts';
import {
  defaultQuarter,
  evaluatePerformance,
  type PerformanceIndicator,
  type PerformanceInput,
  type PerformanceResult,
} from '../../domain/performance/evaluate.ts';
import {
  type Component,
  evaluateParts,
  type PartNode,
  type RealisationInput,
  type Stage,
} from '../../domain/performance/formulas.ts';
import { type Quarter, quarterLabel, TARGET_PATTERNS } from '../../domain/performance/targets.ts';
import { type CliCommand, CliError, type CliIo, parseArgs } from '../command.ts';

/* ---------- input schema (the JSON file) ---------- */

const num = z.number();
const code = z.union([z.string().min(1), z.number()]).transform(String);
const month = z.number().int().min(1).max(12);

type PartJson = number | { mean: PartJson[] } | { sum: PartJson[] };
const partNode: z.ZodType<PartJson> = z.lazy(() =>
  z.union([z.number(), z.object({ mean: z.array(partNode).min(1) }), z.object({ sum: z.array(partNode).min(1) })]),
);

const component = z.object({
  name: z.string().optional(),
  numerator: num.nullable().optional(),
  denominator: num.nullable().optional(),
  value: num.nullable().optional(),
});

const stage = z
  .object({
    name: z.string().optional(),
    weight: num,
    fractionDone: num.min(0).max(1).optional(),
    done: num.min(0).optional(),
    of: num.positive().optional(),
  })
  .superRefine((s, ctx) => {
    const hasFraction = s.fractionDone !== undefined;
    const hasCount = s.done !== undefined || s.of !== undefined;
    if (hasFraction === hasCount || (hasCount && (s.done === undefined || s.of === undefined)))
      ctx.addIssue({ code: 'custom', message: 'give either fractionDone (0-1) or done and of' });
  });

/** The ways a realisation can be entered (DOMAIN §8.3-8.4); exactly one per entry. */
const MODES = [
  'value',
  'numerator',
  'components',
  'stages',
  'stageGroups',
  'weighted',
  'parts',
  'subunits',
  'skmServices',
  'ordinal',
  'notMeasured',
] as const;

const realisation = z
  .object({
    month,
    value: num.optional(),
    source: z.enum(['entered', 'external']).optional(),
    asOf: z.string().optional(),
    numerator: num.optional(),
    denominator: num.optional(),
    components: z.array(component).min(1).optional(),
    stages: z.array(stage).min(1).optional(),
    stageGroups: z
      .array(z.object({ name: z.string().optional(), stages: z.array(stage).min(1) }))
      .min(1)
      .optional(),
    weighted: z
      .array(z.object({ name: z.string().optional(), weight: num, value: num }))
      .min(1)
      .optional(),
    parts: partNode.optional(),
    subunits: z
      .array(z.object({ name: z.string().optional(), value: num.nullable().optional(), parts: partNode.optional() }))
      .min(1)
      .optional(),
    skmServices: z
      .array(z.object({ name: z.string().optional(), index: num, respondents: z.number().int().min(0) }))
      .min(1)
      .optional(),
    ordinal: z.string().optional(),
    notMeasured: z.string().optional(),
    note: z.string().optional(),
  })
  .superRefine((r, ctx) => {
    const present = MODES.filter((m) => r[m] !== undefined);
    if (present.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `give exactly one of value | numerator+denominator | components | stages | stageGroups | weighted | parts | subunits | skmServices | ordinal | notMeasured${present.length > 1 ? ` (found ${present.join(', ')})` : ''}`,
      });
    if ((r.numerator === undefined) !== (r.denominator === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [r.numerator === undefined ? 'numerator' : 'denominator'],
        message: 'numerator and denominator go together',
      });
  });

const indicator = z.object({
  code,
  name: z.string(),
  sasaran: code,
  polarity: z.enum(['maximize', 'minimize']).default('maximize'),
  minimizeFormula: z.enum(['two_minus_ratio', 'target_over_realisation']).optional(),
  pattern: z.enum(TARGET_PATTERNS as [string, ...string[]]),
  monthlyTargets: z.array(num.nullable()).length(12),
  annualTarget: num.nullable(),
  weight: num.positive().optional(),
  componentMode: z.enum(['exclude', 'zero']).optional(),
  ordinalScale: z.record(z.string(), num).optional(),
  realisations: z.array(realisation),
});

export const performanceFileSchema = z.object({
  entity: z.object({
    name: z.string().min(1),
    overallMethod: z.enum(['mean_of_perspectives', 'mean_of_sasaran']).default('mean_of_perspectives'),
    aggregationCap: num.positive().nullable().optional(),
  }),
  perspectives: z.array(z.object({ code, name: z.string() })).min(1),
  sasaran: z.array(z.object({ code, name: z.string(), perspective: code })).min(1),
  indicators: z.array(indicator).min(1),
});

export type PerformanceFile = z.output<typeof performanceFileSchema>;

/* ---------- validation messages naming the JSON path ---------- */

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out || '(root)';
}

const ARTICLE: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  array: 'an array',
  object: 'an object',
  boolean: 'true or false',
  int: 'an integer',
};

function valueAt(data: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let cur: unknown = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, p as string)) return { present: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return { present: true, value: cur };
}

function describeReceived(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)}`;
  return typeof v === 'object' ? 'an object' : String(v);
}

function issueMessage(issue: z.core.$ZodIssue, data: unknown): string {
  const at = valueAt(data, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = ARTICLE[issue.expected] ?? issue.expected;
      if (!at.present) return `missing (expected ${expected})`;
      return `expected ${expected}, got ${describeReceived(at.value)}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, got ${describeReceived(at.value)}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      if (issue.origin === 'array')
        return `expected ${issue.exact ? 'exactly' : issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} items`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<'} ${bound}`;
    }
    case 'invalid_union': {
      const inParts = issue.path.some((p) => p === 'parts');
      const expected = inParts ? 'a number, {"mean": [...]} or {"sum": [...]}' : 'a string or a number';
      return at.present ? `expected ${expected}, got ${describeReceived(at.value)}` : `missing (expected ${expected})`;
    }
    default:
      return issue.message;
  }
}

export interface InputProblem {
  path: string;
  message: string;
}

/** Checks across the file that a schema cannot express: unknown references, duplicate codes and months. */
function crossCheck(file: PerformanceFile): InputProblem[] {
  const problems: InputProblem[] = [];
  const dup = (list: readonly { code: string }[], name: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.code)) problems.push({ path: `${name}[${i}].code`, message: `duplicate code "${x.code}"` });
      seen.add(x.code);
    });
  };
  dup(file.perspectives, 'perspectives');
  dup(file.sasaran, 'sasaran');
  dup(file.indicators, 'indicators');
  const perspectives = new Set(file.perspectives.map((p) => p.code));
  const sasaran = new Set(file.sasaran.map((s) => s.code));
  file.sasaran.forEach((s, i) => {
    if (!perspectives.has(s.perspective))
      problems.push({ path: `sasaran[${i}].perspective`, message: `unknown perspective "${s.perspective}"` });
  });
  file.indicators.forEach((ind, i) => {
    if (!sasaran.has(ind.sasaran))
      problems.push({ path: `indicators[${i}].sasaran`, message: `unknown sasaran "${ind.sasaran}"` });
    const months = new Set<number>();
    ind.realisations.forEach((r, k) => {
      const at = `indicators[${i}].realisations[${k}]`;
      if (months.has(r.month)) problems.push({ path: `${at}.month`, message: `duplicate month ${r.month}` });
      months.add(r.month);
      if (r.ordinal !== undefined && !(ind.ordinalScale && Object.hasOwn(ind.ordinalScale, r.ordinal)))
        problems.push({ path: `${at}.ordinal`, message: `"${r.ordinal}" is not in indicators[${i}].ordinalScale` });
      r.subunits?.forEach((s, j) => {
        if ((s.value === undefined) === (s.parts === undefined))
          problems.push({ path: `${at}.subunits[${j}]`, message: 'give either value or parts' });
      });
      r.components?.forEach((c, j) => {
        const hasValue = c.value !== undefined;
        const hasRatio = c.numerator !== undefined || c.denominator !== undefined;
        if (hasValue === hasRatio)
          problems.push({ path: `${at}.components[${j}]`, message: 'give either value or numerator and denominator' });
      });
    });
  });
  return problems;
}

/** Validates parsed JSON; returns the typed file or the list of problems, each naming its JSON path. */
export function validatePerformanceFile(
  data: unknown,
): { ok: true; file: PerformanceFile } | { ok: false; problems: InputProblem[] } {
  const parsed = performanceFileSchema.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issueMessage(issue, data) })),
    };
  const problems = crossCheck(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file: parsed.data };
}

/* ---------- conversion to the domain input (exact: JSON numbers through their shortest decimal form) ---------- */

const exact = (n: number): Rational => Rational.parse(n);
const exactOrNull = (n: number | null | undefined): Rational | null => (n === null || n === undefined ? null : exact(n));

function toPart(p: PartJson): PartNode {
  if (typeof p === 'number') return exact(p);
  if ('mean' in p) return { mean: p.mean.map(toPart) };
  return { sum: p.sum.map(toPart) };
}

function toStage(s: z.output<typeof stage>): Stage {
  const fractionDone = s.fractionDone !== undefined ? exact(s.fractionDone) : exact(s.done as number).div(exact(s.of as number));
  return { ...(s.name ? { name: s.name } : {}), weight: exact(s.weight), fractionDone };
}

function toRealisation(r: z.output<typeof realisation>, ind: z.output<typeof indicator>): RealisationInput {
  if (r.value !== undefined)
    return r.source === 'external' ? { kind: 'external', value: exact(r.value) } : { kind: 'value', value: exact(r.value) };
  if (r.numerator !== undefined && r.denominator !== undefined)
    return { kind: 'ratio', numerator: exact(r.numerator), denominator: exact(r.denominator) };
  if (r.components)
    return {
      kind: 'mean_of_component_ratios',
      mode: ind.componentMode ?? 'exclude',
      components: r.components.map(
        (c): Component =>
          c.value !== undefined
            ? { value: exactOrNull(c.value) }
            : { numerator: exactOrNull(c.numerator), denominator: exactOrNull(c.denominator) },
      ),
    };
  if (r.stages) return { kind: 'stage_progress', groups: [{ stages: r.stages.map(toStage) }] };
  if (r.stageGroups)
    return {
      kind: 'stage_progress',
      groups: r.stageGroups.map((g) => ({ ...(g.name ? { name: g.name } : {}), stages: g.stages.map(toStage) })),
    };
  if (r.weighted)
    return { kind: 'weighted_sum', terms: r.weighted.map((t) => ({ weight: exact(t.weight), value: exact(t.value) })) };
  if (r.parts !== undefined) return { kind: 'mean_of_parts', parts: toPart(r.parts) };
  if (r.subunits)
    return {
      kind: 'mean_of_subunits',
      subunits: r.subunits.map((s) => ({ value: s.parts !== undefined ? evaluateParts(toPart(s.parts)) : exactOrNull(s.value) })),
    };
  if (r.skmServices)
    return { kind: 'skm_pooled', services: r.skmServices.map((s) => ({ index: exact(s.index), counted: s.respondents })) };
  if (r.ordinal !== undefined)
    return {
      kind: 'ordinal',
      label: r.ordinal,
      scale: Object.fromEntries(Object.entries(ind.ordinalScale ?? {}).map(([k, v]) => [k, exact(v)])),
    };
  return { kind: 'not_measured', ...(r.notMeasured ? { reason: r.notMeasured } : {}) };
}

export function toPerformanceInput(file: PerformanceFile): PerformanceInput {
  return {
    entity: {
      name: file.entity.name,
      overallMethod: file.entity.overallMethod,
      aggregationCap: exactOrNull(file.entity.aggregationCap),
    },
    perspectives: file.perspectives,
    sasaran: file.sasaran,
    indicators: file.indicators.map(
      (ind): PerformanceIndicator => ({
        code: ind.code,
        name: ind.name,
        sasaran: ind.sasaran,
        polarity: ind.polarity,
        ...(ind.minimizeFormula ? { minimizeFormula: ind.minimizeFormula } : {}),
        pattern: ind.pattern as PerformanceIndicator['pattern'],
        monthlyTargets: ind.monthlyTargets.map(exactOrNull),
        annualTarget: exactOrNull(ind.annualTarget),
        ...(ind.weight !== undefined ? { weight: exact(ind.weight) } : {}),
        realisations: ind.realisations.map((r) => ({ month: r.month, input: toRealisation(r, ind) })),
      }),
    ),
  };
}

/* ---------- reading the file ---------- */

async function readJsonFile(path: string, shown: string): Promise<unknown> {
  let bytes: Buffer;
  try {
    if ((await stat(path)).isDirectory()) throw new CliError(`${shown}: ini direktori, bukan file JSON (is a directory)`);
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `${shown}: file tidak ditemukan (file not found)`
        : `${shown}: file tidak dapat dibaca (${code ?? 'read error'})`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${shown}: bukan file teks JSON (binary or non-UTF-8 file)`);
  }
  if (text.includes('\u0000')) throw new CliError(`${shown}: bukan file teks JSON (binary file)`);
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new CliError(`${shown}: file kosong (empty file)`);
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${Number(pos[1]) - before.lastIndexOf('\n')}`;
    }
    throw new CliError(`${shown}: JSON tidak valid (malformed JSON${where}: ${msg.split('\n')[0]})`);
  }
}

/* ---------- output ---------- */

const n = (x: Rational | null): number | null => (x === null ? null : x.toNumber());
const crit = (b: Band | null) => (b === null ? null : b.code);
const critLabel = (b: Band | null) => (b === null ? null : b.label);

export function performanceJson(r: PerformanceResult) {
  return {
    entity: r.entity,
    quarter: r.quarter,
    month: r.month,
    indicators: r.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      sasaran: i.sasaran,
      realisation: n(i.realisation),
      periodTarget: n(i.periodTarget),
      capaianPeriod: n(i.capaianPeriod),
      criterion: crit(i.criterion),
      criterionLabel: critLabel(i.criterion),
      annualTarget: n(i.annualTarget),
      declaredAnnualTarget: n(i.declaredAnnualTarget),
      capaianAnnual: n(i.capaianAnnual),
      annualCriterion: crit(i.annualCriterion),
      annualCriterionLabel: critLabel(i.annualCriterion),
      warnings: i.warnings,
    })),
    sasaran: r.sasaran.map((s) => ({
      code: s.code,
      name: s.name,
      perspective: s.perspective,
      score: n(s.score),
      criterion: crit(s.criterion),
      criterionLabel: critLabel(s.criterion),
      measured: s.measured,
    })),
    perspectives: r.perspectives.map((p) => ({
      code: p.code,
      name: p.name,
      score: n(p.score),
      criterion: crit(p.criterion),
      criterionLabel: critLabel(p.criterion),
    })),
    overall: {
      method: r.overall.method,
      score: n(r.overall.score),
      criterion: crit(r.overall.criterion),
      criterionLabel: critLabel(r.overall.criterion),
    },
    counts: { indicators: r.indicatorCounts, sasaran: r.sasaranCounts },
  };
}

function table(header: string[], rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

const METHOD_LABEL = { mean_of_perspectives: 'rata-rata nilai perspektif', mean_of_sasaran: 'rata-rata nilai sasaran' } as const;

export function performanceText(r: PerformanceResult): string {
  const f = (x: Rational | null) => formatId(x);
  const out: string[] = [
    `Capaian Kinerja ${r.entity} — ${quarterLabel(r.quarter)} (s.d. B${String(r.month).padStart(2, '0')})`,
    `Metode nilai keseluruhan: ${METHOD_LABEL[r.overall.method]} (${r.overall.method})`,
    '',
    'Indikator',
    ...table(
      ['No', 'Sasaran', 'Target TW', 'Realisasi', 'Capaian TW', 'Kriteria', 'Target Tahun', 'Capaian Tahun', 'Kriteria Tahunan'],
      r.indicators.map((i) => [
        i.code,
        i.sasaran,
        f(i.periodTarget),
        f(i.realisation),
        f(i.capaianPeriod),
        i.criterion?.label ?? '–',
        f(i.annualTarget),
        f(i.capaianAnnual),
        i.annualCriterion?.label ?? '–',
      ]),
      new Set([2, 3, 4, 6, 7]),
    ),
    '',
    'Sasaran',
    ...table(
      ['Kode', 'Perspektif', 'Nilai', 'Kriteria', 'Indikator terukur'],
      r.sasaran.map((s) => [s.code, s.perspective, f(s.score), s.criterion?.label ?? '–', String(s.measured)]),
      new Set([2, 4]),
    ),
    '',
    'Perspektif',
    ...table(
      ['Kode', 'Nama', 'Nilai', 'Kriteria'],
      r.perspectives.map((p) => [p.code, p.name, f(p.score), p.criterion?.label ?? '–']),
      new Set([2]),
    ),
    '',
    `Nilai keseluruhan (NPSS): ${f(r.overall.score)}${r.overall.criterion ? ` — ${r.overall.criterion.label}` : ''}`,
    `Jumlah indikator per kriteria: ${SAKIP_CRITERIA.bands.map((b) => `${b.label} ${r.indicatorCounts.counts[b.code] ?? 0}`).join('; ')}`,
  ];
  const warnings = r.indicators.flatMap((i) => i.warnings.map((w) => `  Indikator ${i.code}: ${w}`));
  if (warnings.length > 0) out.push('', 'Peringatan:', ...warnings);
  return `${out.join('\n')}\n`;
}

/* ---------- command ---------- */

export const performanceCommand: CliCommand = {
  name: 'performance',
  summary: 'Capaian kinerja SAKIP: capaian indikator, nilai sasaran, perspektif dan NPSS per triwulan',
  usage: 'mutu performance FILE.json [--quarter 1-4] [--json]',
  examples: [
    'mutu performance resources/examples/performance-settama-tw2-2023.json --quarter 2',
    'mutu performance resources/examples/performance-serang-tw3-2022.json --json',
  ],
  async run(argv: string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, ['json']);
    const [file, ...extra] = args.positionals;
    if (!file) throw new CliError('FILE.json wajib diisi (missing input file). Contoh: mutu performance data.json --quarter 2');
    if (extra.length > 0) throw new CliError(`Argumen tidak dikenal: ${extra.join(' ')} (unexpected argument)`);
    const unknown = Object.keys(args.flags).filter((k) => k !== 'json' && k !== 'quarter');
    if (unknown.length > 0) throw new CliError(`Opsi tidak dikenal: --${unknown[0]} (unknown option)`);

    let quarter: Quarter | undefined;
    if (args.flags.quarter !== undefined) {
      const q = String(args.flags.quarter);
      if (!/^[1-4]$/.test(q)) throw new CliError(`--quarter harus 1, 2, 3 atau 4 (got "${q}")`);
      quarter = Number(q) as Quarter;
    }

    const data = await readJsonFile(resolve(io.cwd, file), file);
    const validated = validatePerformanceFile(data);
    if (!validated.ok) {
      const shown = validated.problems.slice(0, 20).map((p) => `  ${p.path}: ${p.message}`);
      const more = validated.problems.length > 20 ? [`  … ${validated.problems.length - 20} more`] : [];
      throw new CliError(`${file}: input tidak valid (invalid input)\n${[...shown, ...more].join('\n')}`);
    }
    const input = toPerformanceInput(validated.file);
    const q = quarter ?? defaultQuarter(input.indicators);
    if (q === null)
      throw new CliError(`${file}: tidak ada realisasi pada bulan akhir triwulan (B03/B06/B09/B12); gunakan --quarter`);
    const result = evaluatePerformance(input, q);
    io.out(args.flags.json ? `${JSON.stringify(performanceJson(result), null, 2)}\n` : performanceText(result));
    return 0;
  },
};
