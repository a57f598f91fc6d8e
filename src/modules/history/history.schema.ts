import { z } from 'zod';

/**
 * A value as printed in a published report: `91,50`, `91.50`, `89` or a JSON number (DOMAIN 0.2:
 * importers accept both decimal separators). The service parses it exactly and names a bad one in
 * the user's language.
 */
export const PublishedValue = z.union([z.number(), z.string().trim().max(20)]);
export type PublishedValue = z.infer<typeof PublishedValue>;

export const HistorySkmBody = z.object({
  unitId: z.string().min(1).max(64),
  year: z.number().int().min(2000).max(2100),
  /** Element values U1…U9 as published; empty when only the unit index was printed (e.g. Tarakan 2021/2022). */
  elements: z
    .array(z.object({ code: z.string().trim().min(1).max(8), value: PublishedValue }))
    .max(20)
    .default([]),
  unitIndex: PublishedValue.nullable().optional(),
  /** The unit's IKM target for that year, when one was stated. */
  ikmTarget: PublishedValue.nullable().optional(),
  /** Where the values come from (document, page or lines). */
  source: z.string().trim().min(3).max(500),
  /** Required when the year already has a published version (restatement, D30). */
  reason: z.string().trim().min(3).max(1000).optional(),
});
export type HistorySkmBody = z.infer<typeof HistorySkmBody>;

export const UnitIdParams = z.object({ id: z.string().min(1).max(64) });

const PublishedDto = z.object({ code: z.string(), value: z.string(), grade: z.string().nullable() });

export const YearOverYearDto = z.object({
  code: z.string(),
  previous: z.string().nullable(),
  current: z.string().nullable(),
  delta: z.string().nullable(),
  label: z.enum(['Naik', 'Turun', 'Tetap']).nullable(),
});

export const HistoryYearDto = z.object({
  snapshotId: z.string(),
  unitId: z.string(),
  year: z.number(),
  version: z.number(),
  versions: z.number(),
  elements: z.array(PublishedDto),
  /** Values are 2-decimal strings with a dot (`88.47`); clients format them (`88,47`). */
  unitIndex: z.string().nullable(),
  unitGrade: z.string().nullable(),
  ikmTarget: z.string().nullable(),
  source: z.string().nullable(),
  frozenAt: z.string(),
  frozenBy: z.string().nullable(),
  supersedesId: z.string().nullable(),
  restatementReason: z.string().nullable(),
  /** D19 against the previous year's published values, when that year has them. */
  yearOverYear: z.array(YearOverYearDto),
});
export type HistoryYearDto = z.infer<typeof HistoryYearDto>;

export const HistoryListDto = z.object({ items: z.array(HistoryYearDto), total: z.number() });
export type HistoryListDto = z.infer<typeof HistoryListDto>;
