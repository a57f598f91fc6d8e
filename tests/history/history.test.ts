import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Rational } from '../../src/domain/core/rational.ts';
import { formatId } from '../../src/domain/core/rounding.ts';
import { shippedProfile } from '../../src/domain/profiles/shipped-profiles.ts';
import { achievementPct, trendWording, yearOverYear } from '../../src/domain/skm/analysis.ts';
import { computeIkm } from '../../src/domain/skm/ikm.ts';
import { tallyFromSums } from '../../src/domain/skm/tally.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';

interface Fixture {
  unit: { code: string };
  years: {
    year: number;
    unitIndex?: string;
    ikmTarget?: string;
    elements: { code: string; value: string }[];
    source: string;
  }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../../resources/fixtures/tarakan-history.json', import.meta.url), 'utf8'),
) as Fixture;

/** EX-SKM-01: Tarakan 2024 per-question sums (A1…A11) of the 22 counted responses. */
const SUMS_2024 = [118, 114, 122, 121, 123, 120, 121, 124, 124, 125, 119];

describeEachEngine('historical SKM results', (_engine, open) => {
  let t: TestApp;
  let coordinator: TestLogin;
  let tarakan: string;
  let other: string;
  const call = (login: TestLogin, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: login.cookie, ...(method === 'GET' ? {} : SAME_ORIGIN) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: true });
    coordinator = await loginAs(t, 'skm_coordinator');
    const id = async (code: string) =>
      (await t.deps.dbh.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    tarakan = await id(fixture.unit.code);
    other = await id('LOKA-ACEH-SELATAN');
  });
  afterAll(async () => t?.close());

  it('lets only the SKM coordinator enter published results', async () => {
    const op = await loginAs(t, 'unit_operator', tarakan);
    const r = await call(op, 'POST', '/api/v1/history/skm', {
      unitId: tarakan,
      year: 2023,
      unitIndex: '88,47',
      source: 'Laporan',
    });
    expect(r.statusCode).toBe(403);
    const admin = await loginAs(t, 'system_admin');
    expect(
      (await call(admin, 'POST', '/api/v1/history/skm', { unitId: tarakan, year: 2023, unitIndex: '88,47', source: 'xyz' }))
        .statusCode,
    ).toBe(403);
  });

  it('names bad values in the user language', async () => {
    const body = {
      unitId: tarakan,
      year: 2023,
      elements: [
        { code: 'U1', value: '82,1x' },
        { code: 'U10', value: '80' },
      ],
      unitIndex: '101',
      source: 'test',
    };
    const id = await call(coordinator, 'POST', '/api/v1/history/skm', body);
    expect(id.statusCode).toBe(400);
    const fields = id.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(['body.elements.0.value', 'body.elements.1.code', 'body.unitIndex']);
    expect(id.json().error.fields[0].message).toMatch(/desimal/);
    const en = await call(coordinator, 'POST', '/api/v1/history/skm?lang=en', body);
    expect(en.json().error.fields[0].message).toMatch(/decimals/);
    const empty = await call(coordinator, 'POST', '/api/v1/history/skm', { unitId: tarakan, year: 2020, source: 'nothing' });
    expect(empty.statusCode).toBe(400);
    expect((await call(coordinator, 'GET', `/api/v1/units/${tarakan}/skm-history`)).json().total).toBe(0);
  });

  it('stores Tarakan 2021–2023 and the 2024 target as printed, frozen, audited', async () => {
    for (const y of fixture.years) {
      const r = await call(coordinator, 'POST', '/api/v1/history/skm', {
        unitId: tarakan,
        year: y.year,
        elements: y.elements,
        unitIndex: y.unitIndex ?? null,
        ikmTarget: y.ikmTarget ?? null,
        source: y.source,
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ year: y.year, version: 1 });
    }
    const h = (await call(coordinator, 'GET', `/api/v1/units/${tarakan}/skm-history`)).json();
    expect(h.items.map((i: { year: number }) => i.year)).toEqual([2021, 2022, 2023, 2024]);
    const y2023 = h.items[2];
    expect(y2023.unitIndex).toBe('88.47');
    expect(y2023.unitGrade).toBe('A');
    expect(y2023.elements.map((e: { value: string }) => formatId(Rational.parse(e.value)))).toEqual(
      fixture.years[2]!.elements.map((e) => e.value),
    );
    expect(y2023.elements.map((e: { grade: string }) => e.grade)).toEqual(['B', 'B', 'B', 'A', 'A', 'A', 'A', 'A', 'B']);
    expect(h.items[0].unitIndex).toBe('85.26');
    expect(h.items[1].unitIndex).toBe('80.86');
    expect(h.items[3]).toMatchObject({ ikmTarget: '89.00', unitIndex: null });
    // 2022 against 2021: the unit index fell (D19 on published values).
    expect(h.items[1].yearOverYear).toEqual([
      { code: 'ikm', previous: '85.26', current: '80.86', delta: '-4.40', label: 'Turun' },
    ]);

    // Frozen rows as published: fullPrecision equals the printed value, exempt from IKM = Σ w·V.
    const row = await t.deps.dbh.db
      .selectFrom('result_snapshot')
      .selectAll()
      .where('unit_id', '=', tarakan)
      .where('period_ref', '=', '2023')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'skm_unit_published', source: 'imported', version: 1, supersedes_id: null });
    expect(row.source_note).toContain('222-232');
    const values = JSON.parse(row.values_json) as { key: string; fullPrecision: string; published: string }[];
    expect(values.find((v) => v.key === 'U1')).toEqual({ key: 'U1', fullPrecision: '82.10', published: '82.10', class: 'B' });
    const elements = values.filter((v) => /^U\d$/.test(v.key));
    const mean = elements.reduce((s, v) => s.add(Rational.parse(v.published)), Rational.ZERO).div(elements.length);
    expect(formatId(mean)).toBe('88,04'); // the printed elements do not average the printed 88,47: kept as printed
    expect(values.find((v) => v.key === 'ikm')?.published).toBe('88.47');
    const audit = await t.deps.dbh.db
      .selectFrom('audit_event')
      .select(['action', 'unit_id'])
      .where('entity_id', '=', row.id)
      .execute();
    expect(audit).toEqual([{ action: 'import_published', unit_id: tarakan }]);
  });

  it('gives EX-SKM-06 year-over-year deltas against the 2024 values, the trend and the achievement', async () => {
    const h = (await call(coordinator, 'GET', `/api/v1/units/${tarakan}/skm-history`)).json();
    const y2023 = h.items.find((i: { year: number }) => i.year === 2023);
    const profile = shippedProfile('bpom-2024')!;
    const sums = Object.fromEntries(SUMS_2024.map((s, i) => [`A${i + 1}`, s]));
    const ikm2024 = computeIkm(profile, tallyFromSums(profile, 22, sums));
    const current = [...ikm2024.elements.map((e) => ({ code: e.code, value: e.value! })), { code: 'ikm', value: ikm2024.ikm! }];
    const previous = [
      ...y2023.elements.map((e: { code: string; value: string }) => ({ code: e.code, value: Rational.parse(e.value) })),
      { code: 'ikm', value: Rational.parse(y2023.unitIndex) },
    ];
    const yoy = yearOverYear(current, previous);
    expect(yoy.map((d) => formatId(d.delta))).toEqual([
      '7,29',
      '3,03',
      '4,35',
      '0,79',
      '2,78',
      '3,20',
      '2,58',
      '4,58',
      '2,50',
      '3,03',
    ]);
    expect(new Set(yoy.map((d) => d.label))).toEqual(new Set(['Naik']));
    const series = [
      ...h.items
        .filter((i: { unitIndex: string | null }) => i.unitIndex)
        .map((i: { year: number; unitIndex: string }) => ({ year: i.year, value: Rational.parse(i.unitIndex) })),
      { year: 2024, value: ikm2024.ikm! },
    ];
    expect(trendWording(series)).toBe('fluktuatif');
    const target = h.items.find((i: { year: number }) => i.year === 2024).ikmTarget;
    expect(formatId(achievementPct(ikm2024.ikm!, Rational.parse(target)))).toBe('102,81');
  });

  it('accepts 91,50 and 91.50 alike, and a second entry for the year is a new version with a reason', async () => {
    const first = await call(coordinator, 'POST', '/api/v1/history/skm', {
      unitId: other,
      year: 2023,
      unitIndex: '91,50',
      source: 'Laporan SKM 2023',
    });
    expect(first.json()).toMatchObject({ unitIndex: '91.50', version: 1 });
    const noReason = await call(coordinator, 'POST', '/api/v1/history/skm', {
      unitId: other,
      year: 2023,
      unitIndex: '91.50',
      source: 'Laporan SKM 2023',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe('body.reason');
    const second = await call(coordinator, 'POST', '/api/v1/history/skm', {
      unitId: other,
      year: 2023,
      unitIndex: 91.5,
      elements: [{ code: 'U1', value: '90.10' }],
      source: 'Laporan SKM 2023, ralat',
      reason: 'Nilai unsur U1 tercetak salah',
    });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({
      version: 2,
      versions: 2,
      unitIndex: '91.50',
      supersedesId: first.json().snapshotId,
      restatementReason: 'Nilai unsur U1 tercetak salah',
    });
    const rows = await t.deps.dbh.db
      .selectFrom('result_snapshot')
      .select(['version', 'values_json'])
      .where('unit_id', '=', other)
      .orderBy('version')
      .execute();
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[0]!.values_json)).toEqual([{ key: 'ikm', fullPrecision: '91.50', published: '91.50', class: 'A' }]);
    const audit = await t.deps.dbh.db
      .selectFrom('audit_event')
      .select(['action', 'reason'])
      .where('unit_id', '=', other)
      .where('entity_type', '=', 'result_snapshot')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'import_published', reason: null },
      { action: 'restate_published', reason: 'Nilai unsur U1 tercetak salah' },
    ]);
  });

  it('documents the W2 endpoints in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/v1/history/skm',
      '/api/v1/units/{id}/skm-history',
      '/api/v1/responses/{id}/invalidation-proposals',
      '/api/v1/campaigns/{id}/units/{unitId}/imports',
      '/api/v1/jobs/{id}',
    ]) {
      expect(doc.paths[path], path).toBeTruthy();
    }
  });

  it("keeps a unit's history to readers of that unit", async () => {
    const lokaOp = await loginAs(t, 'unit_operator', other);
    expect((await call(lokaOp, 'GET', `/api/v1/units/${tarakan}/skm-history`)).statusCode).toBe(403);
    expect((await call(lokaOp, 'GET', `/api/v1/units/${other}/skm-history`)).statusCode).toBe(200);
  });
});
