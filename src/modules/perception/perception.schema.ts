import { z } from 'zod';

/** SPKP/SPAK months owned by the inspectorate (DOMAIN 6.1, 6.4-6.6, 6.8). */

const id = z.string().min(1).max(64);
export const YearParams = z.object({ unitId: id, year: z.coerce.number().int().min(2000).max(2100) });
export const MonthParams = YearParams.extend({ month: z.coerce.number().int().min(1).max(12) });
export type MonthParams = z.infer<typeof MonthParams>;

export const RestateMonthBody = z.object({ reason: z.string().trim().min(10).max(2000) });
export const GraceSettingBody = z.object({ graceDays: z.number().int().min(0).max(90) });
export const GraceSettingDto = z.object({ graceDays: z.number().int(), isDefault: z.boolean() });

const Num = z.object({ value: z.number().nullable(), display: z.string() });
const Band = z.object({ code: z.string(), label: z.string() }).nullable();

export const SurveyMonthDto = z.object({
  index: Num,
  converted: Num,
  band: Band,
  elements: z.array(z.object({ code: z.string(), name: z.string(), index: Num, converted: Num, band: z.string().nullable() })),
  /** D23 over the frozen months of the 3-month window ending here. */
  worksheet: z.object({ value: Num, monthsUsed: z.array(z.string()), incomplete: z.boolean() }),
});

export const PerceptionMonthDto = z.object({
  period: z.string().describe('YYYY-MM'),
  year: z.number().int(),
  month: z.number().int(),
  status: z.enum(['open', 'closed', 'frozen']),
  closedAt: z.string().nullable(),
  frozenAt: z.string().nullable(),
  frozenBy: z.string().nullable(),
  /** First local date (unit time zone) on which the month may be frozen: month end + grace period. */
  freezableFrom: z.string(),
  canFreeze: z.boolean(),
  profileCode: z.string().nullable(),
  /** `snapshot` once frozen (full-precision stored values), `live` (provisional) before. */
  source: z.enum(['live', 'snapshot']),
  snapshotVersion: z.number().int().nullable(),
  restated: z.boolean(),
  responses: z.number().int(),
  eligible: z.number().int(),
  selected: z.number().int(),
  spkp: SurveyMonthDto.nullable(),
  spak: SurveyMonthDto.nullable(),
});
export type PerceptionMonthDto = z.infer<typeof PerceptionMonthDto>;

export const PerceptionYearDto = z.object({
  unit: z.object({ id: z.string(), code: z.string(), name: z.string(), timeZone: z.string() }),
  year: z.number().int(),
  graceDays: z.number().int(),
  months: z.array(PerceptionMonthDto),
});
export type PerceptionYearDto = z.infer<typeof PerceptionYearDto>;
