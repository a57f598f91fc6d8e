import type { Db } from '../../db/connection.ts';
import type {
  PerfEntitySettingTable,
  PerfIndicatorTable,
  PerfRealisationTable,
  PerfSasaranTable,
  PerfTargetVersionTable,
} from '../../db/schema.ts';
import { Rational } from '../../domain/core/rational.ts';
import type { PerformanceIndicator, PerformanceInput } from '../../domain/performance/evaluate.ts';
import type { RealisationInput } from '../../domain/performance/formulas.ts';
import type { TargetPattern } from '../../domain/performance/targets.ts';
import * as repo from './performance.repository.ts';
import type { FormulaTypeCode, RealisationEntry } from './performance.schema.ts';
import { type IndicatorFormula, toDomainInput } from './realisation-input.ts';
import { readSkmUnitIkm } from './skm-link.reader.ts';

export const DEFAULT_SETTINGS: Omit<PerfEntitySettingTable, 'unit_id' | 'updated_at' | 'updated_by'> = {
  overall_method: 'mean_of_perspectives',
  aggregation_cap: null,
  efficiency_rows: 'sasaran',
  efficiency_total_method: 'pooled',
};

export const parseMonthly = (json: string): (string | null)[] => JSON.parse(json) as (string | null)[];
const decOrNull = (s: string | null | undefined): Rational | null => (s == null ? null : Rational.parse(s));

export function formulaOf(ind: PerfIndicatorTable): IndicatorFormula {
  const p = JSON.parse(ind.formula_params_json) as { componentMode?: 'exclude' | 'zero'; ordinalScale?: Record<string, string> };
  return {
    formulaType: ind.formula_type as FormulaTypeCode,
    ...(p.componentMode ? { componentMode: p.componentMode } : {}),
    ...(p.ordinalScale ? { ordinalScale: p.ordinalScale } : {}),
  };
}

export interface EvaluationData {
  settings: Omit<PerfEntitySettingTable, 'unit_id' | 'updated_at' | 'updated_by'>;
  input: PerformanceInput;
  indicators: PerfIndicatorTable[];
  sasaran: PerfSasaranTable[];
  versions: Map<string, PerfTargetVersionTable>;
  realisations: PerfRealisationTable[];
  /** Where an skm_pooled indicator's realisation came from. */
  skmLinks: Map<string, { snapshotId: string; frozenAt: string } | null>;
}

/**
 * The domain input of one entity-year from the database: the target version in force (D34), only verified
 * realisations (DOMAIN §8.3), and the SKM snapshot for `skm_pooled` indicators (DOMAIN §9).
 */
export async function loadEvaluationData(db: Db, unitId: string, year: number, entityName: string): Promise<EvaluationData> {
  const [settingsRow, perspectives, sasaran, indicators] = await Promise.all([
    repo.findSettings(db, unitId),
    repo.perspectives(db, unitId),
    repo.sasaranOf(db, unitId, year),
    repo.indicatorsOf(db, unitId, year),
  ]);
  const settings = settingsRow ?? DEFAULT_SETTINGS;
  const [versionRows, realisations] = await Promise.all([
    repo.targetVersions(
      db,
      indicators.map((i) => i.id),
      year,
    ),
    repo.realisationsOf(db, unitId, year),
  ]);
  const versions = new Map(versionRows.filter((v) => v.in_force === 1).map((v) => [v.indicator_id, v]));
  const perspectiveCode = new Map(perspectives.map((p) => [p.id, p.code]));
  const sasaranCode = new Map(sasaran.map((s) => [s.id, s.code]));
  const skmLinks = new Map<string, { snapshotId: string; frozenAt: string } | null>();

  const domainIndicators: PerformanceIndicator[] = [];
  for (const ind of indicators) {
    const v = versions.get(ind.id);
    const f = formulaOf(ind);
    const entries: { month: number; input: RealisationInput }[] = realisations
      .filter((r) => r.indicator_id === ind.id && r.status === 'verified')
      .map((r) => ({ month: r.month, input: toDomainInput(JSON.parse(r.input_json) as RealisationEntry, f) }));
    if (ind.formula_type === 'skm_pooled' && ind.linked_campaign_id) {
      const skm = await readSkmUnitIkm(db, ind.linked_campaign_id, unitId);
      skmLinks.set(ind.id, skm ? { snapshotId: skm.snapshotId, frozenAt: skm.frozenAt } : null);
      if (skm)
        for (let m = ind.linked_from_month ?? 12; m <= 12; m++)
          if (!entries.some((e) => e.month === m)) entries.push({ month: m, input: { kind: 'value', value: skm.value } });
    }
    domainIndicators.push({
      code: ind.code,
      name: ind.name,
      sasaran: sasaranCode.get(ind.sasaran_id) ?? ind.sasaran_id,
      polarity: ind.polarity,
      ...(ind.minimize_formula ? { minimizeFormula: ind.minimize_formula } : {}),
      pattern: ind.target_pattern as TargetPattern,
      monthlyTargets: v ? parseMonthly(v.monthly_json).map(decOrNull) : Array.from({ length: 12 }, () => null),
      annualTarget: v ? decOrNull(v.annual_target) : null,
      weight: Rational.parse(ind.weight),
      realisations: entries.sort((a, b) => a.month - b.month),
    });
  }
  return {
    settings,
    input: {
      entity: {
        name: entityName,
        overallMethod: settings.overall_method,
        aggregationCap: decOrNull(settings.aggregation_cap),
      },
      perspectives: perspectives.map((p) => ({ code: p.code, name: p.name })),
      sasaran: sasaran.map((s) => ({ code: s.code, name: s.name, perspective: perspectiveCode.get(s.perspective_id) ?? '' })),
      indicators: domainIndicators,
    },
    indicators,
    sasaran,
    versions,
    realisations,
    skmLinks,
  };
}
