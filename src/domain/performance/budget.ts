import { Rational } from '../core/rational.ts';

/** Money is whole rupiah (DOMAIN §4.2); percentages are exact Rationals on the 0-100 scale. */
export type Rupiah = bigint;

const HUNDRED = Rational.of(100);

/** `part / whole × 100`, n/a when the whole is 0. */
export function percentOf(part: Rupiah, whole: Rupiah): Rational | null {
  return whole === 0n ? null : Rational.of(part, whole).mul(HUNDRED);
}

export interface BudgetLine {
  pagu: Rupiah;
  blocked?: Rupiah;
  realisation: Rupiah;
}

export interface BudgetFigures {
  pagu: Rupiah;
  blocked: Rupiah;
  effectivePagu: Rupiah;
  realisation: Rupiah;
  /** Against gross pagu (shown). */
  realisationPct: Rational | null;
  /** Against pagu net of blocking ("tanpa self-blocking"). */
  realisationPctNet: Rational | null;
  blockedPct: Rational | null;
}

/** DOMAIN §8.9 (D28): keep gross pagu and blocked amounts; show both percentages. */
export function budgetFigures(line: BudgetLine): BudgetFigures {
  const blocked = line.blocked ?? 0n;
  const effectivePagu = line.pagu - blocked;
  return {
    pagu: line.pagu,
    blocked,
    effectivePagu,
    realisation: line.realisation,
    realisationPct: percentOf(line.realisation, line.pagu),
    realisationPctNet: percentOf(line.realisation, effectivePagu),
    blockedPct: percentOf(blocked, line.pagu),
  };
}

export type SpendingType = 'pegawai' | 'barang' | 'modal';
export const SPENDING_TYPES: readonly SpendingType[] = ['pegawai', 'barang', 'modal'];

/** Rows PAGU / REALISASI / PERSENTASE × columns PEGAWAI / BARANG / MODAL / TOTAL. */
export function spendingTypeTable(
  lines: Readonly<Record<SpendingType, BudgetLine>>,
): Record<SpendingType | 'total', BudgetFigures> {
  const total: BudgetLine = {
    pagu: SPENDING_TYPES.reduce((a, t) => a + lines[t].pagu, 0n),
    blocked: SPENDING_TYPES.reduce((a, t) => a + (lines[t].blocked ?? 0n), 0n),
    realisation: SPENDING_TYPES.reduce((a, t) => a + lines[t].realisation, 0n),
  };
  return {
    pegawai: budgetFigures(lines.pegawai),
    barang: budgetFigures(lines.barang),
    modal: budgetFigures(lines.modal),
    total: budgetFigures(total),
  };
}

export function shareOfAllocation(allocation: Rupiah, totalAllocation: Rupiah): Rational | null {
  return percentOf(allocation, totalAllocation);
}

export interface Allocation {
  indicator: string;
  sasaran: string;
  amount: Rupiah;
  realisation?: Rupiah;
  /** Budget lines (RO/MAK) shared by several indicators carry the same key: counted once in totals. */
  sharedKey?: string;
}

export interface AllocationSummary {
  bySasaran: { sasaran: string; allocation: Rupiah; realisation: Rupiah; share: Rational | null }[];
  totalAllocation: Rupiah;
  totalRealisation: Rupiah;
  shared: { key: string; indicators: string[] }[];
  /** totalAllocation − pagu; 0 when the allocations reconcile with the programme pagu. */
  paguDifference: Rupiah | null;
}

/** §8.9: per-sasaran sums, shared lines flagged and counted once, reconciliation with the pagu. */
export function summariseAllocations(allocations: readonly Allocation[], pagu?: Rupiah): AllocationSummary {
  const seen = new Map<string, string[]>();
  let totalAllocation = 0n;
  let totalRealisation = 0n;
  for (const a of allocations) {
    if (a.sharedKey !== undefined) {
      const list = seen.get(a.sharedKey);
      if (list) {
        list.push(a.indicator);
        continue;
      }
      seen.set(a.sharedKey, [a.indicator]);
    }
    totalAllocation += a.amount;
    totalRealisation += a.realisation ?? 0n;
  }
  const sasaranCodes = [...new Set(allocations.map((a) => a.sasaran))];
  const bySasaran = sasaranCodes.map((s) => {
    const own = allocations.filter((a) => a.sasaran === s);
    const keys = new Set<string>();
    let allocation = 0n;
    let realisation = 0n;
    for (const a of own) {
      if (a.sharedKey !== undefined) {
        if (keys.has(a.sharedKey)) continue;
        keys.add(a.sharedKey);
      }
      allocation += a.amount;
      realisation += a.realisation ?? 0n;
    }
    return { sasaran: s, allocation, realisation, share: shareOfAllocation(allocation, totalAllocation) };
  });
  return {
    bySasaran,
    totalAllocation,
    totalRealisation,
    shared: [...seen.entries()].filter(([, v]) => v.length > 1).map(([key, indicators]) => ({ key, indicators })),
    paguDifference: pagu === undefined ? null : totalAllocation - pagu,
  };
}

/** Realisation totals against the OMSPAN total: a difference of a few rupiah is reported, not hidden. */
export function reconcile(total: Rupiah, omspanTotal: Rupiah): { difference: Rupiah; reconciled: boolean } {
  const difference = total - omspanTotal;
  return { difference, reconciled: difference === 0n };
}
