import { describe, expect, it } from 'vitest';
import type { Rational } from '../core/rational.ts';
import { formatId, toFixedHalfUp } from '../core/rounding.ts';
import { budgetFigures, percentOf, reconcile, shareOfAllocation, spendingTypeTable, summariseAllocations } from './budget.ts';

const fx = (x: Rational | null) => (x === null ? null : toFixedHalfUp(x));

describe('EX-SK-07 budget (D28)', () => {
  it('effective pagu Sekretariat Utama 2023 = 364.734.836.000 − 18.141.602.000 = 346.593.234.000', () => {
    const b = budgetFigures({ pagu: 364_734_836_000n, blocked: 18_141_602_000n, realisation: 199_204_505_081n });
    expect(b.effectivePagu).toBe(346_593_234_000n);
    expect(formatId(b.effectivePagu, 0)).toBe('346.593.234.000');
    // realisation against the effective pagu, as printed (line 1864)
    expect(fx(b.realisationPctNet)).toBe('57.48');
    expect(fx(b.realisationPct)).toBe('54.62');
  });

  it('share of SP4 = 175.806.344.450 / 346.593.234.000 = 50,72%', () => {
    expect(fx(shareOfAllocation(175_806_344_450n, 346_593_234_000n))).toBe('50.72');
  });

  const serang = {
    pegawai: { pagu: 11_080_000_000n, realisation: 8_003_732_343n },
    barang: { pagu: 14_250_947_000n, blocked: 14_250_947_000n - 12_868_984_000n, realisation: 7_883_735_316n },
    modal: { pagu: 3_611_206_000n, blocked: 3_611_206_000n - 2_513_255_000n, realisation: 2_382_027_748n },
  };

  it('Serang spending types against gross pagu: 72,24 / 55,32 / 65,96 / 63,12', () => {
    const t = spendingTypeTable(serang);
    expect(t.total.pagu).toBe(28_942_153_000n);
    expect(t.total.realisation).toBe(18_269_495_407n);
    expect([t.pegawai, t.barang, t.modal, t.total].map((x) => fx(x.realisationPct))).toEqual([
      '72.24',
      '55.32',
      '65.96',
      '63.12',
    ]);
  });

  it('Serang without self-blocking: 72,24 / 61,26 / 94,78 / 69,04; blocked share 8,57%', () => {
    const t = spendingTypeTable(serang);
    expect(t.total.effectivePagu).toBe(26_462_239_000n);
    expect(t.barang.effectivePagu).toBe(12_868_984_000n);
    expect([t.pegawai, t.barang, t.modal, t.total].map((x) => fx(x.realisationPctNet))).toEqual([
      '72.24',
      '61.26',
      '94.78',
      '69.04',
    ]);
    expect(t.total.blocked).toBe(2_479_914_000n);
    expect(fx(t.total.blockedPct)).toBe('8.57');
  });

  it('zero pagu is n/a, not an error', () => {
    expect(percentOf(5n, 0n)).toBeNull();
  });

  it('allocations: shared lines flagged and counted once; sums reconcile with the pagu', () => {
    const s = summariseAllocations(
      [
        { indicator: '21', sasaran: 'SK6', amount: 1_310_716_000n, realisation: 949_838_641n, sharedKey: 'RO-uji' },
        { indicator: '22', sasaran: 'SK6', amount: 1_310_716_000n, realisation: 949_838_641n, sharedKey: 'RO-uji' },
        { indicator: '23', sasaran: 'SK7', amount: 969_690_000n, realisation: 550_683_362n },
      ],
      2_280_406_000n,
    );
    expect(s.totalAllocation).toBe(2_280_406_000n);
    expect(s.totalRealisation).toBe(1_500_522_003n);
    expect(s.shared).toEqual([{ key: 'RO-uji', indicators: ['21', '22'] }]);
    expect(s.paguDifference).toBe(0n);
    expect(s.bySasaran.map((x) => [x.sasaran, x.allocation])).toEqual([
      ['SK6', 1_310_716_000n],
      ['SK7', 969_690_000n],
    ]);
  });

  it('reconciliation reports a difference of a few rupiah instead of hiding it', () => {
    expect(reconcile(19_946_448_337n, 19_946_448_340n)).toEqual({ difference: -3n, reconciled: false });
  });
});
