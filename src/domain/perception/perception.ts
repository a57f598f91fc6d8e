import { type Band, classify } from '../core/classification.ts';
import { Rational } from '../core/rational.ts';
import { type InstrumentProfile, instrumentElements, instrumentQuestionCodes, type Localized } from '../profiles/profile.ts';

/** DOMAIN §6.3-6.5 (D8): IPP/IPAK on the 1-4 scale from raw answers, ×25 view, bands on the 1-4 value. */

export type PerceptionSurvey = 'spkp' | 'spak';

/** c(x) of §6.3 for an exact value on the profile scale (a raw answer or a mean of them). */
/** D8: the 25–100 view of a 1–4 index (index × 25). */
export function toConvertedScale(index: Rational): Rational {
  return index.mul(25);
}

export function convertToPerceptionScale(profile: InstrumentProfile, x: Rational): Rational {
  const m = profile.scaleMax;
  if (m === 4) return x;
  if (profile.perceptionConversion === 'linear_endpoints')
    return Rational.ONE.add(
      x
        .sub(1)
        .mul(3)
        .div(m - 1),
    );
  return x.mul(4).div(m);
}

export interface PerceptionTally {
  profileCode: string;
  survey: PerceptionSurvey;
  questionCodes: readonly string[];
  respondents: number;
  sums: number[];
  answered: number[];
}

export type PerceptionAnswers = Readonly<Record<string, number | null | undefined>>;

export function accumulatePerception(
  profile: InstrumentProfile,
  survey: PerceptionSurvey,
  responses: Iterable<PerceptionAnswers>,
): PerceptionTally {
  const questionCodes = instrumentQuestionCodes(profile, survey);
  const t: PerceptionTally = {
    profileCode: profile.code,
    survey,
    questionCodes,
    respondents: 0,
    sums: questionCodes.map(() => 0),
    answered: questionCodes.map(() => 0),
  };
  for (const r of responses) {
    t.respondents++;
    questionCodes.forEach((q, i) => {
      const a = r[q];
      if (a === null || a === undefined) return;
      if (!Number.isInteger(a) || a < profile.scaleMin || a > profile.scaleMax)
        throw new RangeError(`Answer ${a} to ${q} is outside the scale ${profile.scaleMin}-${profile.scaleMax}`);
      t.sums[i] = (t.sums[i] as number) + a;
      t.answered[i] = (t.answered[i] as number) + 1;
    });
  }
  return t;
}

export interface PerceptionElement {
  code: string;
  name: Localized;
  /** idx_e on 1-4: c(mean answer); the conversion is linear, so this equals the mean of converted answers. */
  index: Rational | null;
  converted: Rational | null;
  band: Band | null;
}

export interface PerceptionResult {
  survey: PerceptionSurvey;
  respondents: number;
  elements: PerceptionElement[];
  /** IPP (spkp) or IPAK (spak) = mean of the element indices. */
  index: Rational | null;
  converted: Rational | null;
  band: Band | null;
  /** The band's wording for this survey (SPKP "Memuaskan", SPAK "Bersih dari korupsi"). */
  label: string | null;
  labelEn: string | null;
}

export function computePerception(profile: InstrumentProfile, tally: PerceptionTally): PerceptionResult {
  const byQuestion = new Map(
    tally.questionCodes.map((q, i) => {
      const n = tally.answered[i] as number;
      return [q, n > 0 ? convertToPerceptionScale(profile, Rational.of(tally.sums[i] as number, n)) : null] as const;
    }),
  );
  const elements = instrumentElements(profile, tally.survey).map((e): PerceptionElement => {
    const parts = e.questionCodes.map((q) => byQuestion.get(q) ?? null);
    const index = parts.some((p) => p === null)
      ? null
      : (parts as Rational[]).reduce((a, b) => a.add(b), Rational.ZERO).div(parts.length);
    return {
      code: e.code,
      name: e.name,
      index,
      converted: index ? toConvertedScale(index) : null,
      band: index ? classify(profile.perceptionBands, index) : null,
    };
  });
  const index = elements.some((e) => e.index === null)
    ? null
    : elements.reduce((a, e) => a.add(e.index as Rational), Rational.ZERO).div(elements.length);
  const band = index ? classify(profile.perceptionBands, index) : null;
  return {
    survey: tally.survey,
    respondents: tally.respondents,
    elements,
    index,
    converted: index ? toConvertedScale(index) : null,
    band,
    label: band ? bandLabel(band, tally.survey, 'id') : null,
    labelEn: band ? bandLabel(band, tally.survey, 'en') : null,
  };
}

export function bandLabel(band: Band, survey: PerceptionSurvey, locale: 'id' | 'en'): string {
  if (survey === 'spak') return (locale === 'en' ? band.extra?.spakLabelEn : band.extra?.spakLabel) ?? band.label;
  return locale === 'en' ? (band.labelEn ?? band.label) : band.label;
}
