import { z } from 'zod';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export const JobIdParams = z.object({ id: z.string().min(1).max(64) });

export const ImportIssueDto = z.object({
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
});

export const JobDto = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: z.number().int().min(0).max(100),
  total: z.number().int().nullable(),
  processed: z.number().int().nullable(),
  errors: z.array(ImportIssueDto),
  /** Number of errors found (the list may be cut at 5,000). */
  errorCount: z.number().int(),
  message: z.string().nullable(),
  result: z.object({ stored: z.number().int(), replayed: z.number().int() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JobDto = z.infer<typeof JobDto>;

export const ImportStartedDto = z.object({ jobId: z.string() });
