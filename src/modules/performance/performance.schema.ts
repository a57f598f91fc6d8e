import { z } from 'zod';

/** DOMAIN §8.4 formula types as stored on an indicator (`value`: a plain entered number). */
export const FORMULA_TYPES = [
  'value',
  'ratio',
  'mean_of_component_ratios',
  'stage_progress',
  'weighted_sum',
  'mean_of_parts',
  'mean_of_subunits',
  'skm_pooled',
  'external',
  'ordinal',
] as const;
export type FormulaTypeCode = (typeof FORMULA_TYPES)[number];

export const TARGET_SOURCES = ['renstra', 'renstra_revision', 'rkt', 'pk', 'pk_revision'] as const;
export type TargetSource = (typeof TARGET_SOURCES)[number];
export const PATTERNS = ['cumulative', 'constant', 'year_end', 'biennial', 'progress'] as const;
export const FREQUENCIES = ['monthly', 'quarterly', 'annual', 'biennial'] as const;
export const PK_GROUNDS = ['official_replaced', 'strategy_change', 'priority_change'] as const;
export const VERDICTS = ['agreed', 'agreed_with_justification', 'rejected', 'flat_required'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.union([text(40), z.number().int().nonnegative()]).transform(String);
export const Year = z.coerce.number().int().min(2000).max(2100);
export const Month = z.coerce.number().int().min(1).max(12);
export const Quarter = z.coerce.number().int().min(1).max(4);

/** An exact decimal: a JSON number (through its shortest decimal form) or a decimal string ("91.50" or "91,50"). */
export const Decimal = z
  .union([
    z.number().finite(),
    z
      .string()
      .trim()
      .regex(/^[+-]?\d+([.,]\d+)?$/, 'Angka desimal tidak valid'),
  ])
  .transform((v) => (typeof v === 'number' ? String(v) : v.replace(',', '.')));

/** Whole rupiah, bigint-safe: a digit string or a safe integer. */
export const Rupiah = z
  .union([z.string().trim().regex(/^\d+$/, 'Jumlah rupiah harus bilangan bulat tanpa pemisah'), z.number().int().min(0)])
  .transform((v) => BigInt(v).toString())
  .refine((v) => v.length <= 18, 'Jumlah terlalu besar');

export const Monthly = z.array(Decimal.nullable()).length(12);

/* ---------- realisation entries (DOMAIN §8.3) ---------- */

type PartJson = string | { mean: PartJson[] } | { sum: PartJson[] };
export const PartNodeInput: z.ZodType<PartJson> = z.lazy(() =>
  z.union([Decimal, z.object({ mean: z.array(PartNodeInput).min(1) }), z.object({ sum: z.array(PartNodeInput).min(1) })]),
);

const StageInput = z.object({
  name: z.string().max(200).optional(),
  weight: Decimal,
  fractionDone: Decimal.optional(),
  done: Decimal.optional(),
  of: Decimal.optional(),
});

export const RealisationEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('value'), value: Decimal }),
  z.object({ kind: z.literal('ratio'), numerator: Decimal, denominator: Decimal }),
  z.object({
    kind: z.literal('components'),
    components: z
      .array(
        z.object({
          name: z.string().max(200).optional(),
          numerator: Decimal.nullable().optional(),
          denominator: Decimal.nullable().optional(),
          value: Decimal.nullable().optional(),
        }),
      )
      .min(1)
      .max(50),
  }),
  z.object({
    kind: z.literal('stages'),
    groups: z
      .array(z.object({ name: z.string().max(200).optional(), stages: z.array(StageInput).min(1).max(50) }))
      .min(1)
      .max(50),
  }),
  z.object({
    kind: z.literal('weighted'),
    terms: z
      .array(z.object({ name: z.string().max(200).optional(), weight: Decimal, value: Decimal }))
      .min(1)
      .max(50),
  }),
  z.object({ kind: z.literal('parts'), parts: PartNodeInput }),
  z.object({
    kind: z.literal('subunits'),
    subunits: z
      .array(z.object({ name: z.string().max(200).optional(), value: Decimal.nullable() }))
      .min(1)
      .max(100),
  }),
  z.object({ kind: z.literal('external'), value: Decimal, asOf: z.iso.date(), source: z.string().max(300).optional() }),
  z.object({ kind: z.literal('ordinal'), label: text(40) }),
  z.object({ kind: z.literal('not_measured'), reason: text(300) }),
]);
export type RealisationEntry = z.output<typeof RealisationEntry>;

export const Evidence = z.object({ label: text(200), url: z.url({ protocol: /^https?$/ }).optional() });

export const RealisationBody = z.object({
  input: RealisationEntry,
  evidence: z.array(Evidence).max(20).default([]),
  obstacles: z.string().max(4000).optional(),
  note: z.string().max(4000).optional(),
});
export type RealisationBody = z.output<typeof RealisationBody>;

export const RealisationImportBody = z.object({
  year: Year,
  entries: z
    .array(RealisationBody.extend({ indicator: code, month: Month }))
    .min(1)
    .max(2000),
  /** Submit for verification straight away (the usual path for a monthly upload). */
  submit: z.boolean().default(true),
});
export type RealisationImportBody = z.output<typeof RealisationImportBody>;

export const VerifyBody = z.object({
  decision: z.enum(['verified', 'needs_revision']),
  note: z.string().max(2000).optional(),
});

export const BulkVerifyBody = z.object({
  year: Year,
  months: z.array(Month).min(1).max(12).optional(),
  note: z.string().max(2000).optional(),
});

/* ---------- plan (DOMAIN §8.1-8.2) ---------- */

export const SettingsBody = z.object({
  overallMethod: z.enum(['mean_of_perspectives', 'mean_of_sasaran']),
  aggregationCap: Decimal.nullable().default(null),
  efficiencyRows: z.enum(['sasaran', 'indicator']).default('sasaran'),
  efficiencyTotalMethod: z.enum(['pooled', 'mean_of_all_rows']).default('pooled'),
});
export type SettingsBody = z.output<typeof SettingsBody>;

export const PerspectiveBody = z.object({ code: text(40), name: text(200), sortOrder: z.number().int().default(0) });
export type PerspectiveBody = z.output<typeof PerspectiveBody>;

export const SasaranBody = z.object({
  code: code,
  name: text(500),
  perspective: text(40),
  level: z.enum(['strategis', 'program', 'kegiatan']).default('program'),
  sortOrder: z.number().int().default(0),
  validFromYear: Year,
  validToYear: Year.nullable().default(null),
});
export type SasaranBody = z.output<typeof SasaranBody>;

export const FormulaParams = z
  .object({
    componentMode: z.enum(['exclude', 'zero']).optional(),
    ordinalScale: z.record(z.string(), Decimal).optional(),
  })
  .default({});

export const TargetVersionBody = z.object({
  year: Year,
  source: z.enum(TARGET_SOURCES),
  label: z.string().max(60).optional(),
  annualTarget: Decimal.nullable(),
  monthly: Monthly,
  budget: Rupiah.nullable().default(null),
  documentRef: z.string().max(200).optional(),
  /** Renstra/RKT values are kept for reference; PK/RAPK versions are put in force by default (D34). */
  inForce: z.boolean().optional(),
});
export type TargetVersionBody = z.output<typeof TargetVersionBody>;

export const IndicatorBody = z.object({
  code: code,
  name: text(500),
  sasaran: code,
  unitOfMeasure: z.enum(['%', 'index', 'count', 'ordinal', 'points']).default('%'),
  polarity: z.enum(['maximize', 'minimize']).default('maximize'),
  minimizeFormula: z.enum(['two_minus_ratio', 'target_over_realisation']).optional(),
  formulaType: z.enum(FORMULA_TYPES),
  formulaParams: FormulaParams,
  frequency: z.enum(FREQUENCIES).default('monthly'),
  pattern: z.enum(PATTERNS),
  dataSource: z.string().max(500).optional(),
  responsibleTeam: z.string().max(200).optional(),
  weight: Decimal.default('1'),
  parent: code.optional(),
  /** The indicator of an earlier plan period this one renames or replaces (id, or its code in an earlier year). */
  predecessor: code.optional(),
  linkedCampaignId: z.string().max(64).optional(),
  linkedFromMonth: Month.optional(),
  sortOrder: z.number().int().default(0),
  validFromYear: Year,
  validToYear: Year.nullable().default(null),
  targets: z.array(TargetVersionBody).max(10).default([]),
});
export type IndicatorBody = z.output<typeof IndicatorBody>;

export const IndicatorPatchBody = IndicatorBody.omit({ code: true, targets: true, validFromYear: true }).partial();
export type IndicatorPatchBody = z.output<typeof IndicatorPatchBody>;

export const PlanImportBody = z.object({
  year: Year,
  settings: SettingsBody.optional(),
  perspectives: z.array(PerspectiveBody).min(1).max(10),
  sasaran: z
    .array(SasaranBody.omit({ validFromYear: true }).extend({ validFromYear: Year.optional() }))
    .min(1)
    .max(100),
  indicators: z
    .array(IndicatorBody.omit({ validFromYear: true }).extend({ validFromYear: Year.optional() }))
    .min(1)
    .max(300),
});
export type PlanImportBody = z.output<typeof PlanImportBody>;

export const PlanReviewBody = z.object({
  decision: z.enum(['approved', 'needs_revision']),
  note: z.string().max(2000).optional(),
});

/* ---------- target revision (DOMAIN §8.11) ---------- */

export const RevisionRequestBody = z.object({
  year: Year,
  letterNo: z.string().max(120).optional(),
  letterDate: z.iso.date().optional(),
  pkRevisionGround: z.enum(PK_GROUNDS).optional(),
  lines: z
    .array(
      z.object({
        indicator: code,
        proposedAnnual: Decimal.nullable().optional(),
        proposedMonthly: Monthly,
        justification: text(4000),
      }),
    )
    .min(1)
    .max(100),
});
export type RevisionRequestBody = z.output<typeof RevisionRequestBody>;

export const RevisionDecisionBody = z.object({
  reviewLetterNo: z.string().max(120).optional(),
  lines: z
    .array(z.object({ lineNo: z.number().int().min(1), verdict: z.enum(VERDICTS), note: z.string().max(2000).optional() }))
    .min(1)
    .max(100),
});
export type RevisionDecisionBody = z.output<typeof RevisionDecisionBody>;

/* ---------- budget (DOMAIN §8.9) and NKA (§8.12) ---------- */

export const BUDGET_KINDS = ['pagu', 'blocked', 'allocation', 'plan', 'realisation'] as const;
export const SPENDING = ['pegawai', 'barang', 'modal'] as const;

export const BudgetRowInput = z.object({
  kind: z.enum(BUDGET_KINDS),
  month: Month.optional(),
  spendingType: z.enum(SPENDING).optional(),
  sasaran: code.optional(),
  indicator: code.optional(),
  sharedKey: z.string().max(120).optional(),
  amount: Rupiah,
  note: z.string().max(500).optional(),
});
export type BudgetRowInput = z.output<typeof BudgetRowInput>;

export const BudgetImportBody = z.object({ year: Year, rows: z.array(BudgetRowInput).min(1).max(5000) });
export type BudgetImportBody = z.output<typeof BudgetImportBody>;

export const NkaBody = z
  .object({
    eka: Decimal,
    ikpa: Decimal.optional(),
    /** The eight IKPA indicator scores (DOMAIN §8.12); IKPA is computed from them when given. */
    ikpaScores: z.record(z.string(), Decimal.nullable()).optional(),
    sourceNote: z.string().max(500).optional(),
  })
  .refine((v) => v.ikpa !== undefined || v.ikpaScores !== undefined, { message: 'ikpa atau ikpaScores wajib', path: ['ikpa'] });
export type NkaBody = z.output<typeof NkaBody>;

/* ---------- params/query ---------- */

export const UnitParams = z.object({ unitId: z.string().min(1).max(64) });
export const IdParams = z.object({ id: z.string().min(1).max(64) });
export const UnitYearParams = UnitParams.extend({ year: Year });
export const UnitPeriodParams = UnitParams.extend({ year: Year, quarter: Quarter });
export const UnitYearMonthParams = UnitParams.extend({ year: Year, month: Month });
export const RealisationParams = z.object({ id: z.string().min(1).max(64), year: Year, month: Month });
export const YearQuery = z.object({ year: Year });
export const AchievementQuery = z.object({ year: Year, quarter: Quarter });
