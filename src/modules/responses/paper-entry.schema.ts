import { z } from 'zod';
import { CLIENT_SUBMISSION_ID } from './response.schema.ts';

/** Shapes only: the campaign's profile decides codes, ranges and blanks (W1's `buildResponseSchema`). */
const respondent = z.object({
  fullName: z.string().nullish(),
  age: z.number().nullish(),
  sex: z.string().nullish(),
  phone: z.string().nullish(),
  education: z.string().nullish(),
  occupation: z.string().nullish(),
  institution: z.string().nullish(),
});

export const PaperResponseBody = z.object({
  unitServiceId: z.string().min(1).max(64),
  /** The date on the paper form: `YYYY-MM-DD` (stored as noon, unit time), `YYYY-MM-DD HH:mm` local, or ISO with offset. */
  submittedAt: z.string().trim().min(1).max(40),
  /** Idempotency key from the entry grid; a resend stores nothing twice. Generated when absent. */
  clientSubmissionId: z.string().regex(CLIENT_SUBMISSION_ID).optional(),
  respondent: respondent.default({}),
  completionPct: z.number().nullish(),
  /** Blanks allowed: `null` or an absent key. */
  answers: z.record(z.string(), z.number().nullable()).default({}),
  suggestion: z.string().nullish(),
});
export type PaperResponseBody = z.infer<typeof PaperResponseBody>;

export const CampaignUnitParams = z.object({ id: z.string().min(1).max(64), unitId: z.string().min(1).max(64) });
