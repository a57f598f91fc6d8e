/** Shapes of the SKM API (issue 4) as the admin UI reads them; optional where the contract leaves room. */
export type CampaignStatus = 'draft' | 'targets_set' | 'collecting' | 'validating' | 'reporting' | 'closed';
export const CAMPAIGN_STATUSES: CampaignStatus[] = ['draft', 'targets_set', 'collecting', 'validating', 'reporting', 'closed'];
export const PROFILE_CODES = ['bpom-2024', 'permenpan-2017', 'spkp-spak-4'] as const;

export interface CampaignSummary {
  id: string;
  kind: string;
  year: number;
  name: string;
  profileCode: string;
  profileVersion: number;
  status: CampaignStatus;
  collectionStart: string;
  collectionEnd: string;
  effectiveEnd: string;
  isDemo: boolean;
}

export interface Extension {
  id: string;
  previousEnd: string;
  newEnd: string;
  reason: string;
  letterRef: string;
  decidedBy: string | null;
  decidedAt: string;
}

export interface Campaign extends CampaignSummary {
  circularRef: string | null;
  circularDate: string | null;
  validityMatrixDue: string | null;
  reportDue: string | null;
  periodicityLabel: string;
  allowEmbedding: boolean;
  embedOrigins: string[];
  retentionDays: number | null;
  createdAt: string;
  closedAt: string | null;
  nextStatuses: CampaignStatus[];
  units: { unitId: string; code: string; name: string; type: string; target: number; services: number }[];
  extensions: Extension[];
}

export interface Target {
  id: string;
  unitId: string;
  unitName: string;
  unitServiceId: string;
  serviceName: string;
  prevYearPopulation: number | null;
  divisor: number;
  populationPeriod: number;
  computedTarget: number;
  target: number;
  overridden: boolean;
  overrideReason: string | null;
}

export interface Targets {
  campaignId: string;
  year: number;
  populationYear: number;
  units: { unitId: string; unitName: string; target: number }[];
  total: number;
  rows: Target[];
}

export interface SurveyLink {
  id: string;
  campaignId: string;
  unitId: string;
  unitName: string;
  unitServiceId: string | null;
  serviceName: string | null;
  kind: 'unit' | 'service';
  token: string;
  url: string;
  active: boolean;
  replacedBy: string | null;
  createdAt: string;
}

// ---- Live results (W3: src/modules/results/results.schema.ts) ----

export interface Num {
  value: number | null;
  display: string;
}
export interface GradeDto {
  code: string;
  label: string;
  colour: string | null;
}
export interface CiDto {
  low: Num;
  high: Num;
  display: string;
}
export interface ElementDto {
  code: string;
  name: string;
  nrr?: Num;
  value: Num;
  grade: GradeDto | null;
}

/** One scope of results: a service, a unit or BPOM. */
export interface ScopeDto {
  target: number;
  submitted: number;
  valid: number;
  counted: number;
  shortfall?: number;
  progressPct?: Num;
  respondents?: number;
  ikm: Num;
  grade: GradeDto | null;
  ci95: CiDto;
  elements: ElementDto[];
}

export interface ServiceResultDto extends ScopeDto {
  unitServiceId: string;
  serviceName: string;
}

export interface ProfileRowDto {
  code: string;
  label: string;
  count: number;
  pct: Num;
}

export interface ProfileDto {
  respondents: number;
  sex: ProfileRowDto[];
  education: ProfileRowDto[];
  occupation: ProfileRowDto[];
  ageBand: ProfileRowDto[];
}

interface CampaignHead {
  id: string;
  name: string;
  year: number;
  status: CampaignStatus;
  isDemo: boolean;
}

export interface UnitResultsDto {
  campaign: CampaignHead;
  unit: { id: string; code: string; name: string; timeZone: string };
  source: 'live' | 'snapshot';
  snapshotVersion: number | null;
  total: ScopeDto;
  services: ServiceResultDto[];
  respondentProfile: ProfileDto | null;
  generatedAt: string;
}

export interface UnitRowDto extends ScopeDto {
  unitId: string;
  code: string;
  name: string;
}

export interface CampaignResultsDto {
  campaign: CampaignHead;
  source: 'live' | 'snapshot';
  snapshotVersion: number | null;
  bpom: ScopeDto;
  units: UnitRowDto[];
  generatedAt: string;
}

export interface PerceptionSurveyDto {
  index: Num;
  converted: Num;
  band: { code: string; label: string } | null;
  worksheet: { value: Num; monthsUsed: string[]; incomplete: boolean };
}

export interface PerceptionMonthDto {
  month: string;
  responses: number;
  eligible: number;
  selected: number;
  spkp?: PerceptionSurveyDto;
  spak?: PerceptionSurveyDto;
}

export interface PerceptionDto {
  available: boolean;
  surveys: ('spkp' | 'spak')[];
  months: PerceptionMonthDto[];
}

export interface ResponseRow {
  id: string;
  seqNo: number;
  submittedAt: string;
  channel: string;
  unitServiceId: string;
  serviceName: string;
  /** Masked ("A*** B***") unless the role may read personal data. */
  fullName: string | null;
  validity: 'valid' | 'invalidation_proposed' | 'invalid';
  counted: boolean;
  duplicateHint: string | null;
  isDemo: boolean;
  personalMasked: boolean;
}

export interface Invalidation {
  id: string;
  responseId: string;
  seqNo: number;
  serviceName: string;
  reason: string;
  reasonLabel: string;
  note: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'reinstated';
  proposedBy: string;
  proposedByName: string | null;
  proposedAt: string;
}

export interface Job {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number | null;
  processed: number | null;
  errors: { row: number | null; column: string | null; message: string }[];
  errorCount?: number;
  message?: string | null;
  result: { stored: number; replayed: number } | null;
}
