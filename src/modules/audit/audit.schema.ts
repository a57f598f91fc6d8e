import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Format tanggal YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'Tanggal tidak valid',
  });

const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string().min(1).max(max).optional());

/** Filters of the audit viewer; dates are calendar days in WIB (UTC+7), both ends inclusive. */
export const AuditListQuery = z
  .object({
    unitId: optionalText(100),
    userId: optionalText(100),
    entityType: optionalText(100),
    entityId: optionalText(200),
    from: z.preprocess(emptyToUndefined, isoDate.optional()),
    to: z.preprocess(emptyToUndefined, isoDate.optional()),
    page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(1)),
    pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(50)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'Tanggal akhir sebelum tanggal awal' });
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditEventView = z.object({
  id: z.string(),
  at: z.string(),
  chain: z.string(),
  seq: z.number().int(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  reason: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditList = z.object({ items: z.array(AuditEventView), total: z.number().int() });
export type AuditList = z.infer<typeof AuditList>;

export const ChainProblemView = z.object({
  chain: z.string(),
  seq: z.number().int(),
  problem: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'seq_gap', 'head_mismatch', 'head_missing']),
  /** Human-readable explanation in the request's language. */
  message: z.string().optional(),
});

export const VerifyReport = z.object({
  ok: z.boolean(),
  chains: z.number().int(),
  events: z.number().int(),
  problems: z.array(ChainProblemView),
});
export type VerifyReport = z.infer<typeof VerifyReport>;
