import { z } from 'zod';

const id = z.string().min(1).max(64);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const CampaignParams = z.object({ id });
export const UnitResultsParams = z.object({ id, unitId: id });

export const PerceptionQuery = z.object({ from: month.optional(), to: month.optional() });

export const ResponsesQuery = z.object({
  q: z.string().trim().max(100).optional(),
  serviceId: id.optional(),
  validity: z.enum(['valid', 'invalidation_proposed', 'invalid']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ResponsesQuery = z.infer<typeof ResponsesQuery>;

export const RestatementBody = z.object({ reason: z.string().trim().min(10).max(2000) });

// ---- Documented responses (OpenAPI) ----

/** A value at full precision (`value`) with its display string (`91,50`, `–` for n/a): the UI never rounds. */
export const NumDto = z.object({ value: z.number().nullable(), display: z.string() });
const GradeDto = z.object({ code: z.string(), label: z.string(), colour: z.string().nullable() }).nullable();

export const ScopeResultDto = z.object({
  target: z.number().int(),
  submitted: z.number().int(),
  valid: z.number().int(),
  counted: z.number().int(),
  shortfall: z.number().int(),
  progressPct: NumDto,
  respondents: z.number().int(),
  ikm: NumDto,
  weightedSum: NumDto,
  grade: GradeDto,
  ci95: z.object({ low: NumDto, high: NumDto, display: z.string() }),
  elements: z.array(z.object({ code: z.string(), name: z.string(), nrr: NumDto, value: NumDto, grade: GradeDto })),
});

const CampaignHead = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  status: z.string(),
  profileCode: z.string(),
  profileVersion: z.number().int(),
  isDemo: z.boolean(),
});

const ProfileRow = z.object({ code: z.string(), label: z.string(), count: z.number().int(), pct: NumDto });

export const UnitResultsDto = z.object({
  campaign: CampaignHead,
  unit: z.object({ id: z.string(), code: z.string(), name: z.string(), timeZone: z.string() }),
  source: z.enum(['live', 'snapshot']),
  snapshotVersion: z.number().int().nullable(),
  elements: z.array(z.object({ code: z.string(), name: z.string() })),
  total: ScopeResultDto,
  services: z.array(ScopeResultDto.extend({ unitServiceId: z.string(), serviceName: z.string() })),
  respondentProfile: z
    .object({
      respondents: z.number().int(),
      sex: z.array(ProfileRow),
      education: z.array(ProfileRow),
      occupation: z.array(ProfileRow),
      ageBand: z.array(ProfileRow),
    })
    .nullable(),
  generatedAt: z.string(),
});

export const CampaignResultsDto = z.object({
  campaign: CampaignHead,
  source: z.enum(['live', 'snapshot']),
  snapshotVersion: z.number().int().nullable(),
  elements: z.array(z.object({ code: z.string(), name: z.string() })),
  bpom: ScopeResultDto,
  units: z.array(ScopeResultDto.extend({ unitId: z.string(), code: z.string(), name: z.string() })),
  generatedAt: z.string(),
});

const PerceptionSurveyDto = z.object({
  index: NumDto,
  converted: NumDto,
  band: z.object({ code: z.string(), label: z.string() }).nullable(),
  elements: z.array(
    z.object({ code: z.string(), name: z.string(), index: NumDto, converted: NumDto, band: z.string().nullable() }),
  ),
  worksheet: z.object({ value: NumDto, monthsUsed: z.array(z.string()), incomplete: z.boolean() }),
});

export const PerceptionDto = z.object({
  campaignId: z.string(),
  unitId: z.string(),
  timeZone: z.string(),
  available: z.boolean(),
  surveys: z.array(z.enum(['spkp', 'spak'])),
  months: z.array(
    z.object({
      month: z.string(),
      responses: z.number().int(),
      eligible: z.number().int(),
      selected: z.number().int(),
      spkp: PerceptionSurveyDto.optional(),
      spak: PerceptionSurveyDto.optional(),
    }),
  ),
});

export const ResponseItemDto = z.object({
  id: z.string(),
  seqNo: z.number().int(),
  submittedAt: z.string(),
  channel: z.string(),
  unitServiceId: z.string(),
  serviceName: z.string(),
  fullName: z.string().nullable(),
  phone: z.string().nullable(),
  institution: z.string().nullable(),
  age: z.number().int().nullable(),
  sex: z.string().nullable(),
  education: z.string().nullable(),
  occupation: z.string().nullable(),
  completionPct: z.number().int().nullable(),
  suggestion: z.string().nullable(),
  answers: z.record(z.string(), z.number()),
  validity: z.string(),
  counted: z.boolean(),
  duplicateHint: z.string().nullable(),
  isDemo: z.boolean(),
  personalMasked: z.boolean(),
});

export const ResponsesDto = z.object({
  items: z.array(ResponseItemDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  personalMasked: z.boolean(),
});

const SnapshotValueDto = z.object({
  key: z.string(),
  fullPrecision: z.string().nullable(),
  exact: z.string().nullable(),
  published: z.string().nullable(),
  class: z.string().nullable().optional(),
});

export const SnapshotsDto = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      scopeKey: z.string(),
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      unitServiceId: z.string().nullable(),
      serviceName: z.string().nullable(),
      version: z.number().int(),
      supersedesId: z.string().nullable(),
      supersededBy: z.string().nullable(),
      restatementReason: z.string().nullable(),
      note: z.string().nullable(),
      frozenAt: z.string(),
      frozenBy: z.string().nullable(),
      inputsHash: z.string().nullable(),
      algorithmVersion: z.string(),
      profileCode: z.string().nullable(),
      profileVersion: z.number().int().nullable(),
      nCounted: z.number().int(),
      ikm: z.object({ fullPrecision: z.string().nullable(), published: z.string().nullable(), grade: z.string().nullable() }),
      values: z.array(SnapshotValueDto),
    }),
  ),
  total: z.number().int(),
});

export const RestatementDto = z.object({
  campaignId: z.string(),
  version: z.number().int(),
  snapshots: z.number().int(),
  changedScopes: z.number().int(),
  reason: z.string(),
  note: z.string(),
});
