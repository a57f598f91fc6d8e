import { type Band, classify } from '../core/classification.ts';
import { Rational } from '../core/rational.ts';
import { sqrtTruncated } from '../core/sqrt.ts';
import { type InstrumentProfile, instrumentElements, type Localized } from '../profiles/profile.ts';
import { type SkmTally, skmPlan } from './tally.ts';

/** DOMAIN §5.7-5.8: every value exact; null where a division would have no respondents (D36). */

export interface IkmQuestion {
  code: string;
  /** S_q, "Jumlah Nilai Perunsur". */
  sum: number;
  /** n_q: respondents who answered q. */
  answered: number;
  /** NRR_q = S_q / n_q. */
  nrr: Rational | null;
}

export interface IkmElement {
  code: string;
  name: Localized;
  questionCodes: readonly string[];
  weight: Rational;
  /** NRR_e = mean of its questions' NRR (D3), on the answer scale. */
  nrr: Rational | null;
  /** W_e = NRR_e · w_e, "NRR tertimbang". */
  weighted: Rational | null;
  /** V_e = NRR_e · 100 / scaleMax. */
  value: Rational | null;
  grade: Band | null;
}

export interface IkmResult {
  profileCode: string;
  scaleMax: number;
  respondents: number;
  questions: IkmQuestion[];
  elements: IkmElement[];
  /** T = Σ W_e, "Jumlah NRR IKM tertimbang". */
  weightedSum: Rational | null;
  /** IKM = T · 100 / scaleMax. */
  ikm: Rational | null;
  grade: Band | null;
  /** D37; null when n < 2 or any counted response has a blank SKM answer. */
  ci95: [Rational, Rational] | null;
}

const Z95 = Rational.parse('1.96');

export function computeIkm(profile: InstrumentProfile, tally: SkmTally): IkmResult {
  const plan = skmPlan(profile);
  if (tally.profileCode !== profile.code) throw new Error(`Tally of ${tally.profileCode} used with profile ${profile.code}`);
  const m = profile.scaleMax;
  const questions: IkmQuestion[] = tally.questionCodes.map((code, i) => {
    const sum = tally.sums[i] as number;
    const answered = tally.answered[i] as number;
    return { code, sum, answered, nrr: answered > 0 ? Rational.of(sum, answered) : null };
  });
  const byCode = new Map(questions.map((q) => [q.code, q]));
  const elements: IkmElement[] = instrumentElements(profile, 'skm').map((e, i) => {
    const weight = (profile.skmElementWeights[i] as { weight: Rational }).weight;
    const nrrs = e.questionCodes.map((q) => byCode.get(q)?.nrr ?? null);
    const nrr = nrrs.some((x) => x === null)
      ? null
      : (nrrs as Rational[]).reduce((a, b) => a.add(b), Rational.ZERO).div(nrrs.length);
    const value = nrr ? nrr.mul(100).div(m) : null;
    return {
      code: e.code,
      name: e.name,
      questionCodes: e.questionCodes,
      weight,
      nrr,
      weighted: nrr ? nrr.mul(weight) : null,
      value,
      grade: value ? classify(profile.gradeTable, value) : null,
    };
  });
  const weightedSum = elements.some((e) => e.weighted === null)
    ? null
    : elements.reduce((a, e) => a.add(e.weighted as Rational), Rational.ZERO);
  const ikm = weightedSum ? weightedSum.mul(100).div(m) : null;
  return {
    profileCode: profile.code,
    scaleMax: m,
    respondents: tally.respondents,
    questions,
    elements,
    weightedSum,
    ikm,
    grade: ikm ? classify(profile.gradeTable, ikm) : null,
    ci95: ikm ? confidenceInterval(tally, plan.scaleMax, plan.denominator) : null,
  };
}

/**
 * D37: IKM ± 1.96·s/√n over personal scores y_r = 100·z_r/(m·D), clipped to [100/m, 100].
 * SE = 100/(m·D) · √((n·Σz² − (Σz)²) / (n²·(n−1))); the mean of y equals the IKM when nothing is blank.
 */
function confidenceInterval(t: SkmTally, m: number, den: bigint): [Rational, Rational] | null {
  const n = BigInt(t.respondents);
  if (t.respondents < 2 || t.complete !== t.respondents) return null;
  const scale = Rational.of(100n, BigInt(m) * den);
  const mean = scale.mul(Rational.of(t.sumZ, n));
  const variance = Rational.of(n * t.sumZ2 - t.sumZ * t.sumZ, n * n * (n - 1n));
  const half = Z95.mul(scale).mul(sqrtTruncated(variance));
  const lo = Rational.of(100n, BigInt(m));
  const hi = Rational.of(100n);
  const clip = (x: Rational) => (x.lt(lo) ? lo : x.gt(hi) ? hi : x);
  return [clip(mean.sub(half)), clip(mean.add(half))];
}

/** JSON-friendly view of an IKM result: numbers unrounded (`Rational.toNumber()`), counts as integers. */
export function ikmToJson(r: IkmResult) {
  const num = (x: Rational | null) => (x === null ? null : x.toNumber());
  return {
    respondents: r.respondents,
    questions: r.questions.map((q) => ({ code: q.code, sum: q.sum, answered: q.answered, nrr: num(q.nrr) })),
    elements: r.elements.map((e) => ({
      code: e.code,
      name: e.name.id,
      nrr: num(e.nrr),
      weight: e.weight.toNumber(),
      weighted: num(e.weighted),
      value: num(e.value),
      grade: e.grade?.code ?? null,
    })),
    weightedSum: num(r.weightedSum),
    ikm: num(r.ikm),
    grade: r.grade?.code ?? null,
    gradeLabel: r.grade?.label ?? null,
    gradeLabelEn: r.grade?.labelEn ?? null,
    ci95: r.ci95 ? [r.ci95[0].toNumber(), r.ci95[1].toNumber()] : null,
  };
}
