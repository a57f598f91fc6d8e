import { z } from 'zod';

/** DOMAIN 5.6 / D6: the only three reasons. */
export const INVALIDATION_REASONS = ['duplicate', 'not_a_customer', 'unclear_identity'] as const;
export const InvalidationReason = z.enum(INVALIDATION_REASONS);
export type InvalidationReason = z.infer<typeof InvalidationReason>;

/** `reinstated` = approved, later reversed (the row keeps its decision and gains the reinstatement). */
export const INVALIDATION_STATUSES = ['pending', 'approved', 'rejected', 'reinstated'] as const;
export const InvalidationStatus = z.enum(INVALIDATION_STATUSES);
export type InvalidationStatus = z.infer<typeof InvalidationStatus>;

const note = z.string().trim().max(1000);

export const ProposeBody = z.object({ reason: InvalidationReason, note: note.optional() });
export type ProposeBody = z.infer<typeof ProposeBody>;
export const InvalidateBody = ProposeBody;
export const RejectBody = z.object({ note: note.min(1) });
export const ApproveBody = z.object({ note: note.optional() }).optional();
export const ReinstateBody = z.object({ reason: z.string().trim().min(3).max(1000) });

export const IdParams = z.object({ id: z.string().min(1).max(64) });

export const InvalidationsQuery = z.object({
  unitId: z.string().min(1).max(64).optional(),
  status: InvalidationStatus.optional(),
});

export const InvalidationDto = z.object({
  id: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  responseId: z.string(),
  seqNo: z.number().int(),
  unitServiceId: z.string(),
  serviceName: z.string(),
  submittedAt: z.string(),
  validity: z.enum(['valid', 'invalidation_proposed', 'invalid']),
  reason: InvalidationReason,
  /** Indonesian label as printed in the validity matrix ("Hasil Evaluasi"). */
  reasonLabel: z.string(),
  note: z.string().nullable(),
  status: InvalidationStatus,
  proposedBy: z.string(),
  proposedByName: z.string().nullable(),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  reinstatedBy: z.string().nullable(),
  reinstatedAt: z.string().nullable(),
  reinstateReason: z.string().nullable(),
});
export type InvalidationDto = z.infer<typeof InvalidationDto>;

export const InvalidationListDto = z.object({ items: z.array(InvalidationDto), total: z.number().int() });
export type InvalidationListDto = z.infer<typeof InvalidationListDto>;
