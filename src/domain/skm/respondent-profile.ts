import { Rational } from '../core/rational.ts';
import { type AgeBand, ageBandOf, type InstrumentProfile, type Localized } from '../profiles/profile.ts';

/** DOMAIN §5.9 respondent profile: counts and percentages (of nCounted) by sex, education, occupation, age band. */

export interface RespondentFacts {
  sex?: string | null;
  education?: string | null;
  occupation?: string | null;
  age?: number | null;
}

export interface ProfileRow {
  code: string;
  label: Localized;
  count: number;
  /** count / n × 100; null when n = 0. */
  pct: Rational | null;
}

export interface RespondentProfile {
  respondents: number;
  sex: ProfileRow[];
  education: ProfileRow[];
  occupation: ProfileRow[];
  ageBand: ProfileRow[];
}

const NOT_GIVEN: Localized = { id: 'Tidak diisi', en: 'Not given' };

export function respondentProfile(
  profile: InstrumentProfile,
  respondents: readonly RespondentFacts[],
  ageBands: readonly AgeBand[] = profile.ageBands,
): RespondentProfile {
  const n = respondents.length;
  const rows = (options: { code: string; label: Localized }[], pick: (r: RespondentFacts) => string | null | undefined) => {
    const counts = new Map<string, number>(options.map((o) => [o.code, 0]));
    let missing = 0;
    for (const r of respondents) {
      const v = pick(r);
      if (v !== null && v !== undefined && counts.has(v)) counts.set(v, (counts.get(v) as number) + 1);
      else missing++;
    }
    const out: ProfileRow[] = options.map((o) => ({
      code: o.code,
      label: o.label,
      count: counts.get(o.code) as number,
      pct: null,
    }));
    // A row for unusable values keeps the column summing to n.
    if (missing > 0) out.push({ code: 'not_given', label: NOT_GIVEN, count: missing, pct: null });
    return out.map((r) => ({ ...r, pct: n > 0 ? Rational.of(r.count * 100, n) : null }));
  };
  const field = (code: string) => profile.respondentFields.find((f) => f.code === code)?.options ?? [];
  return {
    respondents: n,
    sex: rows(field('sex'), (r) => r.sex),
    education: rows(field('education'), (r) => r.education),
    occupation: rows(field('occupation'), (r) => r.occupation),
    ageBand: rows(
      ageBands.map((b) => ({ code: b.code, label: b.label })),
      (r) => (r.age === null || r.age === undefined ? null : ageBandOf(ageBands, r.age)?.code),
    ),
  };
}
