import { z } from 'zod';

/** The holiday calendar behind the working days of the Laporan SKM timeline (BAB II 2.4). */

// Ids are plain tokens: a NUL or other control character must never reach SQL (PostgreSQL rejects it).
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id');

export const HolidayQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Adds that unit's regional holidays to the national ones. */
  unitId: id.optional(),
});
export type HolidayQuery = z.infer<typeof HolidayQuery>;

export const HolidayBody = z.object({
  date: z.iso.date(),
  name: z.string().trim().min(3).max(200),
  /** Absent or null: a national holiday (every unit). */
  unitId: id.nullable().optional(),
});
export type HolidayBody = z.infer<typeof HolidayBody>;

export const HolidayParams = z.object({ id });
export const HolidayRemovalBody = z.object({ reason: z.string().trim().min(5).max(1000) });

export const HolidayDto = z.object({
  id: z.string(),
  date: z.string(),
  name: z.string(),
  unitId: z.string().nullable(),
  national: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type HolidayDto = z.infer<typeof HolidayDto>;

export const HolidayListDto = z.object({ items: z.array(HolidayDto), total: z.number().int() });
export const HolidayRemovedDto = z.object({ id: z.string(), removed: z.literal(true) });
