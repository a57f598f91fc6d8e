import { z } from 'zod';

export const CAMPAIGN_STATUSES = ['draft', 'targets_set', 'collecting', 'validating', 'reporting', 'closed'] as const;
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** Shipped instrument profiles (DOMAIN 5.2.1); a campaign uses exactly one version (D15). */
export const PROFILE_CODES = ['bpom-2024', 'permenpan-2017', 'spkp-spak-4'] as const;

export const PERIODICITY_LABELS = ['bulan', 'triwulan', 'semester', 'tahun'] as const;

const isoDate = z.iso.date();
const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);

/** Only `http(s)` origins: `new URL()` also accepts `javascript:` (the Formbricks lesson). */
const embedOrigin = z.url({ protocol: /^https?$/ }).transform((v) => new URL(v).origin);

export const CampaignUnitInput = z.object({
  unitId: id,
  /** Services in scope; omitted = every active service of the unit. */
  unitServiceIds: z.array(id).min(1).optional(),
});

export const CreateCampaignBody = z
  .object({
    year: z.number().int().min(2000).max(2100),
    name: text(200),
    profileCode: z.enum(PROFILE_CODES).default('bpom-2024'),
    profileVersion: z.number().int().min(1).default(1),
    circularRef: text(120).optional(),
    circularDate: isoDate.optional(),
    prepServiceDataWindow: text(200).optional(),
    prepTargetWindow: text(200).optional(),
    processingWindow: text(200).optional(),
    collectionStart: isoDate,
    collectionEnd: isoDate,
    validityMatrixDue: isoDate.optional(),
    reportDue: isoDate.optional(),
    periodicityLabel: z.enum(PERIODICITY_LABELS).default('tahun'),
    units: z.array(CampaignUnitInput).min(1).max(500),
    allowEmbedding: z.boolean().default(false),
    embedOrigins: z.array(embedOrigin).max(20).default([]),
    retentionDays: z.number().int().min(30).max(3650).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.collectionEnd < v.collectionStart) {
      ctx.addIssue({ code: 'custom', path: ['collectionEnd'], message: 'Tanggal akhir harus sama atau sesudah tanggal mulai' });
    }
    for (const key of ['validityMatrixDue', 'reportDue'] as const) {
      const d = v[key];
      if (d && d < v.collectionEnd) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'Tenggat harus sesudah akhir pengumpulan data' });
      }
    }
    const seen = new Set<string>();
    v.units.forEach((u, i) => {
      if (seen.has(u.unitId)) ctx.addIssue({ code: 'custom', path: ['units', i, 'unitId'], message: 'Unit tercantum dua kali' });
      seen.add(u.unitId);
    });
  });
export type CreateCampaignInput = z.output<typeof CreateCampaignBody>;

export const TransitionBody = z.object({ to: CampaignStatus });

export const ExtensionBody = z.object({
  newEnd: isoDate,
  reason: text(1000),
  letterRef: text(200),
});
export type ExtensionInput = z.output<typeof ExtensionBody>;

export const TargetOverrideBody = z.object({
  target: z.number().int().min(0).max(1_000_000),
  reason: text(1000),
});

export const CampaignIdParams = z.object({ id });
export const TargetParams = z.object({ id, unitServiceId: id });
export const LinkIdParams = z.object({ id });

export const ListCampaignsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: CampaignStatus.optional(),
});

export const TargetsQuery = z.object({ unitId: id.optional() });

// ---- Responses (documented in OpenAPI) ----

export const ExtensionDto = z.object({
  id: z.string(),
  previousEnd: z.string(),
  newEnd: z.string(),
  reason: z.string(),
  letterRef: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string(),
});

export const CampaignSummaryDto = z.object({
  id: z.string(),
  kind: z.string(),
  year: z.number(),
  name: z.string(),
  profileCode: z.string(),
  profileVersion: z.number(),
  status: CampaignStatus,
  collectionStart: z.string(),
  collectionEnd: z.string(),
  effectiveEnd: z.string(),
  isDemo: z.boolean(),
});
export type CampaignSummaryDto = z.infer<typeof CampaignSummaryDto>;

export const CampaignDto = CampaignSummaryDto.extend({
  circularRef: z.string().nullable(),
  circularDate: z.string().nullable(),
  prepServiceDataWindow: z.string().nullable(),
  prepTargetWindow: z.string().nullable(),
  processingWindow: z.string().nullable(),
  validityMatrixDue: z.string().nullable(),
  reportDue: z.string().nullable(),
  periodicityLabel: z.string(),
  allowEmbedding: z.boolean(),
  embedOrigins: z.array(z.string()),
  retentionDays: z.number().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  /** Next states the campaign may move to (the guards are checked on the transition itself). */
  nextStatuses: z.array(CampaignStatus),
  units: z.array(
    z.object({
      unitId: z.string(),
      code: z.string(),
      name: z.string(),
      type: z.string(),
      target: z.number(),
      services: z.number(),
    }),
  ),
  extensions: z.array(ExtensionDto),
});
export type CampaignDto = z.infer<typeof CampaignDto>;

export const TargetDto = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitServiceId: z.string(),
  serviceName: z.string(),
  prevYearPopulation: z.number().nullable(),
  divisor: z.number(),
  populationPeriod: z.number(),
  computedTarget: z.number(),
  target: z.number(),
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
});
export type TargetDto = z.infer<typeof TargetDto>;

export const TargetsDto = z.object({
  campaignId: z.string(),
  year: z.number(),
  populationYear: z.number(),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), target: z.number() })),
  total: z.number(),
  rows: z.array(TargetDto),
});
export type TargetsDto = z.infer<typeof TargetsDto>;

export const LinkDto = z.object({
  id: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitServiceId: z.string().nullable(),
  serviceName: z.string().nullable(),
  kind: z.enum(['unit', 'service']),
  token: z.string(),
  url: z.string(),
  active: z.boolean(),
  replacedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type LinkDto = z.infer<typeof LinkDto>;

export const LinksDto = z.object({ links: z.array(LinkDto) });

export const RegenerateLinkDto = z.object({
  link: LinkDto,
  replaced: LinkDto,
  /** Always true: printed posters and shared QR codes of the old link stop working. */
  postersInvalidated: z.literal(true),
  warning: z.string(),
});
