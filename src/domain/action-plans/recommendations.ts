import { type ClassificationTable, classify } from '../core/classification.ts';
import type { Rational } from '../core/rational.ts';
import { roundHalfUp } from '../core/rounding.ts';
import { compareCodes, type ElementValue, rankElements, yearOverYear } from '../skm/analysis.ts';
import { SKM_GRADE } from '../tables.ts';

/** Official texts (seed 001, lines 144-158). */
export function recommendationText(no: 1 | 2 | 3, year: number): string {
  if (no === 1) return 'Apabila ada, menyusun rencana aksi per jenis layanan untuk unsur pelayanan dengan mutu pelayanan C';
  if (no === 2)
    return 'Apabila ada, melakukan analisis terhadap 3 (tiga) unsur pelayanan yang memiliki penurunan nilai terbesar dibandingkan tahun sebelumnya terkait penyebab penurunan dan rencana aksi yang akan dilakukan';
  return `Menyusun dan memantau rencana aksi atas 3 (tiga) unsur pelayanan dengan nilai terendah dalam rangka pencapaian target nilai SKM tahun ${year + 1}`;
}

export interface RecommendationInput {
  /** SKM year Y of the snapshot. */
  year: number;
  /** Published (2-decimal) element values per service type of year Y. */
  services: readonly { service: string; elements: readonly ElementValue[] }[];
  /** Published unit element values of year Y and Y−1. */
  unitElements: readonly ElementValue[];
  previousUnitElements?: readonly ElementValue[];
  gradeTable?: ClassificationTable;
}

export interface Rec1Item {
  service: string;
  elementCode: string;
  value: Rational;
  grade: string;
}
export interface Rec2Item {
  elementCode: string;
  delta: Rational;
  declineAmount: Rational;
}
export interface Rec3Item {
  elementCode: string;
  value: Rational;
}

export interface GeneratedRecommendations {
  rec1: { applicable: boolean; text: string; items: Rec1Item[] };
  rec2: { applicable: boolean; text: string; items: Rec2Item[]; requiresCauseAnalysis: true };
  rec3: { applicable: true; text: string; items: Rec3Item[] };
}

const LOW_GRADES = new Set(['C', 'D']);

/** DOMAIN §7.3 from frozen snapshots: Rec 1 on grade C or D (D20), Rec 2 on declines (D19), Rec 3 always (D18 ties). */
export function generateRecommendations(input: RecommendationInput): GeneratedRecommendations {
  const table = input.gradeTable ?? SKM_GRADE;
  const rec1Items: Rec1Item[] = input.services.flatMap((s) =>
    s.elements.flatMap((e) => {
      const value = roundHalfUp(e.value, 2);
      const grade = classify(table, value).code;
      return LOW_GRADES.has(grade) ? [{ service: s.service, elementCode: e.code, value, grade }] : [];
    }),
  );
  const declines = yearOverYear(input.unitElements, input.previousUnitElements ?? [])
    .filter((y) => y.delta?.lt(0))
    .map((y) => ({ code: y.code, value: y.delta as Rational }));
  const rec2Items = rankElements(declines, 'lowest').map((x) => ({
    elementCode: x.code,
    delta: x.value,
    declineAmount: x.value.neg(),
  }));
  const rec3Items = rankElements(input.unitElements, 'lowest').map((e) => ({
    elementCode: e.code,
    value: roundHalfUp(e.value, 2),
  }));
  return {
    rec1: { applicable: rec1Items.length > 0, text: recommendationText(1, input.year), items: rec1Items },
    rec2: {
      applicable: rec2Items.length > 0,
      text: recommendationText(2, input.year),
      items: rec2Items,
      requiresCauseAnalysis: true,
    },
    rec3: { applicable: true, text: recommendationText(3, input.year), items: rec3Items },
  };
}

export interface PlannedAction {
  recommendationNo: 1 | 2 | 3;
  elementCodes: readonly string[];
  /** Service types the action covers; `'all'` = "Untuk seluruh jenis layanan". */
  services: readonly string[] | 'all';
}

export interface UncoveredItem {
  recommendationNo: 1 | 2 | 3;
  elementCode: string;
  service?: string;
  message: string;
}

/** Coverage check (§7.3): every required item needs an action under that recommendation naming its element (and service, Rec 1). */
export function uncoveredItems(
  generated: GeneratedRecommendations,
  actions: readonly PlannedAction[],
  elementNames: Readonly<Record<string, string>> = {},
): UncoveredItem[] {
  const label = (e: string) => (elementNames[e] ? `${e} (${elementNames[e]})` : e);
  const covers = (no: 1 | 2 | 3, element: string, service?: string) =>
    actions.some(
      (a) =>
        a.recommendationNo === no &&
        a.elementCodes.includes(element) &&
        (service === undefined || a.services === 'all' || a.services.includes(service)),
    );
  const out: UncoveredItem[] = [];
  for (const i of generated.rec1.items)
    if (!covers(1, i.elementCode, i.service))
      out.push({
        recommendationNo: 1,
        elementCode: i.elementCode,
        service: i.service,
        message: `Belum terdapat rencana aksi untuk unsur ${label(i.elementCode)} pada layanan ${i.service}`,
      });
  for (const [no, items] of [
    [2, generated.rec2.items],
    [3, generated.rec3.items],
  ] as const)
    for (const i of items)
      if (!covers(no, i.elementCode))
        out.push({
          recommendationNo: no,
          elementCode: i.elementCode,
          message: `Belum terdapat rencana aksi untuk unsur ${label(i.elementCode)}`,
        });
  return out.sort((a, b) => a.recommendationNo - b.recommendationNo || compareCodes(a.elementCode, b.elementCode));
}
