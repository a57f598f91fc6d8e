/*
 * Issue 6 item 6: the 2022 M&E semester (resources/data/me-rtl-2022-*.tsv) loads in historical mode through the API
 * and reproduces the recorded totals (EX-ME-01..06); problems stay as row warnings, nothing is blocked.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';

const read = (name: string) => readFileSync(fileURLToPath(new URL(`../../resources/data/${name}`, import.meta.url)), 'utf8');
const summaryTsv = read('me-rtl-2022-summary.tsv');
// One recorded status lower-cased: imports treat "close"/"Close" alike (DOMAIN 7.4) and keep a warning.
const itemsLines = read('me-rtl-2022-items.tsv').split('\n');
const lowered = itemsLines.findIndex((l) => l.startsWith('2\t') && l.endsWith('\tClose\t'));
itemsLines[lowered] = (itemsLines[lowered] as string).replace(/\tClose\t$/, '\tclose\t');
const itemsTsv = itemsLines.join('\n');

describeEachEngine('RTL historical import 2022', (_engine, open) => {
  let t: TestApp;
  let cookie: string;
  let cycleId: string;
  let report: Record<string, unknown> & {
    warnings: { code: string; message: string; unit: string; sourceLine: number | null }[];
  };

  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: true });
    cookie = (await loginAs(t, 'inspectorate')).cookie;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitoring-cycles/import-historical',
      headers: { ...SAME_ORIGIN, cookie },
      payload: { summaryTsv, itemsTsv },
    });
    expect(res.statusCode, res.body).toBe(201);
    report = res.json();
    cycleId = report.cycleId as string;
  }, 120_000);
  afterAll(async () => t?.close());

  it('reports 63 units, 87 recommendations, 253 counted actions, 228 closed, 90.12%', () => {
    expect(report).toMatchObject({ units: 63, recommendations: 87, actionsCounted: 253, closed: 228, pct: '90.12' });
    // 264 status cells minus the 2 empty placeholders; the 9 extra Jember items are kept but not counted.
    expect(report.actionsImported).toBe(262);
  });

  it('keeps the problems as row warnings: 31/12/202, a missing timeline, U7?, a lower-case close', () => {
    const codes = (c: string) => report.warnings.filter((w) => w.code === c);
    expect(
      codes('timeline_invalid')
        .map((w) => w.message)
        .join(),
    ).toMatch(/31\/12\/202/);
    expect(codes('timeline_missing').map((w) => w.unit)).toContain('Direktorat Pengawasan Produksi Pangan Olahan');
    expect(codes('element_uncertain').some((w) => w.message.includes('U7?'))).toBe(true);
    expect(codes('status_case')).toHaveLength(1);
    expect(
      codes('no_response')
        .map((w) => w.unit)
        .sort(),
    ).toEqual(['Balai POM di Batam', 'Balai POM di Kendari']);
    expect(codes('not_in_recorded_count')).toHaveLength(9);
    // The recorded summary and the detail rows agree everywhere (no mismatch warning).
    expect(codes('summary_mismatch')).toEqual([]);
    expect(codes('pct_mismatch')).toEqual([]);
    expect(codes('total_mismatch')).toEqual([]);
  });

  it('matches units by name and creates the ones renamed since 2021 as inactive historical units', async () => {
    const created = (report.unitsCreated as { name: string; unitId: string }[]).map((u) => u.name).sort();
    // Former Loka POM upgraded to Balai POM after 2021 have no unit of that name any more.
    expect(created).toContain('Loka POM di Kabupaten Bogor');
    expect(created).not.toContain('Loka POM di Kota Lubuk Linggau'); // = "Lubuklinggau"
    expect(created).not.toContain(
      'Direktorat Pengawasan Keamanan Mutu dan Ekspor Impor Obat, Narkotika, Psikotropika, Prekursor, dan Zat Adiktif',
    );
    expect(report.unitsMatched).toBe(63 - created.length);
    const rows = await t.deps.dbh.db
      .selectFrom('org_unit')
      .select(['active'])
      .where(
        'id',
        'in',
        (report.unitsCreated as { unitId: string }[]).map((u) => u.unitId),
      )
      .execute();
    expect(rows.every((r) => r.active === 0)).toBe(true);
  });

  it('Lampiran 1 through the API: totals, 46 units at 100% and 17 below, Batam and Kendari flagged', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/monitoring-cycles/${cycleId}/lampiran-1`,
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const l1 = res.json();
    expect(l1.rows).toHaveLength(63);
    expect(l1.total).toMatchObject({ jr: 87, jru: 83, jra: 253, closed: 228, pct: '90.12', pctDisplay: '90,12', unitsAt100: 46 });
    const count = (groups: { units: unknown[] }[]) => groups.reduce((a, g) => a + g.units.length, 0);
    expect(count(l1.appreciation)).toBe(46);
    expect(count(l1.followUp)).toBe(17);
    expect(
      l1.missingResponses.map((m: { unitName: string; recommendationNo: number }) => [m.unitName, m.recommendationNo]),
    ).toEqual([
      ['Balai POM di Batam', 2],
      ['Balai POM di Kendari', 2],
    ]);
    const batam = l1.rows.find((r: { unitName: string }) => r.unitName === 'Balai POM di Batam');
    expect(batam).toMatchObject({ jr: 2, jra: 3, pct: '66.67' });
    expect(batam.keterangan).toMatch(/rekomendasi 2/);
    // EX-ME-03: pooled by unit type, never the mean of unit percentages.
    const loka = l1.byUnitType.find((g: { unitType: string }) => g.unitType === 'Loka POM');
    expect(loka).toMatchObject({ units: 14, jra: 46, closed: 36, pct: '78.26', unitsAt100: 9 });
  });

  it('Lampiran 2: unit → recommendation → action with timeline, status and overdue at the cutoff (D35)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/monitoring-cycles/${cycleId}/lampiran-2`,
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const actions = res
      .json()
      .units.flatMap((u: { recommendations: { actions: { counted: boolean; status: string; overdue: boolean }[] }[] }) =>
        u.recommendations.flatMap((r) => r.actions),
      );
    const counted = actions.filter((a: { counted: boolean }) => a.counted);
    expect(counted).toHaveLength(253);
    expect(counted.filter((a: { status: string }) => a.status === 'open')).toHaveLength(25);
    expect(counted.filter((a: { overdue: boolean }) => a.overdue)).toHaveLength(23);
  });

  it('a second import of the same semester is refused; a unit role cannot import', async () => {
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitoring-cycles/import-historical',
      headers: { ...SAME_ORIGIN, cookie },
      payload: { summaryTsv, itemsTsv },
    });
    expect(again.statusCode).toBe(409);
    const op = await loginAs(
      t,
      'unit_operator',
      (await t.deps.dbh.db.selectFrom('org_unit').select('id').where('code', '=', 'BPOM-TRK').executeTakeFirstOrThrow()).id,
    );
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitoring-cycles/import-historical',
      headers: { ...SAME_ORIGIN, cookie: op.cookie },
      payload: { summaryTsv, itemsTsv, year: 2023 },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('a file without the expected columns is refused whole, naming the columns', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitoring-cycles/import-historical',
      headers: { ...SAME_ORIGIN, cookie },
      payload: { summaryTsv: 'no\tunit\n1\tX', itemsTsv, year: 2030 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain('summaryTsv.jumlah_sesuai');
  });
});
