import { createHash } from 'node:crypto';
import type { Band } from '../../domain/core/classification.ts';
import { parseExact } from '../../domain/core/fraction.ts';
import type { Rational } from '../../domain/core/rational.ts';
import { formatNumber, toFixedHalfUp } from '../../domain/core/rounding.ts';
import type { InstrumentProfile } from '../../domain/profiles/profile.ts';
import { computeIkm, type IkmResult } from '../../domain/skm/ikm.ts';
import type { RespondentProfile } from '../../domain/skm/respondent-profile.ts';
import type { SkmTally } from '../../domain/skm/tally.ts';
import type { Locale } from '../../shared/i18n/index.ts';

/**
 * The figures of one scope (service, unit or BPOM) in one representation that both the live path
 * (domain `computeIkm` over stored tallies) and the frozen path (a result snapshot) produce, so a
 * closed campaign is displayed from its snapshot with exactly the code that displays live results.
 * No formula lives here: values come from `computeIkm`/`respondentProfile` or from a snapshot.
 */

export const ALGORITHM_VERSION = 'skm-ikm/1 (DOMAIN 5.7, D1 D3 D4 D36 D37)';

export interface ScopeCounts {
  target: number;
  submitted: number;
  valid: number;
  counted: number;
}

export interface ScopeFigures {
  counts: ScopeCounts;
  respondents: number;
  /** Integer aggregates behind the CI (kept in snapshots so a restatement can be compared). */
  complete: number;
  sumZ: bigint;
  sumZ2: bigint;
  questions: { code: string; sum: number; answered: number; nrr: Rational | null }[];
  elements: {
    code: string;
    weight: Rational;
    nrr: Rational | null;
    weighted: Rational | null;
    value: Rational | null;
    gradeCode: string | null;
  }[];
  weightedSum: Rational | null;
  ikm: Rational | null;
  gradeCode: string | null;
  ci95: [Rational, Rational] | null;
  profile: ProfileCounts | null;
}

/** Respondent profile as stored: counts and exact percentages per dimension and code. */
export type ProfileCounts = {
  respondents: number;
  dims: Record<ProfileDim, { code: string; count: number; pct: Rational | null }[]>;
};
export const PROFILE_DIMS = ['sex', 'education', 'occupation', 'ageBand'] as const;
export type ProfileDim = (typeof PROFILE_DIMS)[number];

export function figuresFromTally(
  profile: InstrumentProfile,
  tally: SkmTally,
  counts: ScopeCounts,
  respondentProfile: RespondentProfile | null = null,
): ScopeFigures {
  return figuresFromIkm(computeIkm(profile, tally), tally, counts, respondentProfile);
}

export function figuresFromIkm(r: IkmResult, tally: SkmTally, counts: ScopeCounts, rp: RespondentProfile | null): ScopeFigures {
  return {
    counts,
    respondents: r.respondents,
    complete: tally.complete,
    sumZ: tally.sumZ,
    sumZ2: tally.sumZ2,
    questions: r.questions.map((q) => ({ code: q.code, sum: q.sum, answered: q.answered, nrr: q.nrr })),
    elements: r.elements.map((e) => ({
      code: e.code,
      weight: e.weight,
      nrr: e.nrr,
      weighted: e.weighted,
      value: e.value,
      gradeCode: e.grade?.code ?? null,
    })),
    weightedSum: r.weightedSum,
    ikm: r.ikm,
    gradeCode: r.grade?.code ?? null,
    ci95: r.ci95,
    profile: rp
      ? {
          respondents: rp.respondents,
          dims: Object.fromEntries(
            PROFILE_DIMS.map((d) => [d, rp[d].map((row) => ({ code: row.code, count: row.count, pct: row.pct }))]),
          ) as ProfileCounts['dims'],
        }
      : null,
  };
}

// ---- Snapshot values (DOMAIN 4.6: {key, fullPrecision, published, class?}) ----

export interface SnapshotValue {
  key: string;
  /** 30-decimal truncated decimal string. */
  fullPrecision: string | null;
  /** The exact value: an integer or `num/den` (what the frozen read path uses). */
  exact: string | null;
  /** The printed value: half-up to 2 decimals (integers as they are). */
  published: string | null;
  class?: string | null;
}

const ratValue = (key: string, r: Rational | null, cls?: string | null): SnapshotValue => ({
  key,
  fullPrecision: r ? r.toFixedTruncated(30) : null,
  exact: r ? r.toString() : null,
  published: r ? toFixedHalfUp(r, 2) : null,
  ...(cls !== undefined ? { class: cls } : {}),
});
const intValue = (key: string, n: number | bigint): SnapshotValue => ({
  key,
  fullPrecision: String(n),
  exact: String(n),
  published: String(n),
});

export function figuresToValues(f: ScopeFigures): SnapshotValue[] {
  const out: SnapshotValue[] = [
    intValue('nSubmitted', f.counts.submitted),
    intValue('nValid', f.counts.valid),
    intValue('nCounted', f.counts.counted),
    intValue('target', f.counts.target),
    intValue('respondents', f.respondents),
    intValue('complete', f.complete),
    intValue('sumZ', f.sumZ),
    intValue('sumZ2', f.sumZ2),
  ];
  for (const q of f.questions)
    out.push(intValue(`S.${q.code}`, q.sum), intValue(`n.${q.code}`, q.answered), ratValue(`NRRq.${q.code}`, q.nrr));
  for (const e of f.elements) {
    out.push(
      ratValue(`w.${e.code}`, e.weight),
      ratValue(`NRRe.${e.code}`, e.nrr),
      ratValue(`We.${e.code}`, e.weighted),
      ratValue(`V.${e.code}`, e.value, e.gradeCode),
    );
  }
  out.push(
    ratValue('T', f.weightedSum),
    ratValue('IKM', f.ikm, f.gradeCode),
    ratValue('CI.low', f.ci95?.[0] ?? null),
    ratValue('CI.high', f.ci95?.[1] ?? null),
  );
  if (f.profile) {
    out.push(intValue('profile.respondents', f.profile.respondents));
    for (const d of PROFILE_DIMS)
      for (const row of f.profile.dims[d]) {
        out.push(intValue(`profile.${d}.${row.code}.count`, row.count), ratValue(`profile.${d}.${row.code}.pct`, row.pct));
      }
  }
  return out;
}

/** The figures exactly as frozen: every value parsed from its exact form, nothing recomputed. */
export function figuresFromValues(values: readonly SnapshotValue[]): ScopeFigures {
  const byKey = new Map(values.map((v) => [v.key, v]));
  const int = (k: string) => Number(byKey.get(k)?.exact ?? 0);
  const big = (k: string) => BigInt(byKey.get(k)?.exact ?? '0');
  const rat = (k: string): Rational | null => {
    const x = byKey.get(k)?.exact;
    return x === null || x === undefined ? null : parseExact(x);
  };
  const cls = (k: string) => byKey.get(k)?.class ?? null;
  const qCodes = values.filter((v) => v.key.startsWith('S.')).map((v) => v.key.slice(2));
  const eCodes = values.filter((v) => v.key.startsWith('w.')).map((v) => v.key.slice(2));
  const low = rat('CI.low');
  const high = rat('CI.high');
  let profile: ProfileCounts | null = null;
  if (byKey.has('profile.respondents')) {
    const dims = {} as ProfileCounts['dims'];
    for (const d of PROFILE_DIMS) {
      const prefix = `profile.${d}.`;
      dims[d] = values
        .filter((v) => v.key.startsWith(prefix) && v.key.endsWith('.count'))
        .map((v) => {
          const code = v.key.slice(prefix.length, -'.count'.length);
          return { code, count: Number(v.exact), pct: rat(`${prefix}${code}.pct`) };
        });
    }
    profile = { respondents: int('profile.respondents'), dims };
  }
  return {
    counts: { submitted: int('nSubmitted'), valid: int('nValid'), counted: int('nCounted'), target: int('target') },
    respondents: int('respondents'),
    complete: int('complete'),
    sumZ: big('sumZ'),
    sumZ2: big('sumZ2'),
    questions: qCodes.map((q) => ({ code: q, sum: int(`S.${q}`), answered: int(`n.${q}`), nrr: rat(`NRRq.${q}`) })),
    elements: eCodes.map((e) => ({
      code: e,
      weight: rat(`w.${e}`) as Rational,
      nrr: rat(`NRRe.${e}`),
      weighted: rat(`We.${e}`),
      value: rat(`V.${e}`),
      gradeCode: cls(`V.${e}`),
    })),
    weightedSum: rat('T'),
    ikm: rat('IKM'),
    gradeCode: cls('IKM'),
    ci95: low && high ? [low, high] : null,
    profile,
  };
}

/** Hash of the integer inputs of a scope: equal inputs, equal hash (restatements show what changed). */
export function inputsHash(f: ScopeFigures): string {
  const canonical = JSON.stringify({
    counts: f.counts,
    respondents: f.respondents,
    complete: f.complete,
    sumZ: f.sumZ.toString(),
    sumZ2: f.sumZ2.toString(),
    q: f.questions.map((q) => [q.code, q.sum, q.answered]),
    p: f.profile ? PROFILE_DIMS.map((d) => f.profile?.dims[d].map((r) => [r.code, r.count])) : null,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

// ---- JSON for the UI: numbers at full precision plus display strings, so the UI never rounds ----

export interface Num {
  value: number | null;
  display: string;
}

export const num = (locale: Locale, r: Rational | null | undefined): Num => ({
  value: r ? r.toNumber() : null,
  display: formatNumber(locale, r ?? null),
});

export interface GradeDto {
  code: string;
  label: string;
  colour: string | null;
}

export function gradeDto(profile: InstrumentProfile, code: string | null, locale: Locale): GradeDto | null {
  if (!code) return null;
  const band: Band | undefined = profile.gradeTable.bands.find((b) => b.code === code);
  if (!band) return { code, label: code, colour: null };
  return { code, label: locale === 'en' ? (band.labelEn ?? band.label) : band.label, colour: band.colour ?? null };
}

export function ciDto(locale: Locale, ci: [Rational, Rational] | null) {
  return {
    low: num(locale, ci?.[0]),
    high: num(locale, ci?.[1]),
    display: ci ? `${formatNumber(locale, ci[0])} – ${formatNumber(locale, ci[1])}` : '–',
  };
}
