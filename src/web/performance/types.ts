/** Shapes of the performance API as the screens read them (the server's DTOs). */
export interface Num {
  value: string;
  rounded: string;
  display: string;
}
export interface Criterion {
  code: string;
  label: string;
  colour: string | null;
}
export interface SeriesPoint {
  month: number;
  target: Num | null;
  realisation: Num | null;
  capaian: Num | null;
  status: string | null;
}
export interface IndicatorRow {
  id: string | null;
  code: string;
  name: string;
  sasaran: string;
  formulaType: string | null;
  periodTarget: Num | null;
  realisation: Num | null;
  capaianPeriod: Num | null;
  criterion: Criterion | null;
  annualTarget: Num | null;
  capaianAnnual: Num | null;
  annualCriterion: Criterion | null;
  previous: { capaianPeriod: Num | null } | null;
  atRisk: boolean;
  atRiskReasons: string[];
  series: SeriesPoint[];
}
export interface Achievement {
  entity: { unitId: string; code: string; name: string };
  year: number;
  quarter: number;
  quarterLabel: string;
  method: string;
  indicators: IndicatorRow[];
  sasaran: {
    code: string;
    name: string;
    perspective: string;
    score: Num | null;
    criterion: Criterion | null;
    previousScore: Num | null;
  }[];
  perspectives: { code: string; name: string; score: Num | null; criterion: Criterion | null }[];
  overall: { method: string; score: Num | null; criterion: Criterion | null; previousScore: Num | null };
  counts: { indicators: Record<string, number>; sasaran: Record<string, number> };
  atRisk: string[];
  finalised: boolean;
  pendingRealisations: { draft: number; submitted: number; needsRevision: number };
  budget: {
    total: { pagu: string | null; realisation: string | null; realisationPct: Num | null; realisationPctNet: Num | null };
    absorptionCurve: { month: number; planPct: Num | null; realisationPct: Num | null }[];
  } | null;
}
export interface TargetVersion {
  id: string;
  year: number;
  source: string;
  version: number;
  label: string | null;
  annualTarget: string | null;
  monthly: (string | null)[];
  inForce: boolean;
}
export interface IndicatorRef {
  id: string;
  code: string;
  name: string;
  unitCode: string;
  validFromYear: number;
  validToYear: number | null;
}
export interface PlanIndicator {
  id: string;
  code: string;
  name: string;
  sasaran: string | null;
  unitOfMeasure: string;
  polarity: string;
  formulaType: string;
  pattern: string;
  weight: string;
  targets: TargetVersion[];
  cascade: {
    parent: IndicatorRef | null;
    children: IndicatorRef[];
    predecessor: IndicatorRef | null;
    successors: IndicatorRef[];
  };
}
export interface Plan {
  entity: { unitId: string; code: string; name: string };
  year: number;
  settings: { overallMethod: string };
  review: { status: string; note: string | null } | null;
  finalisedQuarters: { quarter: number; finalisedAt: string }[];
  perspectives: { id: string; code: string; name: string }[];
  sasaran: { id: string; code: string; name: string; perspective: string | null }[];
  indicators: PlanIndicator[];
}
export interface Realisation {
  id: string;
  indicatorId: string;
  indicator: string | null;
  month: number;
  input: { kind: string } & Record<string, unknown>;
  value: string | null;
  status: string;
  obstacles: string | null;
  enteredBy: string | null;
}
export interface RevisionLine {
  lineNo: number;
  indicator: string | null;
  currentAnnual: string | null;
  proposedAnnual: string | null;
  justification: string;
  check: { suggestedVerdict: string; issues: { code: string; message: string }[] };
  verdict: string | null;
}
export interface Revision {
  id: string;
  status: string;
  letterNo: string | null;
  requestedAt: string;
  lines: RevisionLine[];
}
export interface Narrative {
  scope: 'entity' | 'sasaran' | 'indicator';
  code: string | null;
  section: string;
  text: string;
  version: number;
  inheritedFrom: { year: number; quarter: number } | null;
}
export interface NarrativeList {
  finalised: boolean;
  sections: { scope: 'entity' | 'sasaran' | 'indicator'; section: string; label: string; carryOver: boolean }[];
  narratives: Narrative[];
}

export interface LapkinWorkflow {
  year: number;
  quarter: number;
  status: 'draft' | 'reviewed' | 'finalised' | 'submitted';
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  finalisedBy: string | null;
  finalisedAt: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  submittedTo: string | null;
  actions: ('review' | 'reopen' | 'finalise' | 'submit')[];
}
