import { z } from 'zod';

/** DOMAIN 7.2 sources of an ActionPlan. */
export const ACTION_SOURCES = [
  'recommendation',
  'skm_result',
  'suggestion',
  'spkp_month',
  'spak_month',
  'sakip_indicator',
  'sakip_obstacle',
  'other',
] as const;
export const IMPLEMENTATION_STATUSES = ['planned', 'in_progress', 'done', 'not_done'] as const;
/** DOMAIN 7.4 taxonomy of Open reasons. */
export const REASON_CODES = [
  'evidence_missing',
  'evidence_insufficient',
  'not_matching_recommendation',
  'not_submitted',
  'waiting_external',
  'resubmission_required',
  'other',
] as const;
export const CYCLE_STATUSES = ['draft', 'open', 'cut_off', 'reported', 'closed'] as const;
export const TEAM_ROLES = ['penanggung_jawab', 'pengendali_teknis', 'ketua_tim', 'anggota'] as const;
export const INSTRUMENTS = ['skm', 'spkp', 'spak'] as const;

// Ids are plain tokens: a NUL or other control character must never reach SQL (PostgreSQL rejects it).
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id');
const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();

export const IdParams = z.object({ id });
export const UnitParams = z.object({ unitId: id });

export const ElementRef = z.object({ instrument: z.enum(INSTRUMENTS).default('skm'), code: text(10) });
export type ElementRef = z.infer<typeof ElementRef>;

export const SubAction = z.object({ label: text(10), text: text(4000), timeline: text(40).optional() });

export const ActionBody = z.object({
  /** The recommendation assignment answered; omitted for actions of another source. */
  assignmentId: id.optional(),
  source: z.enum(ACTION_SOURCES).default('recommendation'),
  sourceRef: text(200).optional(),
  unitId: id.optional(),
  allServices: z.boolean().default(false),
  unitServiceIds: z.array(id).max(200).default([]),
  elements: z.array(ElementRef).max(30).default([]),
  priorityRank: z.number().int().min(1).max(99).optional(),
  causeAnalysis: text(8000).optional(),
  actionText: text(8000),
  subActions: z.array(SubAction).max(26).default([]),
  /** A date (dd/mm/yyyy or yyyy-mm-dd) or a quarter ("TW 4 2024"); strictly parsed for unit entry. */
  timeline: z.string().trim().max(40),
  pic: text(300),
  suggestionResponseIds: z.array(id).max(100).default([]),
});
export type ActionInput = z.infer<typeof ActionBody>;

/** Strategy for an unfinished RTL (5.13.2 BAB IV): Strategi Penyelesaian, Target Waktu, PIC, Stakeholder Terkait. */
export const StrategyBody = z.object({
  strategyText: text(4000),
  targetDate: isoDate.optional(),
  pic: text(300).optional(),
  stakeholders: text(1000).optional(),
});
export type StrategyInput = z.infer<typeof StrategyBody>;

export const RealisationBody = z.object({
  implementationStatus: z.enum(IMPLEMENTATION_STATUSES),
  realisationText: text(8000).optional(),
  realisedAt: isoDate.optional(),
  obstacles: text(8000).optional(),
  strategy: StrategyBody.optional(),
});
export type RealisationInput = z.infer<typeof RealisationBody>;

export const EvidenceUrlBody = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  description: text(1000).optional(),
  supersedesId: id.optional(),
});

export const EvaluationBody = z.object({
  cycleId: id,
  status: z.enum(['open', 'close']),
  reasonCode: z.enum(REASON_CODES).optional(),
  note: z.string().trim().max(4000).optional(),
  evaluationDate: isoDate.optional(),
});
export type EvaluationInput = z.infer<typeof EvaluationBody>;

export const EvaluationUpdateBody = z.object({ date: isoDate, text: text(4000) });

export const TeamMember = z.object({ name: text(200), role: z.enum(TEAM_ROLES), personId: id.optional() });

export const CycleBody = z.object({
  name: text(200),
  year: z.number().int().min(2000).max(2100),
  semester: z.union([z.literal(1), z.literal(2)]),
  basisCampaignId: id.optional(),
  basisYear: z.number().int().min(2000).max(2100).optional(),
  assignmentLetterNo: text(200).optional(),
  assignmentLetterDate: isoDate.optional(),
  cutoffDate: isoDate,
  reportDate: isoDate.optional(),
  team: z.array(TeamMember).max(50).default([]),
  previousCycleId: id.optional(),
});
export type CycleInput = z.infer<typeof CycleBody>;

export const CycleTransitionBody = z.object({ to: z.enum(CYCLE_STATUSES) });

export const CustomRecommendationBody = z.object({
  basisCampaignId: id.optional(),
  basisYear: z.number().int().min(2000).max(2100),
  number: z.number().int().min(1).max(99).optional(),
  text: text(4000),
  targetYear: z.number().int().min(2000).max(2100),
  unitIds: z.array(id).min(1).max(500),
  requiredElements: z.array(ElementRef).max(30).default([]),
});
export type CustomRecommendationInput = z.infer<typeof CustomRecommendationBody>;

export const HistoricalImportBody = z.object({
  summaryTsv: z.string().min(1).max(2_000_000),
  itemsTsv: z.string().min(1).max(5_000_000),
  name: text(200).default('Semester I Tahun Anggaran 2022'),
  year: z.number().int().min(2000).max(2100).default(2022),
  semester: z.union([z.literal(1), z.literal(2)]).default(1),
  basisYear: z.number().int().min(2000).max(2100).default(2021),
  cutoffDate: isoDate.default('2022-08-12'),
});
export type HistoricalImportInput = z.infer<typeof HistoricalImportBody>;

export const PerceptionFollowupParams = z.object({
  unitId: id,
  instrument: z.enum(['spkp', 'spak']),
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12),
});
export const PerceptionFollowupBody = z
  .object({
    state: z.enum(['actions', 'no_action_needed']),
    justification: text(4000).optional(),
    actions: z
      .array(ActionBody.omit({ assignmentId: true, source: true, sourceRef: true, unitId: true }))
      .max(50)
      .default([]),
  })
  .superRefine((v, ctx) => {
    if (v.state === 'no_action_needed' && !v.justification)
      ctx.addIssue({ code: 'custom', path: ['justification'], message: 'Alasan "Tidak perlu tindak lanjut" wajib diisi' });
    if (v.state === 'actions' && v.actions.length === 0)
      ctx.addIssue({ code: 'custom', path: ['actions'], message: 'Isi sekurang-kurangnya satu rencana aksi' });
  });

export const FollowUpReportQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const DashboardQuery = z.object({ cycleId: id.optional() });
export const AssignmentsQuery = z.object({
  unitId: id.optional(),
  basisCampaignId: id.optional(),
  basisYear: z.coerce.number().int().optional(),
});

export const ReportFormatQuery = z.object({ format: z.enum(['pdf', 'docx']).default('pdf') });
export const MeReportQuery = ReportFormatQuery.extend({
  part: z.enum(['full', 'lampiran1', 'lampiran2']).default('full'),
});
export const FollowUpDocumentQuery = ReportFormatQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100),
});
export const EffectivenessQuery = z.object({
  basisYear: z.coerce.number().int().min(2000).max(2100),
  unitId: id.optional(),
});
