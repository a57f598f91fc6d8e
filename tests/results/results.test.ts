import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rational } from '../../src/domain/core/rational.ts';
import { formatId } from '../../src/domain/core/rounding.ts';
import { shippedProfile } from '../../src/domain/profiles/shipped-profiles.ts';
import { computeIkm } from '../../src/domain/skm/ikm.ts';
import { accumulate } from '../../src/domain/skm/tally.ts';
import { recountService } from '../../src/modules/responses/counted-window.ts';
import type { SubmitInput } from '../../src/modules/responses/response.schema.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { type Fixture, seedFixture } from '../surveys/fixtures.ts';

const profile = shippedProfile('bpom-2024')!;
const SKM_MAP: Record<string, string[]> = {
  U1: ['A1'],
  U2: ['A2'],
  U3: ['A3', 'A4', 'A5'],
  U4: ['A6'],
  U5: ['A7'],
  U6: ['A8'],
  U7: ['A9'],
  U8: ['A10'],
  U9: ['A11'],
};

/**
 * Independent of the domain engine: IKM = Σ_e (1/9) · mean_q∈e(S_q/n_q) · 100/6, in exact fractions,
 * straight from the answers (DOMAIN 5.7). The API must agree with this and with `computeIkm`.
 */
function independentIkm(answers: Record<string, number>[]): Rational {
  let total = Rational.ZERO;
  for (const qs of Object.values(SKM_MAP)) {
    let e = Rational.ZERO;
    for (const q of qs) {
      const s = answers.reduce((a, r) => a + (r[q] as number), 0);
      e = e.add(Rational.of(s, answers.length));
    }
    total = total.add(e.div(qs.length).div(9));
  }
  return total.mul(100).div(6);
}

/** A mutable clock: collection happens in June, closing in the next February. */
function movableClock(iso: string) {
  let now = new Date(iso);
  return { now: () => now, set: (x: string) => (now = new Date(x)) };
}

interface Planned {
  unitId: string;
  unitServiceId: string;
  at: string;
  answers: Record<string, number>;
  name: string;
}

function plan(unitId: string, unitServiceId: string, n: number, seed: number, month = '03'): Planned[] {
  const out: Planned[] = [];
  for (let i = 0; i < n; i++) {
    const answers: Record<string, number> = {};
    for (let q = 1; q <= 14; q++) answers[`A${q}`] = 1 + ((seed * 7 + i * 5 + q * 3 + ((i * q) % 4)) % 6);
    for (let q = 1; q <= 5; q++) answers[`B${q}`] = 3 + ((seed + i + q) % 4);
    // Submitted in reverse order of i for some services: counting must follow time, not insertion.
    const day = String(1 + ((seed % 2 === 0 ? i : n - 1 - i) % 27)).padStart(2, '0');
    const hour = String(10 + (i % 8)).padStart(2, '0');
    out.push({
      unitId,
      unitServiceId,
      at: `2026-${month}-${day}T${hour}:00:00+08:00`,
      answers,
      name: `Responden Uji ${seed}-${i}`,
    });
  }
  return out;
}

const toInput = (campaignId: string, p: Planned, k: string): SubmitInput => ({
  campaignId,
  unitId: p.unitId,
  unitServiceId: p.unitServiceId,
  channel: 'paper_entry',
  clientSubmissionId: `test-key-${k}`,
  submittedAt: p.at,
  respondent: {
    fullName: p.name,
    age: 30,
    sex: 'perempuan',
    phone: '0',
    education: 'd4_s1',
    occupation: 'wiraswasta',
    institution: 'CV Uji Coba',
  },
  completionPct: 100,
  answers: p.answers,
  suggestion: null,
});

describeEachEngine('live results, freezing and restatement', (_engine, open) => {
  let t: TestApp;
  let fx: Fixture;
  let coord: TestLogin;
  let campaignId: string;
  const clock = movableClock('2026-06-15T03:00:00.000Z');
  let tarakan: Planned[][] = [];
  let central: Planned[] = [];

  const req = (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    who: TestLogin,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: who.cookie, ...(method === 'GET' ? {} : SAME_ORIGIN), ...headers },
      payload: body as object,
    });

  /** The responses the D5 rule counts: the first `target` valid by (submittedAt, seqNo) when target ≥ 10. */
  const countedOf = (list: Planned[], target: number) => {
    const sorted = [...list].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return target >= 10 && sorted.length > target ? sorted.slice(0, target) : sorted;
  };

  beforeAll(async () => {
    t = await createTestApp(open, {}, clock);
    fx = await seedFixture(t.deps.dbh.db);
    coord = await loginAs(t, 'skm_coordinator');
    const res = await req('POST', '/api/v1/campaigns', coord, {
      year: 2026,
      name: 'SKM Uji Hasil 2026',
      collectionStart: '2026-01-01',
      collectionEnd: '2026-12-31',
      units: [{ unitId: fx.tarakan }, { unitId: fx.central }, { unitId: fx.loka }],
    });
    expect(res.statusCode).toBe(201);
    campaignId = res.json().id;
    const target = await req('PUT', `/api/v1/campaigns/${campaignId}/targets/${fx.tarakanServices[0]}`, coord, {
      target: 10,
      reason: 'Target uji untuk jendela hitung',
    });
    expect(target.statusCode).toBe(200);
    for (const to of ['targets_set', 'collecting']) {
      expect((await req('POST', `/api/v1/campaigns/${campaignId}/transition`, coord, { to })).statusCode).toBe(200);
    }
    tarakan = [
      plan(fx.tarakan, fx.tarakanServices[0] as string, 13, 1),
      plan(fx.tarakan, fx.tarakanServices[1] as string, 3, 2),
      plan(fx.tarakan, fx.tarakanServices[2] as string, 1, 3),
    ];
    central = plan(fx.central, fx.centralServices[0] as string, 4, 4);
    const all = [...tarakan.flat(), ...central];
    await t.deps.dbh.db.transaction().execute((trx) =>
      t.deps.services.responses.submitMany(
        trx,
        all.map((p, i) => toInput(campaignId, p, `r${i}`)),
      ),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('per service: counts, progress, IKM equal to computeIkm and to an independent sum over the counted responses', async () => {
    const res = await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/results`, coord);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.source).toBe('live');
    const [s0, s1, s2] = body.services;
    expect([s0.target, s0.submitted, s0.valid, s0.counted, s0.shortfall]).toEqual([10, 13, 13, 10, 0]);
    expect(s0.progressPct.display).toBe('130,00');
    const targets = [10, s1.target, s2.target];
    for (const [i, s] of [s0, s1, s2].entries()) {
      const counted = countedOf(tarakan[i] as Planned[], targets[i] as number);
      const expected = computeIkm(
        profile,
        accumulate(
          profile,
          counted.map((c) => c.answers),
        ),
      );
      expect(s.counted).toBe(counted.length);
      expect(s.ikm.value).toBe(expected.ikm?.toNumber());
      expect(s.ikm.display).toBe(formatId(independentIkm(counted.map((c) => c.answers))));
      expect(expected.ikm?.eq(independentIkm(counted.map((c) => c.answers)))).toBe(true);
      expect(s.grade?.code).toBe(expected.grade?.code);
      s.elements.forEach((e: { value: { value: number } }, k: number) => {
        expect(e.value.value).toBe(expected.elements[k]?.value?.toNumber());
      });
    }
    // D37: one respondent has no interval.
    expect(s2.counted).toBe(1);
    expect(s2.ci95).toMatchObject({ display: '–', low: { value: null }, high: { value: null } });
    expect(s0.ci95.low.value).toBeLessThan(s0.ikm.value);
    // D36: services without counted responses show "–".
    const empty = body.services.find((s: { counted: number }) => s.counted === 0);
    expect(empty.ikm).toEqual({ value: null, display: '–' });
    expect(body.respondentProfile.respondents).toBe(14);
    expect(body.respondentProfile.sex.find((r: { code: string }) => r.code === 'perempuan').count).toBe(14);
  });

  it('pools the unit over respondents (D4), which is not the mean of the service indices', async () => {
    const body = (await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/results`, coord)).json();
    const counted = [countedOf(tarakan[0] as Planned[], 10), ...(tarakan.slice(1) as Planned[][])].flat();
    const pooled = independentIkm(counted.map((c) => c.answers));
    expect(body.total.counted).toBe(14);
    expect(body.total.ikm.value).toBe(pooled.toNumber());
    const ikms = body.services
      .filter((s: { counted: number }) => s.counted > 0)
      .map((s: { ikm: { value: number } }) => s.ikm.value);
    const mean = ikms.reduce((a: number, b: number) => a + b, 0) / ikms.length;
    expect(Math.abs(body.total.ikm.value - mean)).toBeGreaterThan(0.01);
    // Without blanks pooling equals the respondent-weighted mean.
    const weighted =
      body.services.reduce(
        (a: number, s: { counted: number; ikm: { value: number | null } }) => a + s.counted * (s.ikm.value ?? 0),
        0,
      ) / 14;
    expect(body.total.ikm.value).toBeCloseTo(weighted, 9);
  });

  it('BPOM level pools every counted response of every unit', async () => {
    const res = await req('GET', `/api/v1/campaigns/${campaignId}/results`, coord);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const all = [countedOf(tarakan[0] as Planned[], 10), ...(tarakan.slice(1) as Planned[][]), central].flat();
    expect(body.bpom.counted).toBe(18);
    expect(body.bpom.ikm.value).toBe(independentIkm(all.map((c) => c.answers)).toNumber());
    expect(body.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([fx.tarakan, fx.central, fx.loka].sort());
    const loka = body.units.find((u: { unitId: string }) => u.unitId === fx.loka);
    expect(loka.ikm.display).toBe('–');
  });

  it('answers 304 to If-None-Match until the data changes', async () => {
    const url = `/api/v1/campaigns/${campaignId}/units/${fx.central}/results`;
    const first = await req('GET', url, coord);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await req('GET', url, coord, undefined, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const extra = plan(fx.central, fx.centralServices[0] as string, 1, 9, '04')[0] as Planned;
    await t.deps.services.responses.submit(toInput(campaignId, extra, 'etag-extra'));
    central.push(extra);
    const changed = await req('GET', url, coord, undefined, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().total.counted).toBe(5);
    const bpom = await req('GET', `/api/v1/campaigns/${campaignId}/results`, coord);
    expect(bpom.json().bpom.counted).toBe(19);
  });

  it('keeps a unit operator inside its unit and masks personal data for other roles', async () => {
    const lokaOp = await loginAs(t, 'unit_operator', fx.loka);
    for (const path of ['results', 'responses', 'responses.xlsx', 'perception']) {
      const res = await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/${path}`, lokaOp);
      expect([403, 404]).toContain(res.statusCode);
      expect(res.body).not.toContain('Responden Uji');
    }
    const own = (await req('GET', `/api/v1/campaigns/${campaignId}/results`, lokaOp)).json();
    expect(own.units.map((u: { unitId: string }) => u.unitId)).toEqual([fx.loka]);

    const tarakanOp = await loginAs(t, 'unit_operator', fx.tarakan);
    const clear = (
      await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/responses?pageSize=100`, tarakanOp)
    ).json();
    expect(clear.total).toBe(17);
    expect(clear.personalMasked).toBe(false);
    expect(clear.items.some((r: { fullName: string }) => r.fullName === 'Responden Uji 1-0')).toBe(true);
    const byName = (
      await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/responses?q=uji%202-`, tarakanOp)
    ).json();
    expect(byName.total).toBe(3);

    const exec = await loginAs(t, 'executive_viewer');
    const masked = (await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/responses?pageSize=100`, exec)).json();
    expect(masked.total).toBe(17);
    expect(masked.personalMasked).toBe(true);
    expect(JSON.stringify(masked)).not.toContain('Responden Uji');
    expect(masked.items.every((r: { fullName: string }) => /^(\S\. )*\S\.$/.test(r.fullName))).toBe(true);
    // A masked reader cannot probe for a name.
    expect((await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/responses?q=Uji`, exec)).json().total).toBe(0);
  });

  it('exports raw data as XLSX, masked for the executive viewer and clear for the coordinator', async () => {
    const cells = async (who: TestLogin) => {
      const res = await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/responses.xlsx`, who);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const values: string[] = [];
      wb.worksheets[0]?.eachRow((row) => {
        row.eachCell((c) => values.push(String(c.value)));
      });
      return values;
    };
    const exec = await loginAs(t, 'executive_viewer');
    const masked = await cells(exec);
    expect(masked.join('|')).not.toContain('Responden Uji');
    expect(masked.join('|')).not.toContain('CV Uji Coba');
    expect(masked).toContain('R. U. 1.');
    const clear = await cells(coord);
    expect(clear).toContain('Responden Uji 1-0');
    expect(clear).toContain('CV Uji Coba');
  });

  it('gives SPKP/SPAK per month with the worksheet value', async () => {
    const res = await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/perception?from=2026-01&to=2026-04`, coord);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.available).toBe(true);
    expect(body.months.map((m: { month: string }) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const march = body.months[2];
    expect(march.selected).toBe(17);
    expect(march.spkp.index.value).toBeGreaterThan(0);
    expect(march.spkp.worksheet.monthsUsed).toEqual(['2026-03']);
    expect(march.spkp.worksheet.incomplete).toBe(true);
    expect(march.spkp.worksheet.value.value).toBe(march.spkp.index.value);
    expect(body.months[0].spkp.index.display).toBe('–');
    const bad = await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/perception?from=2026-13`, coord);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('query.from');
  });

  it('freezes at close, reads the snapshot, and a restatement makes version 2 with its reason', async () => {
    const tooEarly = await req('POST', `/api/v1/campaigns/${campaignId}/restatements`, coord, {
      reason: 'Koreksi sebelum ditutup',
    });
    expect(tooEarly.statusCode).toBe(409);
    const live = (await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/results`, coord)).json();

    clock.set('2027-02-01T03:00:00.000Z');
    coord = await loginAs(t, 'skm_coordinator');
    for (const to of ['validating', 'reporting', 'closed']) {
      const r = await req('POST', `/api/v1/campaigns/${campaignId}/transition`, coord, { to });
      expect(r.statusCode, r.body).toBe(200);
    }
    const snaps = (await req('GET', `/api/v1/campaigns/${campaignId}/snapshots`, coord)).json();
    const v1 = snaps.items.filter((s: { version: number }) => s.version === 1);
    expect(v1.filter((s: { kind: string }) => s.kind === 'skm_agency')).toHaveLength(1);
    expect(v1.filter((s: { kind: string }) => s.kind === 'skm_unit')).toHaveLength(3);
    const unitSnap = v1.find((s: { kind: string; unitId: string }) => s.kind === 'skm_unit' && s.unitId === fx.tarakan);
    expect(unitSnap.ikm.published).toBe(live.total.ikm.display.replace(',', '.'));
    expect(unitSnap.values.find((v: { key: string }) => v.key === 'nCounted').exact).toBe('14');
    expect(unitSnap.values.find((v: { key: string }) => v.key === 'IKM').fullPrecision).toMatch(/^\d+\.\d{30}$/);

    const frozen = (await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/results`, coord)).json();
    expect(frozen.source).toBe('snapshot');
    expect(frozen.snapshotVersion).toBe(1);
    expect(frozen.total).toEqual(live.total);
    expect(frozen.services).toEqual(live.services);
    expect(frozen.respondentProfile).toEqual(live.respondentProfile);

    // A correction after closing (e.g. a response found invalid on audit) changes the data, not the snapshot.
    const db = t.deps.dbh.db;
    const victim = await db
      .selectFrom('survey_response')
      .select(['id', 'unit_service_id'])
      .where('campaign_id', '=', campaignId)
      .where('unit_service_id', '=', fx.tarakanServices[1] as string)
      .orderBy('seq_no')
      .executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('survey_response').set({ validity: 'invalid' }).where('id', '=', victim.id).execute();
      await recountService(trx, campaignId, victim.unit_service_id);
    });
    const still = (await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/results`, coord)).json();
    expect(still.total.counted).toBe(14);

    const op = await loginAs(t, 'unit_operator', fx.tarakan);
    expect(
      (await req('POST', `/api/v1/campaigns/${campaignId}/restatements`, op, { reason: 'Bukan wewenang operator' })).statusCode,
    ).toBe(403);
    const short = await req('POST', `/api/v1/campaigns/${campaignId}/restatements`, coord, { reason: 'x' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].field).toBe('body.reason');

    const reason = 'Satu respons terbukti bukan pelanggan setelah audit';
    const restated = await req('POST', `/api/v1/campaigns/${campaignId}/restatements`, coord, { reason });
    expect(restated.statusCode, restated.body).toBe(201);
    expect(restated.json()).toMatchObject({ version: 2, reason });
    expect(restated.json().changedScopes).toBeGreaterThanOrEqual(3);

    const after = (await req('GET', `/api/v1/campaigns/${campaignId}/snapshots`, coord)).json();
    const unitV1 = after.items.find(
      (s: { kind: string; unitId: string; version: number }) =>
        s.kind === 'skm_unit' && s.unitId === fx.tarakan && s.version === 1,
    );
    const unitV2 = after.items.find(
      (s: { kind: string; unitId: string; version: number }) =>
        s.kind === 'skm_unit' && s.unitId === fx.tarakan && s.version === 2,
    );
    expect(unitV1.supersededBy).toBe(unitV2.id);
    expect(unitV1.note).toBe('dikoreksi pada laporan berikutnya');
    expect(unitV1.ikm).toEqual(unitSnap.ikm);
    expect(unitV2).toMatchObject({ supersedesId: unitV1.id, restatementReason: reason, note: null, nCounted: 13 });

    const restatedResults = (await req('GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/results`, coord)).json();
    expect(restatedResults.snapshotVersion).toBe(2);
    expect(restatedResults.total.counted).toBe(13);
    const events = await db.selectFrom('audit_event').select(['action', 'reason']).where('entity_id', '=', campaignId).execute();
    expect(events).toContainEqual({ action: 'restate', reason });
    expect(events.map((e) => e.action)).toContain('results_frozen');
  });
});

describe('engine-independent checks', () => {
  it('has a test per engine above (sanity of the independent IKM helper)', () => {
    // All 6s give 100, all 1s give 16,67 (100/6): the helper follows DOMAIN 5.7.
    const six = Object.fromEntries(profile.questions.map((q) => [q.code, 6]));
    const one = Object.fromEntries(profile.questions.map((q) => [q.code, 1]));
    expect(independentIkm([six]).eq(100)).toBe(true);
    expect(formatId(independentIkm([one]))).toBe('16,67');
  });
});
