/*
 * EX-ME-01..06 on the vendored Lampiran 1 / Lampiran 2 of the Inspektorat Utama M&E report, semester I 2022
 * (resources/data/me-rtl-2022-summary.tsv and me-rtl-2022-items.tsv; see resources/data/README.md).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mean, Rational } from '../core/rational.ts';
import { toFixedHalfUp } from '../core/rounding.ts';
import {
  type ActionItem,
  appreciationLists,
  checkTimelines,
  keterangan,
  missingResponses,
  pooledBy,
  pooledSummary,
  type RecommendationAssignment,
  recommendationCounts,
  type UnitSummary,
  unitSummary,
} from './metrics.ts';

function readTsv(name: string): Record<string, string>[] {
  const text = readFileSync(fileURLToPath(new URL(`../../../resources/data/${name}`, import.meta.url)), 'utf8');
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.length > 0);
  const cols = (header as string).split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

const fx = (x: Rational | null) => (x === null ? null : toFixedHalfUp(x));

const summaryRows = readTsv('me-rtl-2022-summary.tsv');
const unitRows = summaryRows.filter((r) => r.no !== 'TOTAL');
const totalRow = summaryRows.find((r) => r.no === 'TOTAL') as Record<string, string>;
const itemRows = readTsv('me-rtl-2022-items.tsv');
// The 253 actions Lampiran 1 counts: leave out the 2 empty placeholders and the 9 additional Jember items.
const countedRows = itemRows.filter((r) => !/placeholder|beyond/.test(r.note ?? ''));

/** Summaries exactly as recorded in Lampiran 1 (imported history keeps the recorded jru, D21). */
const recorded: (UnitSummary & { type: string; name: string })[] = unitRows.map((r) => {
  const jra = Number(r.jumlah_rencana_aksi);
  const closed = Number(r.jumlah_sesuai);
  return {
    unitId: r.no as string,
    name: r.unit as string,
    type: r.unit_type as string,
    jr: Number(r.jumlah_rekomendasi),
    jru: Number(r.jumlah_rencana_aksi_upp),
    jra,
    closedCount: closed,
    pct: jra === 0 ? null : Rational.of(closed, jra).mul(100),
    missingRecommendations: [],
    openElements: [],
    openWithoutElement: 0,
  };
});

// EX-ME-05: recommendation 1 went to Dit. PMPU OTSKK and Loka POM di Kota Baubau; every other unit with two
// recommendations had recommendation 2; recommendation 3 went to all 63.
const REC1_UNITS = ['Direktorat Pemberdayaan Masyarakat dan Pelaku Usaha Obat Tradisional', 'Loka POM di Kota Baubau'];
const assignments: RecommendationAssignment[] = unitRows.flatMap((r) => {
  const list: RecommendationAssignment[] = [{ unitId: r.no as string, recommendationNo: 3 }];
  if (Number(r.jumlah_rekomendasi) === 2)
    list.push({ unitId: r.no as string, recommendationNo: REC1_UNITS.some((u) => (r.unit as string).startsWith(u)) ? 1 : 2 });
  return list;
});

const actions: ActionItem[] = countedRows.map((r) => ({
  unitId: r.unit_no as string,
  recommendationNo: Number(r.rec_no),
  elementCodes: (r.element_codes ?? '')
    .split('+')
    .map((c) => c.replace('?', '').trim())
    .filter((c) => /^U\d+$/.test(c)),
  timeline: r.timeline ?? null,
  status: (r.status ?? '').toLowerCase() === 'close' ? 'close' : 'open',
}));

const derived = unitRows.map((r) => ({
  ...unitSummary(r.no as string, assignments, actions),
  type: r.unit_type as string,
  name: r.unit as string,
}));

describe('fixture sanity', () => {
  it('63 units, 264 status cells, 253 counted actions', () => {
    expect(unitRows).toHaveLength(63);
    expect(itemRows).toHaveLength(264);
    expect(countedRows).toHaveLength(253);
  });
});

describe('EX-ME-01 Lampiran 1 totals (D12)', () => {
  const total = pooledSummary(recorded);

  it('Σ JR 87, Σ JRU 83, Σ JRA 253, Σ Close 228, overall 90,12%', () => {
    expect(total.jr).toBe(87);
    expect(total.jru).toBe(83);
    expect(total.jra).toBe(253);
    expect(total.closedCount).toBe(228);
    expect(fx(total.pct)).toBe('90.12');
    expect(total.pct && toFixedHalfUp(total.pct, 4)).toBe('90.1186');
    expect(fx(total.pct)).toBe(Number(totalRow.persentase_doc).toFixed(2));
  });

  it('must NOT produce the mean of the 63 unit percentages (88,70)', () => {
    const meanOfUnits = mean(recorded.map((s) => s.pct as Rational));
    expect(fx(meanOfUnits)).toBe('88.70');
    expect(fx(total.pct)).not.toBe('88.70');
  });

  it('the same totals follow from the 253 action rows; the derived JRU is 85 (D21), the recorded 83 is kept on import', () => {
    const fromActions = pooledSummary(derived);
    expect(fromActions.jr).toBe(87);
    expect(fromActions.jra).toBe(253);
    expect(fromActions.closedCount).toBe(228);
    expect(fx(fromActions.pct)).toBe('90.12');
    expect(fromActions.jru).toBe(85);
    const keepRecorded = unitRows.map((r) =>
      unitSummary(r.no as string, assignments, actions, { recordedJru: Number(r.jumlah_rencana_aksi_upp) }),
    );
    expect(pooledSummary(keepRecorded).jru).toBe(83);
  });
});

describe('EX-ME-02 unit percentages', () => {
  it.each([
    ['17', 3, 1, '33.33'],
    ['20', 4, 3, '75.00'],
    ['37', 6, 6, '100.00'],
    ['43', 6, 5, '83.33'],
    ['52', 7, 5, '71.43'],
    ['58', 3, 0, '0.00'],
  ])('row %s: %i actions, %i closed -> %s', (no, jra, closed, pct) => {
    const s = derived.find((x) => x.unitId === no) as UnitSummary;
    expect(s.jra).toBe(jra);
    expect(s.closedCount).toBe(closed);
    expect(fx(s.pct)).toBe(pct);
  });

  it('all 63 printed percentages recompute exactly from the action rows', () => {
    for (const r of unitRows) expect(fx(derived.find((x) => x.unitId === r.no)?.pct ?? null)).toBe(r.persentase_doc);
  });

  it('distribution: 100,00 ×46; 66,67 ×7; 75,00 ×4; 33,33 ×2; 0,00 ×2; 83,33 ×1; 71,43 ×1', () => {
    const dist: Record<string, number> = {};
    for (const s of derived) dist[fx(s.pct) as string] = (dist[fx(s.pct) as string] ?? 0) + 1;
    expect(dist).toEqual({ '100.00': 46, '66.67': 7, '75.00': 4, '33.33': 2, '0.00': 2, '83.33': 1, '71.43': 1 });
  });
});

describe('EX-ME-03 pooled group percentages', () => {
  const groups = Object.fromEntries(
    pooledBy(recorded, (s) => (s as (typeof recorded)[number]).type).map((g) => [g.key, g.summary]),
  );
  it.each([
    ['Pusat', 15, 22, 22, 67, 61, '91.04', 11],
    ['Balai Besar POM', 21, 28, 27, 78, 73, '93.59', 17],
    ['Balai POM', 13, 22, 19, 62, 58, '93.55', 9],
    ['Loka POM', 14, 15, 15, 46, 36, '78.26', 9],
  ])('%s', (type, units, jr, jru, jra, closed, pct, at100) => {
    const g = groups[type];
    expect(g).toMatchObject({ units, jr, jru, jra, closedCount: closed, unitsAt100: at100 });
    expect(fx(g?.pct ?? null)).toBe(pct);
  });
});

describe('EX-ME-04 appreciation and follow-up lists (D21)', () => {
  const lists = appreciationLists(derived);
  it('46 units at 100,00% with no missing response; 17 on the follow-up list', () => {
    expect(lists.appreciation).toHaveLength(46);
    expect(lists.followUp.map((s) => Number(s.unitId))).toEqual([
      3, 5, 11, 13, 17, 18, 20, 28, 38, 39, 42, 43, 50, 52, 55, 58, 62,
    ]);
  });

  it('Batam (39) and Kendari (42) are flagged with one missing response (recommendation 2) and stay at 66,67', () => {
    expect(missingResponses(derived)).toEqual([
      { unitId: '39', recommendationNo: 2 },
      { unitId: '42', recommendationNo: 2 },
    ]);
    for (const no of ['39', '42']) {
      const s = derived.find((x) => x.unitId === no) as UnitSummary;
      expect(s.jra).toBe(3);
      expect(fx(s.pct)).toBe('66.67');
      expect(keterangan(s)).toMatch(/rekomendasi 2/);
    }
    expect(pooledSummary(derived)).toMatchObject({ unitsWithMissing: 2, missingResponses: 2 });
  });

  it('a unit at 100% with a missing response would not be on the appreciation list', () => {
    const s = { ...(derived.find((x) => x.unitId === '1') as UnitSummary), missingRecommendations: [2] };
    expect(appreciationLists([s]).appreciation).toHaveLength(0);
  });

  it('keterangan: "-" when complete; otherwise the open elements', () => {
    const names = { U1: 'Persyaratan', U3: 'Waktu Penyelesaian', U9: 'Sarana dan Prasarana' };
    expect(keterangan(derived.find((x) => x.unitId === '1') as UnitSummary)).toBe('-');
    expect(keterangan(derived.find((x) => x.unitId === '17') as UnitSummary, names)).toBe(
      'Unsur pelayanan U1 (Persyaratan), U3 (Waktu Penyelesaian)',
    );
    expect(keterangan(derived.find((x) => x.unitId === '20') as UnitSummary)).toBe(
      '1 rencana aksi belum menyebutkan unsur pelayanan',
    );
  });
});

describe('EX-ME-05 recommendation counts', () => {
  it('rec 3: 63 units; rec 2: 22; rec 1: 2; none has all three; total 24 × 2 + 39 × 1 = 87', () => {
    const c = recommendationCounts(assignments);
    expect(c.byRecommendation).toEqual({ 1: 2, 2: 22, 3: 63 });
    expect(c.unitsByCount).toEqual({ 1: 39, 2: 24 });
    expect(c.total).toBe(87);
  });

  it('the recommendation-1 actions of Lampiran 2 belong to exactly those two units', () => {
    expect([...new Set(actions.filter((a) => a.recommendationNo === 1).map((a) => a.unitId))].sort()).toEqual(['52', '9']);
  });
});

describe('EX-ME-06 overdue flags (D35), cutoff 12 Aug 2022', () => {
  const checks = checkTimelines(actions, '2022-08-12');
  const open = checks.filter((c) => c.action.status === 'open');

  it('25 Open actions; 23 overdue; one with a future timeline; one without a timeline (warning)', () => {
    expect(open).toHaveLength(25);
    expect(open.filter((c) => c.overdue)).toHaveLength(23);
    const notOverdue = open.filter((c) => !c.overdue);
    expect(notOverdue.map((c) => c.timeline.kind).sort()).toEqual(['date', 'missing']);
    expect(notOverdue.find((c) => c.timeline.kind === 'date')?.timeline).toMatchObject({ date: '2022-12-31' });
    expect(notOverdue.find((c) => c.timeline.kind === 'missing')?.warning?.code).toBe('timeline_missing');
  });

  it('Close actions with timelines after the cutoff are allowed, without a warning', () => {
    const late = checks.filter(
      (c) => c.action.status === 'close' && c.timeline.kind === 'date' && c.timeline.date > '2022-08-12',
    );
    expect(late.map((c) => c.action.timeline).sort()).toEqual([
      '28/10/2022',
      '30/12/2022',
      '30/12/2022',
      '31/12/2022',
      '31/12/2023',
    ]);
    for (const c of late) {
      expect(c.overdue).toBe(false);
      expect(c.warning).toBeUndefined();
    }
  });

  it('the malformed "31/12/202" is a validation warning, not a crash', () => {
    const warnings = checks.filter((c) => c.warning);
    expect(warnings.map((c) => [c.action.unitId, c.warning?.code])).toEqual([
      ['13', 'timeline_missing'],
      ['25', 'timeline_invalid'],
    ]);
    expect(warnings[1]?.warning?.message).toMatch(/31\/12\/202/);
  });
});
