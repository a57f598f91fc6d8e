import { z } from 'zod';
import { Quarter, Year } from './performance.schema.ts';

/**
 * The written parts of the LAPKIN (DOMAIN 8.13). Numbers and tables are never typed: they are generated from
 * the achievement service. `carryOver` sections (BAB I, the Renstra text, indicator definitions) change rarely:
 * when a period has none, the latest earlier text is shown and used, marked as inherited.
 */
export const NARRATIVE_SECTIONS = {
  entity: [
    { key: 'foreword', carryOver: false },
    { key: 'summaryFactors', carryOver: false },
    { key: 'background', carryOver: true },
    { key: 'tasksFunctions', carryOver: true },
    { key: 'organisation', carryOver: true },
    { key: 'humanResources', carryOver: true },
    { key: 'strategicIssues', carryOver: true },
    { key: 'strategicPlan', carryOver: true },
    { key: 'budgetEfforts', carryOver: false },
    { key: 'efficiencyNotes', carryOver: false },
    { key: 'conclusions', carryOver: false },
    { key: 'recommendations', carryOver: false },
  ],
  sasaran: [
    { key: 'analysis', carryOver: false },
    { key: 'justification', carryOver: false },
  ],
  indicator: [
    { key: 'definition', carryOver: true },
    { key: 'analysis', carryOver: false },
    { key: 'causes', carryOver: false },
    { key: 'obstacles', carryOver: false },
    { key: 'followUp', carryOver: false },
  ],
} as const;

export type NarrativeScope = keyof typeof NARRATIVE_SECTIONS;
export const NARRATIVE_SCOPES = ['entity', 'sasaran', 'indicator'] as const satisfies readonly NarrativeScope[];
export const sectionKeys = (scope: NarrativeScope): readonly string[] => NARRATIVE_SECTIONS[scope].map((s) => s.key);
export const isCarryOver = (scope: NarrativeScope, key: string): boolean =>
  NARRATIVE_SECTIONS[scope].some((s) => s.key === key && s.carryOver);

export const NarrativeParams = z.object({ unitId: z.string().min(1).max(64), year: Year, quarter: Quarter });

export const NarrativeBody = z.object({
  scope: z.enum(NARRATIVE_SCOPES),
  /** The sasaran or indicator code of that year; omitted for the entity. */
  code: z
    .union([z.string().trim().min(1).max(40), z.number().int().nonnegative()])
    .transform(String)
    .optional(),
  section: z.string().trim().min(1).max(40),
  /** Plain text; blank lines separate paragraphs, lines starting with "- " are list items. Empty clears it. */
  text: z.string().max(20000),
  /** The version the editor started from: 0 for a section never saved in this period. */
  version: z.number().int().min(0),
});
export type NarrativeBody = z.output<typeof NarrativeBody>;
