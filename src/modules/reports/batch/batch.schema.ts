import { z } from 'zod';

const id = z.string().min(1).max(64);

export const BatchStartBody = z.object({
  format: z.enum(['pdf', 'docx', 'both']).default('pdf'),
  /** Only these units of the campaign; every unit when omitted. */
  unitIds: z.array(id).min(1).max(500).optional(),
});
export type BatchStartBody = z.infer<typeof BatchStartBody>;

export const BatchStartedDto = z.object({ jobId: z.string() });
export const BatchJobParams = z.object({ jobId: id });

export const BatchJobDto = z.object({
  id: z.string(),
  campaignId: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  format: z.enum(['pdf', 'docx', 'both']),
  /** Units done (generated or failed) and units in the batch. */
  processed: z.number().int(),
  total: z.number().int(),
  progress: z.number().int().min(0).max(100),
  /** One entry per unit that could not be generated; the others are in the ZIP. */
  failures: z.array(z.object({ unitId: z.string(), unitCode: z.string(), unitName: z.string(), message: z.string() })),
  files: z.number().int(),
  /** Set once the ZIP is written. */
  downloadUrl: z.string().nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BatchJobDto = z.infer<typeof BatchJobDto>;
