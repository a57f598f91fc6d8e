import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { counters, response, setupW2, type W2Env } from './w2-setup.ts';

describeEachEngine('cleansing and the validity matrix', (_engine, open) => {
  let env: W2Env;
  let op: TestLogin;
  let otherOp: TestLogin;
  let coordinator2: TestLogin;
  let service: string;
  const ids: string[] = [];

  const validity = async (id: string) =>
    (await env.t.deps.dbh.db.selectFrom('survey_response').select('validity').where('id', '=', id).executeTakeFirstOrThrow())
      .validity;
  const tallyA1 = async () => {
    const r = await env.t.deps.dbh.db
      .selectFrom('service_tally')
      .select(['sum', 'answered'])
      .where('campaign_id', '=', env.campaignId)
      .where('unit_service_id', '=', service)
      .where('question_code', '=', 'A1')
      .executeTakeFirst();
    return { sum: Number(r?.sum ?? 0), answered: Number(r?.answered ?? 0) };
  };
  const auditOf = (entityId: string) =>
    env.t.deps.dbh.db
      .selectFrom('audit_event')
      .select(['action', 'before_json', 'after_json', 'reason', 'actor_id'])
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    env = await setupW2(open);
    op = await loginAs(env.t, 'unit_operator', env.tarakan);
    otherOp = await loginAs(env.t, 'unit_operator', env.other);
    coordinator2 = await loginAs(env.t, 'skm_coordinator');
    service = env.services.at(-1)!.id; // Pengaduan masyarakat (target 18)
    // Scores 1..5 on A1: an invalidation visibly changes the tally.
    for (const score of [1, 2, 3, 4, 5, 6]) {
      const r = await env.t.deps.services.responses.submit(response(env, service, {}, score));
      ids.push(r.responseId);
    }
  });
  afterAll(async () => env?.t.close());

  it('starts with every response valid and counted', async () => {
    expect(await counters(env, service)).toEqual({ submitted: 6, valid: 6, counted: 6 });
    expect(await tallyA1()).toEqual({ sum: 21, answered: 6 });
  });

  it('names a bad reason in the user language (id default, en on request)', async () => {
    const id = await env.call(op, 'POST', `/api/v1/responses/${ids[0]}/invalidation-proposals`, { reason: 'spam' });
    expect(id.statusCode).toBe(400);
    expect(id.json().error.fields[0].field).toBe('body.reason');
    const en = await env.call(op, 'POST', `/api/v1/responses/${ids[0]}/invalidation-proposals?lang=en`, { reason: 'spam' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields[0].field).toBe('body.reason');
    expect(en.json().error.fields[0].message).not.toBe(id.json().error.fields[0].message);
  });

  it("keeps a unit operator away from another unit's responses (403, nothing changed)", async () => {
    const r = await env.call(otherOp, 'POST', `/api/v1/responses/${ids[0]}/invalidation-proposals`, {
      reason: 'duplicate',
      note: 'x',
    });
    expect(r.statusCode).toBe(403);
    expect(await validity(ids[0]!)).toBe('valid');
    const rows = await env.t.deps.dbh.db.selectFrom('response_invalidation').select('id').execute();
    expect(rows).toHaveLength(0);
    // Nor may it read the other unit's invalidations or matrix.
    const list = await env.call(otherOp, 'GET', `/api/v1/campaigns/${env.campaignId}/invalidations?unitId=${env.tarakan}`);
    expect(list.statusCode).toBe(403);
    const m = await env.call(otherOp, 'GET', `/api/v1/campaigns/${env.campaignId}/units/${env.tarakan}/validity-matrix.xlsx`);
    expect(m.statusCode).toBe(403);
  });

  it('proposal by the operator, approval by the coordinator: excluded from counting and the index, audited', async () => {
    const p = await env.call(op, 'POST', `/api/v1/responses/${ids[0]}/invalidation-proposals`, {
      reason: 'unclear_identity',
      note: 'Nama "D", umur tidak jelas',
    });
    expect(p.statusCode).toBe(201);
    const inv = p.json();
    expect(inv).toMatchObject({ status: 'pending', validity: 'invalidation_proposed', reason: 'unclear_identity', seqNo: 1 });
    expect(inv.reasonLabel).toBe('Data responden tidak jelas atau tidak lengkap');
    // A pending proposal is out of the counted set until rejected (W1's rule), and the tally follows.
    expect(await counters(env, service)).toMatchObject({ submitted: 6, valid: 5, counted: 5 });

    // The unit operator cannot decide.
    expect((await env.call(op, 'POST', `/api/v1/invalidations/${inv.id}/approve`)).statusCode).toBe(403);
    const a = await env.call(env.coordinator, 'POST', `/api/v1/invalidations/${inv.id}/approve`);
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ status: 'approved', validity: 'invalid', decidedBy: env.coordinator.userId });
    expect(await validity(ids[0]!)).toBe('invalid');
    expect(await counters(env, service)).toEqual({ submitted: 6, valid: 5, counted: 5 });
    expect(await tallyA1()).toEqual({ sum: 20, answered: 5 });
    // Never deleted.
    expect(
      await env.t.deps.dbh.db.selectFrom('survey_response').select('id').where('id', '=', ids[0]!).executeTakeFirst(),
    ).toBeTruthy();
    const events = await auditOf(ids[0]!);
    expect(events.map((e) => e.action)).toEqual(['invalidation_proposed', 'invalidation_approved']);
    expect(JSON.parse(events[0]!.before_json!)).toMatchObject({ validity: 'valid' });
    expect(JSON.parse(events[1]!.after_json!)).toMatchObject({ validity: 'invalid', reason: 'unclear_identity' });
    expect(events[0]!.reason).toContain('unclear_identity');
    // Deciding twice is a state error.
    expect((await env.call(coordinator2, 'POST', `/api/v1/invalidations/${inv.id}/approve`)).statusCode).toBe(409);
  });

  it('four-eyes: the proposer cannot approve or reject their own proposal, whatever roles they hold', async () => {
    const both = await loginAs(env.t, 'unit_operator', env.tarakan);
    await env.t.deps.dbh.db
      .insertInto('user_role')
      .values({
        id: `r-${both.userId}`,
        user_id: both.userId,
        role: 'skm_coordinator',
        unit_id: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const p = await env.call(both, 'POST', `/api/v1/responses/${ids[1]}/invalidation-proposals`, {
      reason: 'duplicate',
      note: 'sama dengan No. 3',
    });
    expect(p.statusCode).toBe(201);
    const own = await env.call(both, 'POST', `/api/v1/invalidations/${p.json().id}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toMatch(/Pengusul/);
    expect((await env.call(both, 'POST', `/api/v1/invalidations/${p.json().id}/reject`, { note: 'batal' })).statusCode).toBe(403);
    // system_admin makes no business decision either.
    const admin = await loginAs(env.t, 'system_admin');
    expect((await env.call(admin, 'POST', `/api/v1/invalidations/${p.json().id}/approve`)).statusCode).toBe(403);
    expect(await validity(ids[1]!)).toBe('invalidation_proposed');
    // Rejection needs a note; another coordinator rejects: valid again and counted again.
    const noNote = await env.call(env.coordinator, 'POST', `/api/v1/invalidations/${p.json().id}/reject`, {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields[0].field).toBe('body.note');
    const r = await env.call(env.coordinator, 'POST', `/api/v1/invalidations/${p.json().id}/reject`, { note: 'Bukan duplikat' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'rejected', validity: 'valid', decisionNote: 'Bukan duplikat' });
    expect(await counters(env, service)).toEqual({ submitted: 6, valid: 5, counted: 5 });
  });

  it('direct invalidation by the coordinator only; reinstatement with a reason', async () => {
    expect((await env.call(op, 'POST', `/api/v1/responses/${ids[2]}/invalidate`, { reason: 'duplicate' })).statusCode).toBe(403);
    const d = await env.call(env.coordinator, 'POST', `/api/v1/responses/${ids[2]}/invalidate`, {
      reason: 'not_a_customer',
      note: 'Salah memilih jenis layanan',
    });
    expect(d.statusCode).toBe(201);
    expect(d.json()).toMatchObject({ status: 'approved', validity: 'invalid', proposedBy: env.coordinator.userId });
    expect(await counters(env, service)).toEqual({ submitted: 6, valid: 4, counted: 4 });
    expect(await tallyA1()).toEqual({ sum: 17, answered: 4 });

    // A valid response cannot be reinstated; a reason is required.
    expect(
      (await env.call(env.coordinator, 'POST', `/api/v1/responses/${ids[3]}/reinstate`, { reason: 'tidak perlu' })).statusCode,
    ).toBe(409);
    const noReason = await env.call(env.coordinator, 'POST', `/api/v1/responses/${ids[2]}/reinstate`, {});
    expect(noReason.json().error.fields[0].field).toBe('body.reason');
    expect((await env.call(op, 'POST', `/api/v1/responses/${ids[2]}/reinstate`, { reason: 'salah' })).statusCode).toBe(403);
    const back = await env.call(env.coordinator, 'POST', `/api/v1/responses/${ids[2]}/reinstate`, {
      reason: 'Layanan ternyata benar',
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'reinstated', validity: 'valid', reinstateReason: 'Layanan ternyata benar' });
    expect(await counters(env, service)).toEqual({ submitted: 6, valid: 5, counted: 5 });
    expect(await tallyA1()).toEqual({ sum: 20, answered: 5 });
    const events = await auditOf(ids[2]!);
    expect(events.map((e) => e.action)).toEqual(['invalidated', 'reinstated']);
    expect(events[1]!.reason).toBe('Layanan ternyata benar');
    // Invalidate again for the matrix below.
    await env.call(env.coordinator, 'POST', `/api/v1/responses/${ids[2]}/invalidate`, {
      reason: 'not_a_customer',
      note: 'Salah memilih jenis layanan',
    });
  });

  it('lists invalidations by unit scope and status', async () => {
    const all = await env.call(env.coordinator, 'GET', `/api/v1/campaigns/${env.campaignId}/invalidations`);
    expect(all.json().total).toBe(4);
    const approved = await env.call(env.coordinator, 'GET', `/api/v1/campaigns/${env.campaignId}/invalidations?status=approved`);
    expect(
      approved
        .json()
        .items.map((i: { seqNo: number }) => i.seqNo)
        .sort(),
    ).toEqual([1, 3]);
    const reinstated = await env.call(op, 'GET', `/api/v1/campaigns/${env.campaignId}/invalidations?status=reinstated`);
    expect(reinstated.json().items).toHaveLength(1);
    const otherList = await env.call(otherOp, 'GET', `/api/v1/campaigns/${env.campaignId}/invalidations`);
    expect(otherList.statusCode).toBe(200);
    expect(otherList.json().total).toBe(0);
  });

  it('exports the validity matrix as XLSX with columns a–x, seqNo unchanged, reason labels, masked for other roles', async () => {
    const r = await env.call(op, 'GET', `/api/v1/campaigns/${env.campaignId}/units/${env.tarakan}/validity-matrix.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
    });
    const letters = rows.find((x) => x[0] === 'a')!;
    expect(letters).toEqual('abcdefghijklmnopqrstuvwx'.split(''));
    const header = rows.find((x) => x[0] === 'No.')!;
    expect(header.slice(0, 11)).toEqual([
      'No.',
      'Layanan',
      'Tanggal Survei',
      'Nama',
      'Usia',
      'Jenis Kelamin',
      'No. Handphone',
      'Pendidikan',
      'Pekerjaan',
      'Nama Instansi',
      'Persentase tahapan penyelesaian (%)',
    ]);
    expect(header[11]).toBe('U1');
    expect(header[13]).toBe('U3');
    expect(header[16]).toBe('U4');
    expect(header.slice(22)).toEqual(['Saran', 'Hasil Evaluasi']);
    const li = rows.indexOf(letters);
    const body = rows.slice(li + 1, li + 3);
    expect(body.map((b) => b[0])).toEqual(['1', '3']);
    expect(body[0]![23]).toBe('Data responden tidak jelas atau tidak lengkap: Nama "D", umur tidak jelas');
    expect(body[1]![23]).toBe('Responden bukan merupakan pelanggan UPP: Salah memilih jenis layanan');
    expect(body[0]![3]).toMatch(/^Responden Uji \d+$/); // the unit's operator sees the name
    expect(body[0]![11]).toBe('1'); // A1 of the first response
    expect(body[0]![2]).toBe('15/05/2024 10:00'); // WITA
    expect(rows.some((x) => x.join(' ').includes('Kolom a s.d. w sesuai isian pada aplikasi'))).toBe(true);

    // An executive viewer reads masked initials and phone tails.
    const exec = await loginAs(env.t, 'executive_viewer');
    const masked = await env.call(exec, 'GET', `/api/v1/campaigns/${env.campaignId}/units/${env.tarakan}/validity-matrix.xlsx`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(masked.rawPayload as unknown as ArrayBuffer);
    const text: string[] = [];
    wb2.worksheets[0]!.eachRow((row) => {
      text.push((row.values as unknown[]).slice(1).map(String).join('|'));
    });
    expect(text.join('\n')).not.toMatch(/Responden Uji/);
    expect(text.join('\n')).toMatch(/R\. U\. \d\./);
    expect(text.join('\n')).toMatch(/\*{8}\d{3}/);
  });

  it('prints NIHIL for a unit without invalid responses, and renders the PDF', async () => {
    const r = await env.call(
      env.coordinator,
      'GET',
      `/api/v1/campaigns/${env.campaignId}/units/${env.other}/validity-matrix.xlsx`,
    );
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const values: string[] = [];
    wb.worksheets[0]!.eachRow((row) => {
      values.push(String((row.values as unknown[])[1] ?? ''));
    });
    const li = values.indexOf('a');
    expect(values[li + 1]).toBe('NIHIL');
    for (const unit of [env.other, env.tarakan]) {
      const pdf = await env.call(env.coordinator, 'GET', `/api/v1/campaigns/${env.campaignId}/units/${unit}/validity-matrix.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('refuses every cleansing step once the campaign is closed, naming restatement', async () => {
    await env.t.deps.dbh.db.updateTable('skm_campaign').set({ status: 'closed' }).where('id', '=', env.campaignId).execute();
    const before = await counters(env, service);
    const re = await env.call(env.coordinator, 'POST', `/api/v1/responses/${ids[0]}/reinstate`, { reason: 'Terlambat' });
    expect(re.statusCode).toBe(409);
    expect(re.json().error.message).toMatch(/restatement/);
    const reEn = await env.call(env.coordinator, 'POST', `/api/v1/responses/${ids[0]}/reinstate?lang=en`, { reason: 'Late' });
    expect(reEn.json().error.message).toMatch(/restatement/);
    expect(
      (await env.call(op, 'POST', `/api/v1/responses/${ids[4]}/invalidation-proposals`, { reason: 'duplicate' })).statusCode,
    ).toBe(409);
    expect(
      (await env.call(env.coordinator, 'POST', `/api/v1/responses/${ids[4]}/invalidate`, { reason: 'duplicate' })).statusCode,
    ).toBe(409);
    expect(await validity(ids[0]!)).toBe('invalid');
    expect(await counters(env, service)).toEqual(before);
  });
});
