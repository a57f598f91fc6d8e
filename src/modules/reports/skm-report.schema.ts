import { z } from 'zod';
import { REPORT_SECTION_KEYS, type ReportSectionKey } from './report-sections.ts';

/** Request and response shapes of the unit SKM report workflow (DOMAIN 5.12.3) and the coordinator's board. */

const id = z.string().min(1).max(64);
const isoDate = z.iso.date();

/** Longest free-text section (a few pages of prose); the whole report stays well under the body limit. */
export const SECTION_MAX_CHARS = 20_000;
export const TIMELINE_MAX_ROWS = 30;
export const NOTES_MAX_CHARS = 4_000;
export const JUSTIFICATION_MAX_CHARS = 4_000;

export const CampaignParams = z.object({ id });
export const ReportParams = z.object({ id, unitId: id });

const sectionShape = Object.fromEntries(
  REPORT_SECTION_KEYS.map((k) => [k, z.string().max(SECTION_MAX_CHARS).optional()]),
) as Record<ReportSectionKey, z.ZodOptional<z.ZodString>>;

/** Only the sections sent change; an empty string clears one. `version` is the one the editor started from. */
export const SectionsBody = z.object({
  version: z.number().int().min(1),
  sections: z.strictObject(sectionShape),
});
export type SectionsInput = z.infer<typeof SectionsBody>;

export const TimelineRowInput = z.object({
  activity: z.string().trim().min(1).max(300),
  start: isoDate,
  end: isoDate,
});

export const TimelineBody = z.object({
  version: z.number().int().min(1),
  rows: z.array(TimelineRowInput).max(TIMELINE_MAX_ROWS),
});
export type TimelineInput = z.infer<typeof TimelineBody>;

export const ValidityMatrixBody = z.object({ status: z.enum(['submitted', 'nihil']) });

export const ReturnBody = z.object({ notes: z.string().trim().min(1).max(NOTES_MAX_CHARS) });
export const AcceptBody = z.object({ notes: z.string().trim().max(NOTES_MAX_CHARS).optional() });

export const JustificationsBody = z.object({
  items: z
    .array(z.object({ unitServiceId: id, text: z.string().trim().min(1).max(JUSTIFICATION_MAX_CHARS) }))
    .min(1)
    .max(200),
});
export type JustificationsInput = z.infer<typeof JustificationsBody>;

export const RemindersBody = z.object({ unitIds: z.array(id).min(1).max(500).optional() });

export const BoardQuery = z.object({
  late: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

// ---- Responses ----

export const CHECK_CODES = ['statement', 'validityMatrix', 'shortfallJustification'] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

export const CheckDto = z.object({
  code: z.enum(CHECK_CODES),
  ok: z.boolean(),
  message: z.string(),
  unitServiceId: z.string().nullable(),
  serviceName: z.string().nullable(),
});

const EvidenceRef = z.object({
  id: z.string(),
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});

export const ReportDto = z.object({
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    year: z.number(),
    status: z.string(),
    reportDue: z.string().nullable(),
  }),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  /** Null until the first change creates the row (a report nobody touched is an empty draft). */
  id: z.string().nullable(),
  status: z.enum(['draft', 'submitted', 'accepted']),
  version: z.number().int(),
  sections: z.record(z.string(), z.string()),
  timeline: z.array(z.object({ activity: z.string(), start: z.string(), end: z.string() })),
  statement: EvidenceRef.nullable(),
  validityMatrix: z.object({
    status: z.enum(['pending', 'submitted', 'nihil']),
    at: z.string().nullable(),
    invalidResponses: z.number().int(),
  }),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNotes: z.string().nullable(),
  checks: z.array(CheckDto),
  /** What the caller may do now (the UI shows only these buttons). */
  can: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean() }),
  updatedAt: z.string().nullable(),
});
export type ReportDtoT = z.infer<typeof ReportDto>;

export const JustificationsDto = z.object({
  editable: z.boolean(),
  services: z.array(
    z.object({
      unitServiceId: z.string(),
      serviceName: z.string(),
      target: z.number().int(),
      valid: z.number().int(),
      counted: z.number().int(),
      shortfall: z.number().int(),
      required: z.boolean(),
      text: z.string().nullable(),
      enteredBy: z.string().nullable(),
      enteredAt: z.string().nullable(),
    }),
  ),
});

export const BoardDto = z.object({
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    year: z.number(),
    status: z.string(),
    reportDue: z.string().nullable(),
  }),
  today: z.string(),
  rows: z.array(
    z.object({
      unitId: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      status: z.enum(['draft', 'submitted', 'accepted']),
      submittedAt: z.string().nullable(),
      acceptedAt: z.string().nullable(),
      reviewNotes: z.string().nullable(),
      deadline: z.string().nullable(),
      late: z.boolean(),
      missing: z.array(CheckDto),
    }),
  ),
});

export const RemindersDto = z.object({ units: z.number().int(), notified: z.number().int() });
