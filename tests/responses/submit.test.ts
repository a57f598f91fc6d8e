import { afterAll, beforeAll, expect, it } from 'vitest';
import { shippedProfile } from '../../src/domain/profiles/shipped-profiles.ts';
import { accumulate } from '../../src/domain/skm/tally.ts';
import { AppError } from '../../src/http/app-error.ts';
import { readTally, recountService } from '../../src/modules/responses/counted-window.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { bpomInput, type Env, setupCollecting } from './setup.ts';

describeEachEngine('response submission service', (_engine, open) => {
  let env: Env;
  const svc = () => env.t.deps.services.responses;
  const db = () => env.t.deps.dbh.db;
  // Tarakan: [8] Pengaduan target 18, [6] CPPOB target 2, [4] CPKB target 1.
  const pengaduan = () => env.fx.tarakanServices[8]!;
  const cppob = () => env.fx.tarakanServices[6]!;
  const cpkb = () => env.fx.tarakanServices[4]!;
  const target = (sid: string) =>
    db()
      .selectFrom('campaign_target')
      .selectAll()
      .where('campaign_id', '=', env.campaignId)
      .where('unit_service_id', '=', sid)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    env = await setupCollecting(open);
  });
  afterAll(async () => env?.t.close());

  it('stores a response with seqNo, channel, HMAC of the address and the local month; nothing in plaintext', async () => {
    const input = bpomInput(env, cpkb(), {
      respondent: {
        fullName: 'Siti Rahmawati',
        age: 41,
        sex: 'perempuan',
        phone: '0812-7777-1234',
        education: 's2_s3',
        occupation: 'pns_tni_polri',
        institution: 'Dinas Kesehatan Kota',
      },
      suggestion: 'Antrian sudah baik',
    });
    const r = await svc().submit(input);
    expect(r).toMatchObject({ seqNo: 1, replayed: false, duplicateHint: null });
    const row = await db().selectFrom('survey_response').selectAll().where('id', '=', r.responseId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      seq_no: 1,
      channel: 'link',
      unit_id: env.fx.tarakan,
      validity: 'valid',
      counted: 1,
      local_month: '2024-05',
    });
    expect(row.submitted_at).toBe('2024-05-02T02:00:00.000Z');
    const raw = JSON.stringify(row);
    for (const plain of ['Siti', 'Rahmawati', '0812', '7777', 'Dinas Kesehatan', '10.1.2.3']) expect(raw).not.toContain(plain);
    expect(row.ip_hmac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const pd = svc().crypto();
    expect(pd.decrypt(row.full_name_enc!, 'full_name')).toBe('Siti Rahmawati');
    expect(pd.decrypt(row.phone_enc!, 'phone')).toBe('0812-7777-1234');
    expect(pd.decrypt(row.institution_enc!, 'institution')).toBe('Dinas Kesehatan Kota');
    expect(JSON.parse(row.answers_json)).toEqual(input.answers);
  });

  it('a replay with the same clientSubmissionId stores nothing new and returns the stored response', async () => {
    const input = bpomInput(env, cpkb());
    const a = await svc().submit(input);
    const before = await target(cpkb());
    const b = await svc().submit({ ...input, respondent: { ...input.respondent, age: 50 } });
    const c = await Promise.all([svc().submit(input), svc().submit(input)]);
    expect(b).toEqual({ ...a, replayed: true });
    expect(c.every((x) => x.responseId === a.responseId && x.replayed)).toBe(true);
    const rows = await db()
      .selectFrom('survey_response')
      .select('id')
      .where('client_submission_id', '=', input.clientSubmissionId)
      .execute();
    expect(rows).toHaveLength(1);
    expect((await target(cpkb())).n_submitted).toBe(before.n_submitted);
  });

  it('flags duplicates (same phone however written; same name + service within 60 minutes) and never for phone "0"', async () => {
    const p1 = await svc().submit(
      bpomInput(env, cpkb(), { respondent: { ...bpomInput(env, cpkb()).respondent, phone: '0813 5555 0001' } }),
    );
    expect(p1.duplicateHint).toBeNull();
    const p2 = await svc().submit(
      bpomInput(env, cppob(), { respondent: { ...bpomInput(env, cppob()).respondent, phone: '+62 813-5555-0001' } }),
    );
    expect(p2.duplicateHint).toBe('phone');
    const dupRow = await db()
      .selectFrom('survey_response')
      .select(['duplicate_of_id', 'validity'])
      .where('id', '=', p2.responseId)
      .executeTakeFirstOrThrow();
    expect(dupRow).toEqual({ duplicate_of_id: p1.responseId, validity: 'valid' });

    const zero = (name: string) =>
      bpomInput(env, cpkb(), { respondent: { ...bpomInput(env, cpkb()).respondent, fullName: name, phone: '0' } });
    expect((await svc().submit(zero('Andi Zero Satu'))).duplicateHint).toBeNull();
    expect((await svc().submit(zero('Budi Zero Dua'))).duplicateHint).toBeNull();
    const noPhone = await db()
      .selectFrom('survey_response')
      .select('phone_bidx')
      .where('phone_enc', 'is not', null)
      .where('phone_bidx', 'is', null)
      .execute();
    expect(noPhone.length).toBeGreaterThanOrEqual(2);

    const named = (name: string, sid = cpkb()) =>
      bpomInput(env, sid, { respondent: { ...bpomInput(env, sid).respondent, fullName: name } });
    await svc().submit(named('Rudi Hartono'));
    env.clock.advance(59 * 60_000);
    expect((await svc().submit(named('  RUDI   hartono '))).duplicateHint).toBe('name_service');
    expect((await svc().submit(named('Rudi Hartono', cppob()))).duplicateHint).toBeNull(); // another service
    env.clock.advance(2 * 60 * 60_000);
    expect((await svc().submit(named('Rudi Hartono'))).duplicateHint).toBeNull(); // > 60 minutes later
  });

  it('validates against the profile and names every field in Indonesian or English', async () => {
    const bad = bpomInput(env, cpkb(), {
      respondent: {
        fullName: '',
        age: 9,
        sex: 'x',
        phone: '0812',
        education: 'd4_s1',
        occupation: 'wiraswasta',
        institution: 'CV',
      },
      completionPct: 101,
      answers: { ...bpomInput(env, cpkb()).answers, A1: 7, B5: null },
    });
    const err = (await svc()
      .submit(bad)
      .catch((e) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    const fields = Object.fromEntries(err.fields.map((f) => [f.field, f.message]));
    expect(fields['respondent.fullName']).toBe('Nama Lengkap wajib diisi.');
    expect(fields['respondent.age']).toBe('Umur harus berupa bilangan bulat 10 sampai 99.');
    expect(fields['respondent.sex']).toBe('Pilih salah satu pilihan untuk Jenis Kelamin.');
    expect(fields.completionPct).toContain('0 sampai 100');
    expect(fields['answers.A1']).toBe('Jawaban pertanyaan A1 harus berupa pilihan 1 sampai 6.');
    expect(fields['answers.B5']).toBe('Pertanyaan B5 belum dijawab.');
    const en = (await svc()
      .submit({ ...bad, locale: 'en' })
      .catch((e) => e)) as AppError;
    expect(en.fields.find((f) => f.field === 'respondent.age')?.message).toBe('Age must be a whole number from 10 to 99.');
    // A service of another unit is refused; paper entries may leave blanks.
    const other = (await svc()
      .submit(bpomInput(env, env.fx.centralServices[0]!))
      .catch((e) => e)) as AppError;
    expect(other.fields.map((f) => f.field)).toEqual(['unitServiceId']);
    const paper = await svc().submit(
      bpomInput(env, cpkb(), {
        channel: 'paper_entry',
        submittedAt: '2024-04-15T10:00:00+08:00',
        respondent: { fullName: 'Kertas', age: null, phone: '0' },
        answers: { A1: 4, A2: null },
      }),
    );
    const row = await db().selectFrom('survey_response').selectAll().where('id', '=', paper.responseId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'paper_entry',
      submitted_at: '2024-04-15T02:00:00.000Z',
      age: null,
      local_month: '2024-04',
    });
    expect(JSON.parse(row.answers_json)).toEqual({ A1: 4 });
    // Online channels cannot choose their time.
    const when = (await svc()
      .submit(bpomInput(env, cpkb(), { submittedAt: '2024-04-15T10:00:00+08:00' }))
      .catch((e) => e)) as AppError;
    expect(when.fields.map((f) => f.field)).toEqual(['submittedAt']);
  });

  it('counts the first 18 of 24 valid responses for target 18, and all 5 for target 2', async () => {
    expect((await target(pengaduan())).target).toBe(18);
    expect((await target(cppob())).target).toBe(2);
    const before = (await target(cppob())).n_valid;
    for (let i = 0; i < 24; i++) {
      env.clock.advance(1000);
      await svc().submit(bpomInput(env, pengaduan(), {}, (i % 6) + 1));
    }
    for (let i = 0; i < 5; i++) await svc().submit(bpomInput(env, cppob()));
    expect(await target(pengaduan())).toMatchObject({ n_submitted: 24, n_valid: 24, n_counted: 18 });
    expect(await target(cppob())).toMatchObject({ n_valid: before + 5, n_counted: before + 5 });
    const rows = await db()
      .selectFrom('survey_response')
      .select(['id', 'seq_no', 'counted', 'answers_json', 'submitted_at'])
      .where('unit_service_id', '=', pengaduan())
      .orderBy('submitted_at')
      .orderBy('seq_no')
      .execute();
    expect(rows.map((r) => r.counted)).toEqual([...Array(18).fill(1), ...Array(6).fill(0)]);
    const profile = shippedProfile('bpom-2024')!;
    const expected = accumulate(
      profile,
      rows.slice(0, 18).map((r) => JSON.parse(r.answers_json)),
    );
    expect(await readTally(db(), env.campaignId, { unitServiceIds: [pengaduan()] })).toEqual(expected);

    // An invalidation inside the window moves it: the 19th response comes in.
    await db().updateTable('survey_response').set({ validity: 'invalid' }).where('id', '=', rows[3]!.id).execute();
    await db()
      .transaction()
      .execute((trx) => recountService(trx, env.campaignId, pengaduan()));
    expect(await target(pengaduan())).toMatchObject({ n_submitted: 24, n_valid: 23, n_counted: 18 });
    const moved = [...rows.slice(0, 3), ...rows.slice(4, 19)];
    expect(await readTally(db(), env.campaignId, { unitServiceIds: [pengaduan()] })).toEqual(
      accumulate(
        profile,
        moved.map((r) => JSON.parse(r.answers_json)),
      ),
    );

    // A back-dated paper questionnaire enters the full window and pushes the last member out.
    const paper = await svc().submit(
      bpomInput(env, pengaduan(), { channel: 'paper_entry', submittedAt: '2024-04-02T09:00:00+08:00' }, 1),
    );
    const flags = await db()
      .selectFrom('survey_response')
      .select(['id', 'counted'])
      .where('id', 'in', [paper.responseId, rows[18]!.id])
      .execute();
    expect(Object.fromEntries(flags.map((f) => [f.id, f.counted]))).toEqual({ [paper.responseId]: 1, [rows[18]!.id]: 0 });
    expect(await target(pengaduan())).toMatchObject({ n_submitted: 25, n_valid: 24, n_counted: 18 });
    // The incremental path and a full recount agree.
    const incremental = await readTally(db(), env.campaignId, { unitId: env.fx.tarakan });
    for (const sid of env.fx.tarakanServices)
      await db()
        .transaction()
        .execute((trx) => recountService(trx, env.campaignId, sid));
    expect(await readTally(db(), env.campaignId, { unitId: env.fx.tarakan })).toEqual(incremental);
  });

  it('submitMany stores a batch in the caller transaction, reports every bad row, and stores none of a bad batch', async () => {
    const count = async () =>
      Number(
        (
          await db()
            .selectFrom('survey_response')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n0 = await count();
    const paper = (over = {}) =>
      bpomInput(env, cppob(), { channel: 'paper_entry', submittedAt: '2024-04-20T09:00:00+08:00', ...over });
    const bad = [paper(), paper({ respondent: { age: 5 } }), paper(), paper({ answers: { A1: 9 } })];
    const err = (await db()
      .transaction()
      .execute((trx) => svc().submitMany(trx, bad))
      .catch((e) => e)) as AppError;
    expect(err.fields.map((f) => f.field)).toEqual(['1.respondent.age', '3.answers.A1']);
    expect(await count()).toBe(n0);
    const good = [paper(), paper(), paper()];
    const res = await db()
      .transaction()
      .execute((trx) => svc().submitMany(trx, [...good, good[0]!]));
    expect(res.map((r) => r.replayed)).toEqual([false, false, false, true]);
    expect(res[3]!.responseId).toBe(res[0]!.responseId);
    expect(new Set(res.map((r) => r.seqNo)).size).toBe(3);
    expect(await count()).toBe(n0 + 3);
  });

  it('refuses submissions when the campaign is not collecting or the date is outside the window', async () => {
    env.clock.ms = Date.parse('2024-06-30T15:30:00.000Z'); // 23:30 WITA on 30 June: still inside (end inclusive)
    expect((await svc().submit(bpomInput(env, cpkb()))).replayed).toBe(false);
    env.clock.ms = Date.parse('2024-06-30T16:30:00.000Z'); // 00:30 WITA on 1 July
    const late = (await svc()
      .submit(bpomInput(env, cpkb()))
      .catch((e) => e)) as AppError;
    expect(late.code).toBe('invalid_state');
    env.clock.ms = Date.parse('2024-05-10T02:00:00.000Z');
    await db().updateTable('skm_campaign').set({ status: 'validating' }).where('id', '=', env.campaignId).execute();
    expect(
      (
        (await svc()
          .submit(bpomInput(env, cpkb()))
          .catch((e) => e)) as AppError
      ).code,
    ).toBe('invalid_state');
    // Paper questionnaires may still be entered while validating.
    const p = await svc().submit(bpomInput(env, cpkb(), { channel: 'paper_entry', submittedAt: '2024-05-09T09:00:00+08:00' }));
    expect(p.replayed).toBe(false);
    await db().updateTable('skm_campaign').set({ status: 'collecting' }).where('id', '=', env.campaignId).execute();
  });
});
