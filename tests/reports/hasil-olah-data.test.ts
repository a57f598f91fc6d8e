import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Rational } from '../../src/domain/core/rational.ts';
import type { Role } from '../../src/modules/auth/actor.ts';
import { buildHasilOlahData } from '../../src/modules/reports/excel/hasil-olah-data.ts';
import type { SubmitInput } from '../../src/modules/responses/response.schema.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { hasSoffice, type RecalculatedSheet, xlsxRecalculated } from '../helpers/office.ts';
import { type Fixture, seedFixture } from '../surveys/fixtures.ts';

/**
 * Hasil Olah Data SKM: the XLSX's formulas, recalculated by LibreOffice, must give Mutu's own values
 * (DOMAIN 5.7) for a bpom-2024 unit (Tarakan 2024: 6-point scale, U3 of three questions, 91,50) and a
 * permenpan-2017 unit (4-point scale, ×25), on both engines; personal fields follow the role.
 */

const TARAKAN_CSV = readFileSync(new URL('../../resources/fixtures/skm/tarakan-2024-bpom.csv', import.meta.url), 'utf8');
const PERMENPAN_CSV = readFileSync(new URL('../../resources/fixtures/skm/permenpan-4point-q.csv', import.meta.url), 'utf8');
const TARAKAN_SERVICE: Record<string, number> = { CDOB: 2, CPKB: 4, CPPOB: 6 };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** LibreOffice is needed to recalculate: skipped without it, a failure under CI=true. */
const officeIt: (name: string, fn: () => Promise<void>, timeout?: number) => void = hasSoffice()
  ? (name, fn, timeout) => it(name, fn, timeout)
  : process.env.CI === 'true'
    ? (name) =>
        it(`${name} (needs LibreOffice; CI=true forbids skipping)`, () => {
          throw new Error('LibreOffice (soffice) is not installed but CI=true: refusing to skip');
        })
    : (name, fn) => it.skip(`${name} (skipped: LibreOffice not available)`, fn);

const parseCsv = (csv: string) => {
  const [head, ...lines] = csv.trim().split('\n');
  const cols = (head as string).split(',');
  return lines.map((line) => {
    // Quoted fields may hold commas/semicolons; empty fields are blank answers.
    const cells = (line.match(/("[^"]*"|[^,]*)(,|$)/g) ?? []).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] as string]));
  });
};

const respondent = (i: number) => ({
  fullName: `Responden Uji ${i + 1}`,
  age: 20 + (i % 40),
  sex: i % 3 ? 'perempuan' : 'laki_laki',
  // Synthetic numbers, assembled at run time.
  phone: `08${String(31_000_000 + i)}`,
  education: 'd4_s1',
  occupation: 'lainnya',
  institution: `Instansi Uji ${i + 1}`,
});

describeEachEngine('Hasil Olah Data SKM (XLSX)', (_engine, open) => {
  let t: TestApp;
  let fx: Fixture;
  let coord: TestLogin;
  const now = Date.parse('2024-07-02T02:00:00.000Z');
  const clock = { now: () => new Date(now) };
  let bpomCampaign: string;
  let permenpanCampaign: string;

  const req = (method: 'GET' | 'POST', url: string, who: TestLogin, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: who.cookie, ...(method === 'GET' ? {} : SAME_ORIGIN) },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  const xlsxUrl = (campaignId: string, unitId: string) => `/api/v1/campaigns/${campaignId}/units/${unitId}/hasil-olah-data.xlsx`;

  async function actorFor(login: TestLogin) {
    const grants = await t.deps.dbh.db
      .selectFrom('user_role')
      .select(['role', 'unit_id'])
      .where('user_id', '=', login.userId)
      .execute();
    return {
      userId: login.userId,
      username: login.userId,
      fullName: 'Test',
      grants: grants.map((g) => ({ role: g.role as Role, unitId: g.unit_id })),
      mustChangePassword: false,
      sessionId: 'test',
      locale: 'id' as const,
    };
  }

  async function campaign(year: number, profileCode: string, unitIds: string[]) {
    const created = await req('POST', '/api/v1/campaigns', coord, {
      year,
      name: `SKM ${profileCode} ${year}`,
      profileCode,
      collectionStart: `${year}-04-01`,
      collectionEnd: `${year}-06-30`,
      units: unitIds.map((unitId) => ({ unitId })),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    for (const to of ['targets_set', 'collecting'])
      expect((await req('POST', `/api/v1/campaigns/${id}/transition`, coord, { to })).statusCode).toBe(200);
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp(open, {}, clock);
    fx = await seedFixture(t.deps.dbh.db);
    coord = await loginAs(t, 'skm_coordinator');

    bpomCampaign = await campaign(2024, 'bpom-2024', [fx.tarakan, fx.loka]);
    const tarakan: SubmitInput[] = parseCsv(TARAKAN_CSV).map((row, i) => {
      const answers: Record<string, number> = {};
      for (const [k, v] of Object.entries(row)) if (/^[AB]\d+$/.test(k)) answers[k] = Number(v);
      return {
        campaignId: bpomCampaign,
        unitId: fx.tarakan,
        unitServiceId: fx.tarakanServices[TARAKAN_SERVICE[row.service as string] ?? 8] as string,
        channel: 'paper_entry',
        clientSubmissionId: `hod-tarakan-${i}`,
        submittedAt: row.submitted_at as string,
        respondent: respondent(i),
        completionPct: 100,
        answers,
        suggestion: i === 2 ? 'Mohon di respon dengan cepat' : null,
      } as SubmitInput;
    });
    permenpanCampaign = await campaign(2023, 'permenpan-2017', [fx.central]);
    const permenpan: SubmitInput[] = parseCsv(PERMENPAN_CSV).map((row, i) => {
      const answers: Record<string, number> = {};
      for (let q = 1; q <= 9; q++) if (row[`q${q}`]) answers[`U${q}`] = Number(row[`q${q}`]);
      return {
        campaignId: permenpanCampaign,
        unitId: fx.central,
        unitServiceId: fx.centralServices[row.service === 'Legalisasi Dokumen' ? 0 : 1] as string,
        channel: 'paper_entry',
        clientSubmissionId: `hod-permenpan-${i}`,
        submittedAt: `2023-05-${String(1 + (i % 28)).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00+07:00`,
        respondent: respondent(i),
        completionPct: 100,
        answers,
        suggestion: null,
      } as SubmitInput;
    });
    await t.deps.dbh.db.transaction().execute((trx) => t.deps.services.responses.submitMany(trx, [...tarakan, ...permenpan]));
  }, 120_000);
  afterAll(async () => t?.close());

  /** |a − b| below 1e-9: the spreadsheet's value is Mutu's exact value, not only at 2 decimals. */
  const same = (sheetValue: unknown, exact: Rational | null, what: string) => {
    expect(exact, what).not.toBeNull();
    expect(typeof sheetValue, `${what}: ${String(sheetValue)}`).toBe('number');
    expect(Math.abs((sheetValue as number) - (exact as Rational).toNumber()), what).toBeLessThan(1e-9);
  };
  const twoDecimals = (v: unknown) => (Math.round((v as number) * 100) / 100).toFixed(2).replace('.', ',');

  async function checkAgainstDomain(campaignId: string, unitId: string, expectedIkm?: string) {
    const res = await req('GET', xlsxUrl(campaignId, unitId), coord);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const book = await xlsxRecalculated(res.rawPayload);
    const actor = await actorFor(coord);
    const { scope, profile } = await t.deps.services.results.unitFigures(actor, campaignId, unitId);
    // Rebuild the layout from the same data to know where each formula is (the builder is pure).
    const rebuilt = await rebuild(campaignId, unitId);
    const check = (
      sheet: RecalculatedSheet | undefined,
      layout: typeof rebuilt.unit,
      fig: typeof scope.figures,
      label: string,
    ) => {
      expect(sheet, label).toBeDefined();
      const v = (a: string) => sheet?.values.get(a);
      expect(layout?.questions.map((q) => q.code)).toEqual(fig.questions.map((q) => q.code));
      layout?.questions.forEach((q, i) => {
        const f = fig.questions[i] as (typeof fig.questions)[number];
        expect(v(q.count), `${label} n ${q.code}`).toBe(f.answered);
        expect(v(q.sum), `${label} S ${q.code}`).toBe(f.sum);
        same(v(q.nrr), f.nrr, `${label} NRR ${q.code}`);
      });
      layout?.elements.forEach((e, i) => {
        const f = fig.elements[i] as (typeof fig.elements)[number];
        same(v(e.weight), f.weight, `${label} w ${e.code}`);
        same(v(e.weighted), f.weighted, `${label} W ${e.code}`);
        same(v(e.value), f.value, `${label} V ${e.code}`);
      });
      same(v(layout?.total as string), fig.weightedSum, `${label} T`);
      same(v(layout?.ikm as string), fig.ikm, `${label} IKM`);
      return v(layout?.ikm as string);
    };
    const unitIkm = check(book.get(rebuilt.unit?.sheet as string), rebuilt.unit, scope.figures, 'unit');
    if (expectedIkm) expect(twoDecimals(unitIkm)).toBe(expectedIkm);
    // The weights are the auditor-readable =1/9, and the sums reference the response cells.
    const calc = book.get(rebuilt.unit?.sheet as string) as RecalculatedSheet;
    expect(calc.formulas.get(rebuilt.unit?.elements[0]?.weight as string)).toBe('1/9');
    expect(calc.formulas.get(rebuilt.unit?.questions[0]?.sum as string)).toMatch(/^SUM\('Data Responden'!L8:L\d+\)$/);
    const withResponses = scope.services.filter((s) => s.figures.respondents > 0);
    expect(rebuilt.services.map((s) => s.serviceId)).toEqual(withResponses.map((s) => s.unitServiceId));
    for (const s of rebuilt.services) {
      const fig = scope.services.find((x) => x.unitServiceId === s.serviceId)?.figures as typeof scope.figures;
      check(book.get(s.sheet), s, fig, s.sheet);
    }
    return { profile, book };
  }

  /** The builder's layout for the same unit (what the route wrote). */
  async function rebuild(campaignId: string, unitId: string) {
    const actor = await actorFor(coord);
    const { campaign: c, profile, scope } = await t.deps.services.results.unitFigures(actor, campaignId, unitId);
    const list = await t.deps.services.results.listResponses(actor, campaignId, unitId, {
      validity: 'valid',
      page: 1,
      pageSize: 200,
    });
    return buildHasilOlahData({
      locale: 'id',
      year: c.year,
      unitName: scope.unit.name,
      timeZone: scope.unit.timeZone,
      profile,
      masked: false,
      services: scope.services.map((s) => ({ id: s.unitServiceId, name: s.serviceName, grade: null })),
      unitGrade: null,
      responses: list.items.filter((r) => r.counted).map((r) => ({ ...r, serviceId: r.unitServiceId })),
    });
  }

  officeIt(
    'bpom-2024 (Tarakan 2024): every recalculated formula equals the domain value; the unit IKM is 91,50',
    async () => {
      await checkAgainstDomain(bpomCampaign, fx.tarakan, '91,50');
    },
    180_000,
  );

  officeIt(
    'permenpan-2017 (4-point scale): every recalculated formula equals the domain value',
    async () => {
      const { book } = await checkAgainstDomain(permenpanCampaign, fx.central);
      expect([...book.keys()].slice(0, 2)).toEqual(['Data Responden', 'Perhitungan Nilai SKM']);
    },
    180_000,
  );

  it('lays out the seed sheets and masks personal fields for roles that may not read them', async () => {
    const read = async (who: TestLogin) => {
      const res = await req('GET', xlsxUrl(bpomCampaign, fx.tarakan), who);
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return wb;
    };
    const clear = await read(coord);
    const data = clear.getWorksheet('Data Responden') as ExcelJS.Worksheet;
    expect(data.getCell('D6').value).toBe('Nama');
    expect(data.getCell('L6').value).toBe('U1');
    expect(data.getCell('N6').value).toBe('U3'); // U3 spans the three questions A3–A5
    expect(data.getCell('Q6').value).toBe('U4');
    expect(data.getCell('D8').value).toBe('Responden Uji 1');
    expect(data.getCell('C8').value).toBe('01/04/2024 08:15');
    // One sheet per service of the unit (nine at Tarakan), named within Excel's 31 characters.
    const names = clear.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(['Data Responden', 'Perhitungan Nilai SKM']);
    expect(names).toHaveLength(2 + 9);
    expect(names).toContain('L3 Sertifikasi Cara Distribusi');
    expect(names.every((n) => n.length <= 31)).toBe(true);
    const empty = clear.getWorksheet(names[2] as string) as ExcelJS.Worksheet;
    expect(empty.getCell('A7').value).toBe('Belum ada responden yang dihitung.');
    const viewer = await loginAs(t, 'executive_viewer');
    const masked = (await read(viewer)).getWorksheet('Data Responden') as ExcelJS.Worksheet;
    expect(String(masked.getCell('A4').value)).toContain('disamarkan');
    for (const col of ['D', 'G', 'J']) expect(String(masked.getCell(`${col}8`).value)).not.toMatch(/Uji|31000000/);
    expect(masked.getCell('L8').value).toBe(6);
  });

  it('refuses a unit outside the reader’s scope (unit operator of another unit) and anonymous readers', async () => {
    const other = await loginAs(t, 'unit_operator', fx.loka);
    expect([403, 404]).toContain((await req('GET', xlsxUrl(bpomCampaign, fx.tarakan), other)).statusCode);
    const own = await req('GET', xlsxUrl(bpomCampaign, fx.loka), other);
    expect(own.statusCode, own.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: xlsxUrl(bpomCampaign, fx.tarakan) })).statusCode).toBe(401);
    expect((await req('GET', xlsxUrl(bpomCampaign, fx.office), coord)).statusCode).toBe(404);
  });
});
