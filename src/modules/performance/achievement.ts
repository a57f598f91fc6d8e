import type { PerfBudgetRowTable, PerfNkaTable } from '../../db/schema.ts';
import type { Band } from '../../domain/core/classification.ts';
import { Rational } from '../../domain/core/rational.ts';
import { formatNumber, toFixedHalfUp } from '../../domain/core/rounding.ts';
import {
  type Allocation,
  budgetFigures,
  percentOf,
  type Rupiah,
  reconcile,
  SPENDING_TYPES,
  type SpendingType,
  spendingTypeTable,
  summariseAllocations,
} from '../../domain/performance/budget.ts';
import { capaian } from '../../domain/performance/capaian.ts';
import { SAKIP_CRITERIA } from '../../domain/performance/criteria.ts';
import { type EfficiencyRowInput, efficiencyTable } from '../../domain/performance/efficiency.ts';
import { evaluatePerformance, type PerformanceResult, realisationAt } from '../../domain/performance/evaluate.ts';
import { ikpa, nka } from '../../domain/performance/nka.ts';
import { monthlyTarget, type Quarter, quarterEndMonth, quarterLabel } from '../../domain/performance/targets.ts';
import type { Locale } from '../../shared/i18n/index.ts';
import type { EvaluationData } from './evaluation-input.ts';

/** A derived number: full precision (12 places, truncated), the half-up 2-dp value and its display form (D36). */
export interface Num {
  value: string;
  rounded: string;
  display: string;
}

export const numOf = (x: Rational | null | undefined, locale: Locale): Num | null =>
  x == null ? null : { value: x.toFixedTruncated(12), rounded: toFixedHalfUp(x, 2), display: formatNumber(locale, x, 2) };

const money = (x: Rupiah | null | undefined): string | null => (x == null ? null : x.toString());

export interface Criterion {
  code: string;
  label: string;
  colour: string | null;
}
const crit = (b: Band | null, locale: Locale): Criterion | null =>
  b === null ? null : { code: b.code, label: locale === 'en' ? (b.labelEn ?? b.label) : b.label, colour: b.colour ?? null };

/** Cumulative ("s.d. bulan") budget rows: the latest month ≤ `month` of each key, summed. */
function cumulativeAt(rows: readonly PerfBudgetRowTable[], month: number): Rupiah | null {
  const eligible = rows.filter((r) => r.month !== null && r.month <= month);
  if (eligible.length === 0) return null;
  const last = Math.max(...eligible.map((r) => r.month as number));
  return eligible.filter((r) => r.month === last).reduce((a, r) => a + BigInt(r.amount), 0n);
}

const isTotal = (r: PerfBudgetRowTable) => r.spending_type === null && r.sasaran_id === null && r.indicator_id === null;

export interface BudgetView {
  rows: PerfBudgetRowTable[];
  sasaranCode: Map<string, string>;
  indicatorCode: Map<string, string>;
  indicatorSasaran: Map<string, string>;
}

function totalRealisationAt(rows: readonly PerfBudgetRowTable[], month: number): Rupiah | null {
  const real = rows.filter((r) => r.kind === 'realisation');
  const byType = real.filter((r) => r.spending_type !== null && r.sasaran_id === null && r.indicator_id === null);
  if (byType.length) {
    const parts = SPENDING_TYPES.map((t) =>
      cumulativeAt(
        byType.filter((r) => r.spending_type === t),
        month,
      ),
    );
    return parts.every((p) => p === null) ? null : parts.reduce<bigint>((a, p) => a + (p ?? 0n), 0n);
  }
  const total = real.filter(isTotal);
  if (total.length) return cumulativeAt(total, month);
  const bySasaran = real.filter((r) => r.sasaran_id !== null && r.indicator_id === null);
  const keys = [...new Set(bySasaran.map((r) => r.sasaran_id))];
  if (keys.length === 0) return null;
  return keys.reduce(
    (a, k) =>
      a +
      (cumulativeAt(
        bySasaran.filter((r) => r.sasaran_id === k),
        month,
      ) ?? 0n),
    0n,
  );
}

function totalPlanAt(rows: readonly PerfBudgetRowTable[], month: number): Rupiah | null {
  const plan = rows.filter((r) => r.kind === 'plan' && r.sasaran_id === null && r.indicator_id === null);
  const exact = plan.filter((r) => r.month === month);
  return exact.length ? exact.reduce((a, r) => a + BigInt(r.amount), 0n) : null;
}

function paguOf(rows: readonly PerfBudgetRowTable[], kind: 'pagu' | 'blocked', type?: SpendingType): Rupiah | null {
  const own = rows.filter((r) => r.kind === kind && r.sasaran_id === null && r.indicator_id === null);
  const pick = type ? own.filter((r) => r.spending_type === type) : own.filter((r) => r.spending_type === null);
  if (pick.length) return pick.reduce((a, r) => a + BigInt(r.amount), 0n);
  if (type) return null;
  const typed = own.filter((r) => r.spending_type !== null);
  return typed.length ? typed.reduce((a, r) => a + BigInt(r.amount), 0n) : null;
}

function figuresJson(f: ReturnType<typeof budgetFigures>, locale: Locale) {
  return {
    pagu: money(f.pagu),
    blocked: money(f.blocked),
    effectivePagu: money(f.effectivePagu),
    realisation: money(f.realisation),
    realisationPct: numOf(f.realisationPct, locale),
    realisationPctNet: numOf(f.realisationPctNet, locale),
    blockedPct: numOf(f.blockedPct, locale),
  };
}

export function budgetSection(view: BudgetView, month: number, result: PerformanceResult, data: EvaluationData, locale: Locale) {
  const rows = view.rows;
  const pagu = paguOf(rows, 'pagu');
  if (pagu === null && rows.length === 0) return { budget: null, efficiency: null };
  const blocked = paguOf(rows, 'blocked') ?? 0n;
  const realisation = totalRealisationAt(rows, month) ?? 0n;
  const total = budgetFigures({ pagu: pagu ?? 0n, blocked, realisation });

  const hasTypes = SPENDING_TYPES.every((t) => paguOf(rows, 'pagu', t) !== null);
  const typeReal = (t: SpendingType) =>
    cumulativeAt(
      rows.filter((r) => r.kind === 'realisation' && r.spending_type === t && r.sasaran_id === null && r.indicator_id === null),
      month,
    ) ?? 0n;
  const bySpendingType = hasTypes
    ? Object.fromEntries(
        Object.entries(
          spendingTypeTable({
            pegawai: {
              pagu: paguOf(rows, 'pagu', 'pegawai') ?? 0n,
              blocked: paguOf(rows, 'blocked', 'pegawai') ?? 0n,
              realisation: typeReal('pegawai'),
            },
            barang: {
              pagu: paguOf(rows, 'pagu', 'barang') ?? 0n,
              blocked: paguOf(rows, 'blocked', 'barang') ?? 0n,
              realisation: typeReal('barang'),
            },
            modal: {
              pagu: paguOf(rows, 'pagu', 'modal') ?? 0n,
              blocked: paguOf(rows, 'blocked', 'modal') ?? 0n,
              realisation: typeReal('modal'),
            },
          }),
        ).map(([k, f]) => [k, figuresJson(f, locale)]),
      )
    : null;

  // Allocations per sasaran / indicator with their cumulative realisation at the period end.
  const realOf = (pred: (r: PerfBudgetRowTable) => boolean) =>
    cumulativeAt(
      rows.filter((r) => r.kind === 'realisation' && pred(r)),
      month,
    );
  const allocations: Allocation[] = rows
    .filter((r) => r.kind === 'allocation')
    .map((r) => {
      const sasaranId = r.indicator_id ? (view.indicatorSasaran.get(r.indicator_id) ?? null) : r.sasaran_id;
      const sasaran = sasaranId ? (view.sasaranCode.get(sasaranId) ?? sasaranId) : '';
      const indicator = r.indicator_id ? (view.indicatorCode.get(r.indicator_id) ?? r.indicator_id) : `sasaran:${sasaran}`;
      const real = r.indicator_id
        ? realOf((x) => x.indicator_id === r.indicator_id)
        : realOf((x) => x.sasaran_id === r.sasaran_id && x.indicator_id === null);
      return {
        indicator,
        sasaran,
        amount: BigInt(r.amount),
        realisation: real ?? 0n,
        ...(r.shared_key ? { sharedKey: r.shared_key } : {}),
      };
    });
  const summary = allocations.length ? summariseAllocations(allocations, total.effectivePagu) : null;
  // Σ per-sasaran/indicator realisation against the programme total (OMSPAN): a few rupiah are reported, not hidden.
  const reconciliation = summary && realisation !== 0n ? reconcile(summary.totalRealisation, realisation) : null;

  const curve = Array.from({ length: 12 }, (_, i) => {
    const m = i + 1;
    const plan = totalPlanAt(rows, m);
    const exactReal = rows.some((r) => r.kind === 'realisation' && r.month === m) ? totalRealisationAt(rows, m) : null;
    return {
      month: m,
      plan: money(plan),
      realisation: m <= month ? money(exactReal) : null,
      planPct: numOf(plan === null ? null : percentOf(plan, total.pagu), locale),
      realisationPct: numOf(exactReal === null || m > month ? null : percentOf(exactReal, total.pagu), locale),
    };
  });

  // D27 efficiency: rows per sasaran (score) or per indicator (annual capaian); total output = overall score.
  let efficiency = null;
  if (summary) {
    const effRows: EfficiencyRowInput[] =
      data.settings.efficiency_rows === 'indicator'
        ? [...new Set(allocations.filter((a) => !a.indicator.startsWith('sasaran:')).map((a) => a.indicator))].map((code) => {
            const own = allocations.filter((a) => a.indicator === code);
            return {
              code,
              output: result.indicators.find((i) => i.code === code)?.capaianAnnual ?? null,
              allocation: own.reduce((a, x) => a + x.amount, 0n),
              realisation: own.reduce((a, x) => a + (x.realisation ?? 0n), 0n),
            };
          })
        : summary.bySasaran.map((s) => ({
            code: s.sasaran,
            output: result.sasaran.find((x) => x.code === s.sasaran)?.score ?? null,
            allocation: s.allocation,
            realisation: s.realisation,
          }));
    const table = efficiencyTable(effRows, {
      totalOutput: result.overall.score,
      totalMethod: data.settings.efficiency_total_method,
    });
    const rowJson = (r: (typeof table.rows)[number]) => ({
      code: r.code,
      output: numOf(r.output, locale),
      input: numOf(r.input, locale),
      ie: numOf(r.ie, locale),
      se: numOf(r.se, locale),
      te: numOf(r.te, locale),
      capaianTe: r.lookup?.capaianTe ?? null,
      category: r.lookup?.category ?? null,
      categoryLabel: r.lookup ? (locale === 'en' ? (r.lookup.band.labelEn ?? r.lookup.band.label) : r.lookup.band.label) : null,
    });
    efficiency = {
      rowsPer: data.settings.efficiency_rows,
      totalMethod: data.settings.efficiency_total_method,
      rows: table.rows.map((r, i) => ({
        ...rowJson(r),
        allocation: money(effRows[i]?.allocation),
        realisation: money(effRows[i]?.realisation),
      })),
      total: {
        ...rowJson(table.total),
        allocation: money(effRows.filter((_, i) => table.rows[i]?.ie !== null).reduce((a, r) => a + r.allocation, 0n)),
        realisation: money(effRows.filter((_, i) => table.rows[i]?.ie !== null).reduce((a, r) => a + r.realisation, 0n)),
      },
    };
  }

  return {
    budget: {
      asOfMonth: month,
      total: figuresJson(total, locale),
      bySpendingType,
      allocations: summary
        ? {
            bySasaran: summary.bySasaran.map((s) => ({
              sasaran: s.sasaran,
              allocation: money(s.allocation),
              realisation: money(s.realisation),
              realisationPct: numOf(percentOf(s.realisation, s.allocation), locale),
              share: numOf(s.share, locale),
            })),
            // Lampiran "anggaran per indikator" (DOMAIN 8.13): the indicator allocations as imported.
            byIndicator: allocations
              .filter((a) => !a.indicator.startsWith('sasaran:'))
              .map((a) => ({
                sasaran: a.sasaran,
                indicator: a.indicator,
                allocation: money(a.amount),
                realisation: money(a.realisation),
                realisationPct: numOf(percentOf(a.realisation ?? 0n, a.amount), locale),
              })),
            totalAllocation: money(summary.totalAllocation),
            totalRealisation: money(summary.totalRealisation),
            shared: summary.shared,
            paguDifference: money(summary.paguDifference),
            realisationDifference: reconciliation ? money(reconciliation.difference) : null,
            reconciled: reconciliation?.reconciled ?? null,
          }
        : null,
      absorptionCurve: curve,
    },
    efficiency,
  };
}

export function nkaSection(rows: readonly PerfNkaTable[], month: number, locale: Locale) {
  return rows
    .filter((r) => r.month <= month)
    .map((r) => {
      const scores = r.ikpa_scores_json
        ? Object.fromEntries(
            Object.entries(JSON.parse(r.ikpa_scores_json) as Record<string, string | null>).map(([k, v]) => [
              k,
              v === null ? null : Rational.parse(v),
            ]),
          )
        : null;
      const ikpaResult = scores ? ikpa(scores) : null;
      const ikpaValue = r.ikpa !== null ? Rational.parse(r.ikpa) : (ikpaResult?.nilaiAkhir ?? null);
      const eka = Rational.parse(r.eka);
      return {
        month: r.month,
        eka: numOf(eka, locale),
        ikpa: numOf(ikpaValue, locale),
        ikpaAspects: ikpaResult
          ? ikpaResult.aspects.map((a) => ({ code: a.code, name: a.name, score: numOf(a.score, locale) }))
          : null,
        nka: numOf(ikpaValue === null ? null : nka(eka, ikpaValue), locale),
        sourceNote: r.source_note,
      };
    });
}

/** The achievement API body for one entity × year × quarter (DOMAIN §8.5-8.8, issue 7 items 5-7). */
export function achievementBody(data: EvaluationData, year: number, quarter: Quarter, locale: Locale) {
  const result = evaluatePerformance(data.input, quarter);
  const previous = quarter > 1 ? evaluatePerformance(data.input, (quarter - 1) as Quarter) : null;
  const month = quarterEndMonth(quarter);
  const byCode = new Map(data.indicators.map((i) => [i.code, i]));

  const indicators = result.indicators.map((r) => {
    const row = byCode.get(r.code);
    const domainInd = data.input.indicators.find((i) => i.code === r.code);
    const prev = previous?.indicators.find((p) => p.code === r.code) ?? null;
    const reasons: string[] = [];
    // "< 80 against the period target" is the criterion band read on the half-up value (D13).
    if (r.criterion?.code === 'tidak') reasons.push('below_80_period');
    if (r.annualCriterion?.code === 'perlu_upaya_keras') reasons.push('needs_hard_effort_annual');
    const version = row ? data.versions.get(row.id) : undefined;
    const series = domainInd
      ? Array.from({ length: month }, (_, i) => {
          const m = i + 1;
          const target = monthlyTarget(
            { pattern: domainInd.pattern, monthlyTargets: domainInd.monthlyTargets, annualTarget: domainInd.annualTarget },
            m,
          );
          const real = realisationAt(domainInd, m).value;
          const opts = {
            polarity: domainInd.polarity,
            ...(domainInd.minimizeFormula ? { minimizeFormula: domainInd.minimizeFormula } : {}),
          };
          const status = data.realisations.find((x) => x.indicator_id === row?.id && x.month === m)?.status ?? null;
          return {
            month: m,
            target: numOf(target, locale),
            realisation: numOf(real, locale),
            capaian: numOf(capaian(real, target, opts).value, locale),
            status,
          };
        })
      : [];
    return {
      id: row?.id ?? null,
      code: r.code,
      name: r.name,
      sasaran: r.sasaran,
      formulaType: row?.formula_type ?? null,
      unitOfMeasure: row?.unit_of_measure ?? null,
      pattern: row?.target_pattern ?? null,
      targetVersion: version ? { id: version.id, source: version.source, version: version.version, label: version.label } : null,
      periodTarget: numOf(r.periodTarget, locale),
      realisation: numOf(r.realisation, locale),
      capaianPeriod: numOf(r.capaianPeriod, locale),
      criterion: crit(r.criterion, locale),
      annualTarget: numOf(r.annualTarget, locale),
      declaredAnnualTarget: numOf(r.declaredAnnualTarget, locale),
      capaianAnnual: numOf(r.capaianAnnual, locale),
      annualCriterion: crit(r.annualCriterion, locale),
      previous: prev ? { capaianPeriod: numOf(prev.capaianPeriod, locale), criterion: crit(prev.criterion, locale) } : null,
      atRisk: reasons.length > 0,
      atRiskReasons: reasons,
      warnings: r.warnings,
      skmSnapshot: row && data.skmLinks.has(row.id) ? (data.skmLinks.get(row.id) ?? null) : undefined,
      series,
    };
  });

  const counts = (c: PerformanceResult['indicatorCounts']) => ({
    ...Object.fromEntries(SAKIP_CRITERIA.bands.map((b) => [b.code, c.counts[b.code] ?? 0])),
    notDeterminable: c.notDeterminable,
  });

  return {
    year,
    quarter,
    quarterLabel: quarterLabel(quarter),
    month,
    result,
    body: {
      year,
      quarter,
      quarterLabel: quarterLabel(quarter),
      throughMonth: month,
      method: result.overall.method,
      indicators,
      sasaran: result.sasaran.map((s) => {
        const prev = previous?.sasaran.find((p) => p.code === s.code) ?? null;
        return {
          code: s.code,
          name: s.name,
          perspective: s.perspective,
          score: numOf(s.score, locale),
          criterion: crit(s.criterion, locale),
          measured: s.measured,
          previousScore: prev ? numOf(prev.score, locale) : null,
        };
      }),
      perspectives: result.perspectives.map((p) => {
        const prev = previous?.perspectives.find((x) => x.code === p.code) ?? null;
        return {
          code: p.code,
          name: p.name,
          score: numOf(p.score, locale),
          criterion: crit(p.criterion, locale),
          previousScore: prev ? numOf(prev.score, locale) : null,
        };
      }),
      overall: {
        method: result.overall.method,
        score: numOf(result.overall.score, locale),
        criterion: crit(result.overall.criterion, locale),
        previousScore: previous ? numOf(previous.overall.score, locale) : null,
      },
      counts: { indicators: counts(result.indicatorCounts), sasaran: counts(result.sasaranCounts) },
      atRisk: indicators.filter((i) => i.atRisk).map((i) => i.code),
    },
  };
}
