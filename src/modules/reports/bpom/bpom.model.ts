import { Rational } from '../../../domain/core/rational.ts';
import { formatNumber } from '../../../domain/core/rounding.ts';
import type { Locale } from '../../../shared/i18n/index.ts';
import { parsePublished } from '../../history/history.service.ts';

/**
 * The Laporan SKM BPOM (DOMAIN 5.13.4) as data: every figure is a display copy taken from the results
 * service (the dashboard's own numbers), so the document cannot disagree with the dashboard.
 */

export interface NumView {
  value: number | null;
  display: string;
}
export interface GradeView {
  code: string;
  label: string;
}
export interface ScopeView {
  target: number;
  submitted: number;
  valid: number;
  counted: number;
  ikm: NumView;
  grade: GradeView | null;
  ci95: { display: string };
  elements: { code: string; name: string; value: NumView; grade: GradeView | null }[];
}

export interface RtlRow {
  elements: string;
  actionText: string;
  timeline: string | null;
  pic: string | null;
  done: boolean;
}

export interface BpomUnitRow {
  unitId: string;
  code: string;
  name: string;
  /** "Balai Besar POM", "Loka POM", "Unit Pusat" … */
  typeLabel: string;
  scope: ScopeView;
  services: (ScopeView & { serviceName: string })[];
  /** The unit's IKM target for the year as published (2 decimals, `90.00`), when one was set. */
  ikmTarget: string | null;
  rtl: RtlRow[];
}

export interface BpomReportModel {
  locale: Locale;
  campaign: { id: string; name: string; year: number; status: string };
  /** Live figures of a campaign not yet closed: the document is marked "Sementara". */
  provisional: boolean;
  snapshotVersion: number | null;
  elements: { code: string; name: string }[];
  bpom: ScopeView;
  units: BpomUnitRow[];
  /** `YYYY-MM-DD` (local date of generation). */
  generatedOn: string;
}

/** Jenis UPP from the org-unit type (DOMAIN 2.1). */
export function unitTypeLabel(type: string, locale: Locale): string {
  const id: Record<string, string> = { bbpom: 'Balai Besar POM', bpom: 'Balai POM', loka: 'Loka POM' };
  const en: Record<string, string> = { bbpom: 'Balai Besar POM', bpom: 'Balai POM', loka: 'Loka POM' };
  return (locale === 'en' ? en : id)[type] ?? (locale === 'en' ? 'Central unit' : 'Unit Pusat');
}

/** Print order: central units, then Balai Besar, Balai and Loka POM; by name inside each group. */
export const UNIT_TYPE_ORDER = (type: string): number => ({ bbpom: 1, bpom: 2, loka: 3 })[type] ?? 0;

export interface TargetComparison {
  below: boolean;
  /** IKM − target on published values (D19 spirit: compare what was printed). */
  gap: string;
}

/**
 * A unit is below its target when its published (half-up 2-decimal) IKM is lower than the target
 * (D1: compare and classify the rounded value). Null when either is missing.
 */
export function compareWithTarget(ikmDisplay: string, target: string | null, locale: Locale): TargetComparison | null {
  if (target === null) return null;
  const ikm = parsePublished(ikmDisplay);
  const tgt = parsePublished(target);
  if (!ikm || !tgt) return null;
  const gap = ikm.sub(tgt);
  const sign = gap.gt(Rational.ZERO) ? '+' : '';
  return { below: ikm.lt(tgt), gap: `${sign}${formatNumber(locale, gap)}` };
}
