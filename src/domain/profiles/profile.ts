import { z } from 'zod';
import type { ClassificationTable } from '../core/classification.ts';
import { parseExact } from '../core/fraction.ts';
import { Rational } from '../core/rational.ts';
import { PERCEPTION_BANDS, SKM_GRADE } from '../tables.ts';

/**
 * Instrument profiles (DOMAIN §5.2) are data: questions, option sets, element mappings, weights,
 * conversions, grade tables and age bands. `loadProfile` is the single gate: the shipped profiles
 * and any JSON file pass through it, so an inconsistent profile can never reach a computation.
 */

const localized = z.object({ id: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localized>;

const band = z.object({
  code: z.string().min(1),
  label: z.string().min(1),
  labelEn: z.string().optional(),
  lower: z.string().optional(),
  upper: z.string().optional(),
  colour: z.string().optional(),
  extra: z.record(z.string(), z.string()).optional(),
});

const classificationTable = z.object({
  code: z.string().min(1),
  version: z.number().int().positive(),
  scaleLabel: z.string().optional(),
  comparison: z.enum(['lower_bound_inclusive', 'upper_bound_inclusive']),
  bands: z.array(band).min(1),
});

const element = z.object({
  code: z.string().min(1),
  name: localized,
  definition: localized.optional(),
  questionCodes: z.array(z.string().min(1)),
});

const instrumentMap = z.object({ elements: z.array(element).min(1) });

const fieldOption = z.object({ code: z.string().min(1), label: localized });
const respondentField = z.object({
  code: z.string().min(1),
  label: localized,
  type: z.enum(['text', 'integer', 'choice', 'service', 'textarea']),
  required: z.boolean(),
  personal: z.boolean().default(false),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  options: z.array(fieldOption).optional(),
  step: z.number().int().positive().optional(),
});

const ageBand = z.object({
  code: z.string().min(1),
  label: localized,
  min: z.number().int().optional(),
  max: z.number().int().optional(),
});

const weightValue = z.union([z.string(), z.number()]);

export const profileJsonSchema = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  version: z.number().int().positive(),
  name: localized,
  scaleMin: z.literal(1),
  scaleMax: z.number().int().min(2).max(10),
  sections: z.array(z.object({ code: z.string().min(1), title: localized, prompt: localized.optional() })).min(1),
  optionSets: z.array(z.object({ code: z.string().min(1), labels: z.array(localized) })).min(1),
  /** Array order is the question order; `q<i>` columns refer to it (1-based). */
  questions: z
    .array(z.object({ code: z.string().min(1), section: z.string().min(1), text: localized, optionSet: z.string().min(1) }))
    .min(1),
  instruments: z.object({
    skm: instrumentMap.optional(),
    spkp: instrumentMap.optional(),
    spak: instrumentMap.optional(),
  }),
  skmWeights: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('equal') }),
      z.object({ mode: z.literal('custom'), weights: z.record(z.string(), weightValue) }),
    ])
    .default({ mode: 'equal' }),
  /** SKM element value = NRR × 100 / scaleMax (D3). The only conversion PermenPANRB 14/2017 defines. */
  skmConversion: z.literal('scale_max').default('scale_max'),
  /** §6.3: 'ratio' x·4/m (default) or 'linear_endpoints' 1 + (x−1)·3/(m−1). */
  perceptionConversion: z.enum(['ratio', 'linear_endpoints']).default('ratio'),
  gradeTable: classificationTable.default(SKM_GRADE as z.input<typeof classificationTable>),
  perceptionBands: classificationTable.default(PERCEPTION_BANDS as z.input<typeof classificationTable>),
  ageBands: z.array(ageBand).min(1),
  /** Bands for the SPKP/SPAK monthly report (5-year bands); `ageBands` when absent. */
  perceptionAgeBands: z.array(ageBand).optional(),
  respondentFields: z.array(respondentField).default([]),
  requiresCaptcha: z.boolean().default(false),
});

export type ProfileJson = z.input<typeof profileJsonSchema>;
type ProfileData = z.output<typeof profileJsonSchema>;
export type InstrumentCode = 'skm' | 'spkp' | 'spak';
export type ElementDef = z.output<typeof element>;
export type QuestionDef = ProfileData['questions'][number];
export type AgeBand = z.output<typeof ageBand>;
export type RespondentField = z.output<typeof respondentField>;

export interface InstrumentProfile extends Omit<ProfileData, 'gradeTable' | 'perceptionBands'> {
  gradeTable: ClassificationTable;
  perceptionBands: ClassificationTable;
  /** Exact weight per SKM element, in element order (D2). Empty when the profile has no SKM instrument. */
  readonly skmElementWeights: readonly { code: string; weight: Rational }[];
}

/** A profile that fails validation; `problems` lists every problem found, each naming its place. */
export class ProfileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Profil instrumen tidak valid (invalid instrument profile): ${problems.join('; ')}`);
    this.name = 'ProfileError';
  }
}

const FORBIDDEN_WEIGHTS = ['0.11', '0.111'].map((s) => Rational.parse(s));

function duplicates(codes: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const c of codes) (seen.has(c) ? dup : seen).add(c);
  return [...dup];
}

/** Validates a profile (parsed JSON or shipped data) and returns it with exact weights. Throws ProfileError. */
export function loadProfile(json: unknown): InstrumentProfile {
  const parsed = profileJsonSchema.safeParse(json);
  if (!parsed.success) {
    throw new ProfileError(parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`));
  }
  const p = parsed.data;
  const problems: string[] = [];
  const scalePoints = p.scaleMax - p.scaleMin + 1;

  for (const d of duplicates(p.sections.map((s) => s.code))) problems.push(`duplicate section code "${d}"`);
  for (const d of duplicates(p.optionSets.map((s) => s.code))) problems.push(`duplicate option set code "${d}"`);
  for (const d of duplicates(p.questions.map((q) => q.code))) problems.push(`duplicate question code "${d}"`);
  for (const s of p.optionSets) {
    if (s.labels.length !== scalePoints)
      problems.push(
        `option set "${s.code}" has ${s.labels.length} labels, the scale ${p.scaleMin}-${p.scaleMax} needs ${scalePoints}`,
      );
  }
  const sectionCodes = new Set(p.sections.map((s) => s.code));
  const optionSetCodes = new Set(p.optionSets.map((s) => s.code));
  const questionCodes = new Set(p.questions.map((q) => q.code));
  for (const q of p.questions) {
    if (!sectionCodes.has(q.section)) problems.push(`question "${q.code}" refers to unknown section "${q.section}"`);
    if (!optionSetCodes.has(q.optionSet)) problems.push(`question "${q.code}" refers to unknown option set "${q.optionSet}"`);
  }

  const instruments = Object.entries(p.instruments).filter(([, v]) => v !== undefined) as [
    InstrumentCode,
    { elements: ElementDef[] },
  ][];
  if (instruments.length === 0) problems.push('the profile defines no instrument (skm, spkp or spak)');
  for (const [name, map] of instruments) {
    for (const d of duplicates(map.elements.map((e) => e.code))) problems.push(`${name}: duplicate element code "${d}"`);
    const used = new Map<string, string>();
    for (const e of map.elements) {
      if (e.questionCodes.length === 0) problems.push(`${name}: element "${e.code}" has no question`);
      for (const d of duplicates(e.questionCodes)) problems.push(`${name}: element "${e.code}" lists question "${d}" twice`);
      for (const q of e.questionCodes) {
        if (!questionCodes.has(q)) problems.push(`${name}: element "${e.code}" refers to unknown question "${q}"`);
        const other = used.get(q);
        if (other !== undefined && other !== e.code)
          problems.push(`${name}: question "${q}" is mapped to both "${other}" and "${e.code}"`);
        used.set(q, e.code);
      }
    }
  }

  const skmElementWeights: { code: string; weight: Rational }[] = [];
  const skm = p.instruments.skm;
  if (skm) {
    const elementCodes = skm.elements.map((e) => e.code);
    if (p.skmWeights.mode === 'equal') {
      // Exactly 1/n as a fraction, never a decimal literal (D2).
      for (const c of elementCodes) skmElementWeights.push({ code: c, weight: Rational.of(1n, BigInt(elementCodes.length)) });
    } else {
      const weights = p.skmWeights.weights;
      for (const k of Object.keys(weights))
        if (!elementCodes.includes(k)) problems.push(`skmWeights: weight given for unknown element "${k}"`);
      let total = Rational.ZERO;
      for (const c of elementCodes) {
        const raw = weights[c];
        if (raw === undefined) {
          problems.push(`skmWeights: element "${c}" has no weight`);
          continue;
        }
        let w: Rational;
        try {
          w = parseExact(raw);
        } catch {
          problems.push(`skmWeights: weight of "${c}" is not a number: "${String(raw)}"`);
          continue;
        }
        if (FORBIDDEN_WEIGHTS.some((f) => f.eq(w)))
          problems.push(
            `skmWeights: weight ${String(raw)} of "${c}" is a forbidden truncated literal; use mode "equal" or an exact fraction such as "1/9"`,
          );
        if (!w.gt(0)) problems.push(`skmWeights: weight of "${c}" must be positive`);
        total = total.add(w);
        skmElementWeights.push({ code: c, weight: w });
      }
      if (!total.eq(1))
        problems.push(`skmWeights: weights sum to ${total.toString()} (${total.toFixedTruncated(6)}), not exactly 1`);
    }
  }

  if (problems.length > 0) throw new ProfileError(problems);
  return {
    ...p,
    gradeTable: p.gradeTable as ClassificationTable,
    perceptionBands: p.perceptionBands as ClassificationTable,
    skmElementWeights,
  };
}

/** 1-based position of each question in the profile (the `q<i>` column names). */
export function questionPosition(profile: InstrumentProfile, code: string): number {
  const i = profile.questions.findIndex((q) => q.code === code);
  if (i < 0) throw new Error(`Unknown question ${code} in profile ${profile.code}`);
  return i + 1;
}

export function instrumentElements(profile: InstrumentProfile, instrument: InstrumentCode): readonly ElementDef[] {
  const map = profile.instruments[instrument];
  if (!map) throw new Error(`Profile ${profile.code} has no ${instrument} instrument`);
  return map.elements;
}

/** Question codes an instrument reads, in profile question order. */
export function instrumentQuestionCodes(profile: InstrumentProfile, instrument: InstrumentCode): string[] {
  const used = new Set(instrumentElements(profile, instrument).flatMap((e) => e.questionCodes));
  return profile.questions.filter((q) => used.has(q.code)).map((q) => q.code);
}

export function ageBandOf(bands: readonly AgeBand[], age: number): AgeBand | undefined {
  return bands.find((b) => (b.min === undefined || age >= b.min) && (b.max === undefined || age <= b.max));
}
