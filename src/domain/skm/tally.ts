import type { Rational } from '../core/rational.ts';
import { type InstrumentProfile, instrumentElements, instrumentQuestionCodes } from '../profiles/profile.ts';

/**
 * The IKM is a function of integer aggregates only (DOMAIN §5.7): per question the sum of answers and
 * the number answered; for the confidence interval (D37) the sum and sum of squares of an integer
 * personal score. The same tally comes from one response, a million, column arrays or SQL SUMs, and
 * tallies of disjoint sets merge by addition, which is what makes pooling (D4) exact.
 */

/** Answers keyed by question code; `null`/`undefined` = unanswered. */
export type SkmAnswers = Readonly<Record<string, number | null | undefined>>;

export interface SkmTally {
  profileCode: string;
  /** SKM question codes in profile order; `sums[i]` and `answered[i]` belong to `questionCodes[i]`. */
  questionCodes: readonly string[];
  respondents: number;
  sums: number[];
  answered: number[];
  /** Respondents who answered every SKM question; only they have a personal score. */
  complete: number;
  /** Σ z and Σ z² over complete respondents, z = Σ_q k_q·a(r,q) (see `SkmPlan`). */
  sumZ: bigint;
  sumZ2: bigint;
}

/**
 * Integer form of the personal score: y_r = 100·z_r / (scaleMax·denominator) with z_r = Σ_q k_q·a(r,q),
 * k_q = w_e/|Q_e| · denominator. For bpom-2024 k = 3 for single-question elements and 1 for A3-A5.
 */
export interface SkmPlan {
  profileCode: string;
  scaleMin: number;
  scaleMax: number;
  questionCodes: readonly string[];
  coefficients: readonly number[];
  denominator: bigint;
}

const plans = new WeakMap<InstrumentProfile, SkmPlan>();

export function skmPlan(profile: InstrumentProfile): SkmPlan {
  const cached = plans.get(profile);
  if (cached) return cached;
  const questionCodes = instrumentQuestionCodes(profile, 'skm');
  const perQuestion = new Map<string, Rational>();
  instrumentElements(profile, 'skm').forEach((e, i) => {
    const w = profile.skmElementWeights[i]?.weight;
    if (!w) throw new Error(`Profile ${profile.code}: missing weight for ${e.code}`);
    for (const q of e.questionCodes) perQuestion.set(q, w.div(e.questionCodes.length));
  });
  let den = 1n;
  for (const c of perQuestion.values()) den = lcm(den, c.den);
  const coefficients = questionCodes.map((q) => {
    const k = (perQuestion.get(q) as Rational).mul(den);
    if (k.den !== 1n || k.num > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`Profile ${profile.code}: weights too fine`);
    return Number(k.num);
  });
  const plan: SkmPlan = {
    profileCode: profile.code,
    scaleMin: profile.scaleMin,
    scaleMax: profile.scaleMax,
    questionCodes,
    coefficients,
    denominator: den,
  };
  plans.set(profile, plan);
  return plan;
}

export function emptyTally(profile: InstrumentProfile): SkmTally {
  const plan = skmPlan(profile);
  return {
    profileCode: plan.profileCode,
    questionCodes: plan.questionCodes,
    respondents: 0,
    sums: plan.questionCodes.map(() => 0),
    answered: plan.questionCodes.map(() => 0),
    complete: 0,
    sumZ: 0n,
    sumZ2: 0n,
  };
}

// Flush the float accumulators into BigInt before they could lose integer exactness.
const FLUSH_EVERY = 1 << 16;
const FLUSH_LIMIT = 2 ** 50;

/** Tally of a set of responses. Answers outside the scale or non-integer throw a RangeError. */
export function accumulate(profile: InstrumentProfile, responses: Iterable<SkmAnswers>): SkmTally {
  const plan = skmPlan(profile);
  const t = emptyTally(profile);
  const nq = plan.questionCodes.length;
  let z1 = 0;
  let z2 = 0;
  let pending = 0;
  for (const r of responses) {
    t.respondents++;
    let z = 0;
    let complete = true;
    for (let i = 0; i < nq; i++) {
      const code = plan.questionCodes[i] as string;
      const a = r[code];
      if (a === null || a === undefined) {
        complete = false;
        continue;
      }
      if (!Number.isInteger(a) || a < plan.scaleMin || a > plan.scaleMax)
        throw new RangeError(`Answer ${a} to ${code} is outside the scale ${plan.scaleMin}-${plan.scaleMax}`);
      t.sums[i] = (t.sums[i] as number) + a;
      t.answered[i] = (t.answered[i] as number) + 1;
      z += (plan.coefficients[i] as number) * a;
    }
    if (complete) {
      t.complete++;
      z1 += z;
      z2 += z * z;
      if (++pending === FLUSH_EVERY) {
        t.sumZ += BigInt(z1);
        t.sumZ2 += BigInt(z2);
        z1 = 0;
        z2 = 0;
        pending = 0;
      }
    }
  }
  t.sumZ += BigInt(z1);
  t.sumZ2 += BigInt(z2);
  return t;
}

/**
 * Tally from per-question integer columns (0 = unanswered), e.g. one Uint8Array per question.
 * Values are trusted to be within the scale (they come from validated storage).
 */
export function tallyFromColumns(
  profile: InstrumentProfile,
  columns: Readonly<Record<string, ArrayLike<number>>>,
  n: number,
): SkmTally {
  const plan = skmPlan(profile);
  const t = emptyTally(profile);
  t.respondents = n;
  const cols = plan.questionCodes.map((q) => {
    const c = columns[q];
    if (!c) throw new RangeError(`Missing column ${q}`);
    if (c.length < n) throw new RangeError(`Column ${q} has ${c.length} values, expected ${n}`);
    return c;
  });
  return tallyPacked(plan, cols, n, t) ?? tallyRows(plan, cols, n, t);
}

/** Row by row: any input, blanks allowed; the same aggregates as `accumulate`. */
function tallyRows(plan: SkmPlan, cols: readonly ArrayLike<number>[], n: number, t: SkmTally): SkmTally {
  const k = plan.coefficients;
  const nq = cols.length;
  let z1 = 0;
  let z2 = 0;
  for (let r = 0; r < n; r++) {
    let z = 0;
    let complete = true;
    for (let i = 0; i < nq; i++) {
      const a = (cols[i] as ArrayLike<number>)[r] as number;
      if (a === 0) {
        complete = false;
        continue;
      }
      t.sums[i] = (t.sums[i] as number) + a;
      t.answered[i] = (t.answered[i] as number) + 1;
      z += (k[i] as number) * a;
    }
    if (!complete) continue;
    t.complete++;
    z1 += z;
    z2 += z * z;
    if (z2 > FLUSH_LIMIT) {
      t.sumZ += BigInt(z1);
      t.sumZ2 += BigInt(z2);
      z1 = 0;
      z2 = 0;
    }
  }
  t.sumZ += BigInt(z1);
  t.sumZ2 += BigInt(z2);
  return t;
}

const WORDS_PER_BLOCK = 1024;

/**
 * Fast path for Uint8Array columns without blanks: four respondents per 32-bit word (SWAR). Each byte
 * lane of Σ k_q·word_q is one respondent's personal score z, exact as long as Σ k_q·scaleMax ≤ 255,
 * so no carry crosses lanes. Lane sums of the answers accumulate in 16-bit lanes, flushed per block.
 * Returns null (nothing done) when the input does not qualify or a blank (0) is found.
 */
function tallyPacked(plan: SkmPlan, cols: readonly ArrayLike<number>[], n: number, t: SkmTally): SkmTally | null {
  const k = plan.coefficients;
  const maxZ = k.reduce((a, b) => a + b, 0) * plan.scaleMax;
  if (maxZ > 255 || plan.scaleMax > 127) return null;
  if (!cols.every((c) => c instanceof Uint8Array && c.byteOffset % 4 === 0)) return null;
  const words = n >>> 2;
  const packed = (cols as Uint8Array[]).map((c) => new Int32Array(c.buffer, c.byteOffset, words));
  const zb = new Int32Array(WORDS_PER_BLOCK);
  const sums = cols.map(() => 0);
  let zero = 0;
  let z1 = 0;
  let z2 = 0;
  let big1 = 0n;
  let big2 = 0n;
  for (let start = 0; start < words; start += WORDS_PER_BLOCK) {
    const end = Math.min(words, start + WORDS_PER_BLOCK);
    zb.fill(0);
    for (let i = 0; i < packed.length; i++) {
      const c = packed[i] as Int32Array;
      const ki = k[i] as number;
      let lo = 0;
      let hi = 0;
      for (let j = start, b = 0; j < end; j++, b++) {
        const w = c[j] as number;
        lo += w & 0x00ff00ff;
        hi += (w >>> 8) & 0x00ff00ff;
        // Bytes are 1..scaleMax ≤ 127, so a high bit after subtracting 1 from every byte means a 0 byte.
        zero |= w - 0x01010101;
        zb[b] = ((zb[b] as number) + Math.imul(ki, w)) | 0;
      }
      sums[i] = (sums[i] as number) + (lo & 0xffff) + (lo >>> 16) + (hi & 0xffff) + (hi >>> 16);
    }
    if (zero & 0x80808080) return null;
    let a1 = 0;
    let a2 = 0;
    for (let b = 0, len = end - start; b < len; b++) {
      const v = zb[b] as number;
      const x0 = v & 255;
      const x1 = (v >>> 8) & 255;
      const x2 = (v >>> 16) & 255;
      const x3 = v >>> 24;
      a1 += x0 + x1 + x2 + x3;
      a2 += x0 * x0 + x1 * x1 + x2 * x2 + x3 * x3;
    }
    z1 += a1;
    z2 += a2;
    if (z2 > FLUSH_LIMIT) {
      big1 += BigInt(z1);
      big2 += BigInt(z2);
      z1 = 0;
      z2 = 0;
    }
  }
  // The last n mod 4 respondents, one by one.
  for (let r = words * 4; r < n; r++) {
    let z = 0;
    for (let i = 0; i < cols.length; i++) {
      const a = (cols[i] as ArrayLike<number>)[r] as number;
      if (a === 0) return null;
      sums[i] = (sums[i] as number) + a;
      z += (k[i] as number) * a;
    }
    z1 += z;
    z2 += z * z;
  }
  t.sums = sums;
  t.answered = cols.map(() => n);
  t.complete = n;
  t.sumZ = big1 + BigInt(z1);
  t.sumZ2 = big2 + BigInt(z2);
  return t;
}

/** Tally of the union of disjoint response sets (D4 pooling). */
export function mergeTallies(first: SkmTally, ...rest: SkmTally[]): SkmTally {
  const out: SkmTally = { ...first, sums: [...first.sums], answered: [...first.answered] };
  for (const t of rest) {
    if (t.profileCode !== out.profileCode || t.questionCodes.join() !== out.questionCodes.join())
      throw new Error(`Cannot pool tallies of different profiles (${out.profileCode} and ${t.profileCode})`);
    out.respondents += t.respondents;
    out.complete += t.complete;
    out.sumZ += t.sumZ;
    out.sumZ2 += t.sumZ2;
    for (let i = 0; i < out.sums.length; i++) {
      out.sums[i] = (out.sums[i] as number) + (t.sums[i] as number);
      out.answered[i] = (out.answered[i] as number) + (t.answered[i] as number);
    }
  }
  return out;
}

/**
 * Tally rebuilt from published per-question sums (e.g. a report's "Jumlah Nilai Perunsur") when every
 * respondent answered every question. Without respondent-level data there is no CI.
 */
export function tallyFromSums(profile: InstrumentProfile, respondents: number, sums: Readonly<Record<string, number>>): SkmTally {
  const t = emptyTally(profile);
  t.respondents = respondents;
  t.questionCodes.forEach((q, i) => {
    const s = sums[q];
    if (s === undefined) throw new RangeError(`Missing sum for ${q}`);
    t.sums[i] = s;
    t.answered[i] = respondents;
  });
  return t;
}

function lcm(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return (a / x) * b;
}
