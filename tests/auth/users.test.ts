import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Db } from '../../src/db/connection.ts';
import type { AuditEntry } from '../../src/modules/audit/audit.service.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { insertUnit, insertUser, login, MINUTE, manualClock } from './fixtures.ts';

describeEachEngine('user administration', (_engine, open) => {
  let t: TestApp;
  let cookie: string;
  let unitA: string;
  let unitB: string;
  const clock = manualClock();
  const audited: { trx: Db; entry: AuditEntry }[] = [];

  beforeAll(async () => {
    t = await createTestApp(open, {}, clock);
    const db = t.deps.dbh.db;
    unitA = await insertUnit(db, { code: 'BBPOM-SRG', name: 'Balai Besar POM di Serang' });
    unitB = await insertUnit(db, { code: 'LOKA-KTP', name: 'Loka POM di Kabupaten Ketapang', type: 'loka' });
    await insertUnit(db, { code: 'OLD-UNIT', name: 'Unit Lama', active: false });
    await insertUser(db, { username: 'root', password: 'Root-Passw0rd!', roles: [{ role: 'system_admin' }] });
    ({ cookie } = await login(t.app, 'root', 'Root-Passw0rd!'));
    const original = t.deps.services.audit.record;
    vi.spyOn(t.deps.services.audit, 'record').mockImplementation(async (trx, entry) => {
      audited.push({ trx, entry });
      return original(trx, entry);
    });
  });
  afterAll(async () => t?.close());

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, c = cookie) =>
    t.app.inject({ method, url, headers: { ...SAME_ORIGIN, cookie: c }, ...(payload ? { payload } : {}) });
  const lastAudit = () => audited.at(-1)?.entry;
  const inTransaction = () => audited.at(-1)?.trx.isTransaction === true;

  it('creates a user with a temporary password that must be changed at first login', async () => {
    const res = await req('POST', '/api/v1/users', {
      username: 'Operator.Serang',
      fullName: 'Siti Operator',
      nip: '198001012005012001',
      email: 'Siti@pom.go.id',
      roles: [
        { role: 'unit_operator', unitId: unitA },
        { role: 'unit_operator', unitId: unitA },
        { role: 'executive_viewer', unitId: unitB },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { user, temporaryPassword } = res.json();
    expect(user).toMatchObject({
      username: 'operator.serang',
      fullName: 'Siti Operator',
      nip: '198001012005012001',
      email: 'siti@pom.go.id',
      active: true,
      locked: false,
      mustChangePassword: true,
    });
    // Duplicates collapse; agency-wide roles carry no unit.
    expect(user.roles).toHaveLength(2);
    expect(user.roles).toContainEqual({ role: 'unit_operator', unitId: unitA, unitName: 'Balai Besar POM di Serang' });
    expect(user.roles).toContainEqual({ role: 'executive_viewer', unitId: null, unitName: null });
    expect(lastAudit()).toMatchObject({ entityType: 'user', entityId: user.id, action: 'create' });
    expect(JSON.stringify(lastAudit())).not.toContain('argon2');
    expect(inTransaction()).toBe(true);

    const first = await login(t.app, 'operator.serang', temporaryPassword);
    const blocked = await req('GET', '/api/v1/units', undefined, first.cookie);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
  });

  it('rejects bad input with the field named, and taken usernames with 409', async () => {
    const missingUnit = await req('POST', '/api/v1/users', { username: 'x.op', fullName: 'X', roles: [{ role: 'unit_head' }] });
    expect(missingUnit.statusCode).toBe(400);
    expect(missingUnit.json().error.fields).toEqual([
      { field: 'body.roles.0.unitId', message: 'Peran ini memerlukan unit kerja' },
    ]);
    const unknownUnit = await req('POST', '/api/v1/users', {
      username: 'x.op',
      fullName: 'X',
      roles: [{ role: 'sakip_manager', unitId: 'nope' }],
    });
    expect(unknownUnit.json().error.fields[0].field).toBe('body.roles.0.unitId');
    const badNip = await req('POST', '/api/v1/users', {
      username: 'x.op',
      fullName: 'X',
      nip: '123',
      roles: [{ role: 'inspectorate' }],
    });
    expect(badNip.statusCode).toBe(400);
    expect(badNip.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.nip']);
    const badRole = await req('POST', '/api/v1/users', { username: 'x.op', fullName: 'X', roles: [{ role: 'superuser' }] });
    expect(badRole.json().error.fields[0].field).toBe('body.roles.0.role');
    const taken = await req('POST', '/api/v1/users', { username: 'ROOT', fullName: 'Again', roles: [{ role: 'inspectorate' }] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields[0].field).toBe('body.username');
    expect(await t.deps.dbh.db.selectFrom('app_user').select('username').where('username', '=', 'x.op').execute()).toHaveLength(
      0,
    );
  });

  it('lists users with text, unit and role filters and paging', async () => {
    const all = await req('GET', '/api/v1/users');
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(3); // with the bootstrap administrator `admin`
    expect(all.json().items.map((u: { username: string }) => u.username)).toEqual(['admin', 'operator.serang', 'root']);
    const byUnit = await req('GET', `/api/v1/users?unitId=${unitA}`);
    expect(byUnit.json().items.map((u: { username: string }) => u.username)).toEqual(['operator.serang']);
    const byRole = await req('GET', '/api/v1/users?role=system_admin');
    expect(byRole.json().items.map((u: { username: string }) => u.username)).toEqual(['admin', 'root']);
    const byText = await req('GET', '/api/v1/users?q=SITI');
    expect(byText.json().total).toBe(1);
    const byNip = await req('GET', '/api/v1/users?q=19800101');
    expect(byNip.json().total).toBe(1);
    const page2 = await req('GET', '/api/v1/users?page=2&pageSize=1');
    expect(page2.json()).toMatchObject({ total: 3, items: [{ username: 'operator.serang' }] });
    expect((await req('GET', '/api/v1/users?pageSize=0')).json().error.fields[0].field).toBe('query.pageSize');
  });

  it('edits, deactivates (revoking sessions) and protects the last administrator', async () => {
    const db = t.deps.dbh.db;
    const id = await insertUser(db, {
      username: 'heady',
      password: 'Heady-Passw0rd',
      roles: [{ role: 'unit_head', unitId: unitA }],
    });
    const session = await login(t.app, 'heady', 'Heady-Passw0rd');
    const edit = await req('PATCH', `/api/v1/users/${id}`, {
      fullName: 'Kepala Balai',
      email: null,
      roles: [{ role: 'unit_head', unitId: unitB }],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ fullName: 'Kepala Balai', roles: [{ role: 'unit_head', unitId: unitB }] });
    expect(lastAudit()).toMatchObject({ action: 'update', before: { roles: [{ role: 'unit_head', unitId: unitA }] } });
    // Role changes apply at the next request of a live session.
    const me = await req('GET', '/api/v1/auth/me', undefined, session.cookie);
    expect(me.json().roles).toEqual([{ role: 'unit_head', unitId: unitB, unitName: 'Loka POM di Kabupaten Ketapang' }]);

    const inactiveUnit = await db.selectFrom('org_unit').select('id').where('code', '=', 'OLD-UNIT').executeTakeFirstOrThrow();
    const toInactive = await req('PATCH', `/api/v1/users/${id}`, { roles: [{ role: 'unit_head', unitId: inactiveUnit.id }] });
    expect(toInactive.statusCode).toBe(400);

    const off = await req('PATCH', `/api/v1/users/${id}`, { active: false });
    expect(off.json().active).toBe(false);
    expect(lastAudit()?.action).toBe('deactivate');
    expect((await req('GET', '/api/v1/auth/me', undefined, session.cookie)).statusCode).toBe(401);
    expect(await db.selectFrom('session').select('id').where('user_id', '=', id).execute()).toHaveLength(0);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: SAME_ORIGIN,
      payload: { username: 'heady', password: 'Heady-Passw0rd' },
    });
    expect(denied.statusCode).toBe(401);

    const rootId = (await db.selectFrom('app_user').select('id').where('username', '=', 'root').executeTakeFirstOrThrow()).id;
    const bootId = (await db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    expect((await req('PATCH', `/api/v1/users/${bootId}`, { active: false })).statusCode).toBe(200);
    const lastAdmin = await req('PATCH', `/api/v1/users/${rootId}`, { active: false });
    expect(lastAdmin.statusCode).toBe(409);
    const demote = await req('PATCH', `/api/v1/users/${rootId}`, { roles: [{ role: 'inspectorate' }] });
    expect(demote.statusCode).toBe(409);
    const admins = (await req('GET', '/api/v1/users?role=system_admin')).json().items as { username: string; active: boolean }[];
    expect(admins.filter((u) => u.active).map((u) => u.username)).toEqual(['root']);
    expect((await req('PATCH', '/api/v1/users/unknown-id', { fullName: 'X' })).statusCode).toBe(404);
  });

  it('issues a one-time reset link that unlocks the account and expires after 24 hours', async () => {
    const db = t.deps.dbh.db;
    const id = await insertUser(db, { username: 'forgetful', password: 'Old-Passw0rd!', roles: [{ role: 'inspectorate' }] });
    await db
      .updateTable('app_user')
      .set({ locked_at: clock.now().toISOString(), failed_logins: 5 })
      .where('id', '=', id)
      .execute();
    const link = await req('POST', `/api/v1/users/${id}/reset-link`);
    expect(link.statusCode).toBe(200);
    const { url, expiresAt } = link.json();
    expect(url).toMatch(/^http:\/\/localhost:3000\/app\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(expiresAt) - clock.now().getTime()).toBe(24 * 60 * MINUTE);
    expect(lastAudit()).toMatchObject({ action: 'reset_link', entityId: id });
    const token = new URL(url).searchParams.get('token') as string;
    const stored = await db.selectFrom('password_reset').selectAll().where('user_id', '=', id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toBe(token);

    const reset = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/reset-password', headers: SAME_ORIGIN, payload });
    expect((await reset({ token, newPassword: 'forgetful' })).statusCode).toBe(400); // too short
    expect((await reset({ token: `${token}x`, newPassword: 'New-Passw0rd-1' })).json().error.fields[0].field).toBe('body.token');
    const ok = await reset({ token, newPassword: 'New-Passw0rd-1' });
    expect(ok.statusCode, ok.body).toBe(204);
    expect(lastAudit()).toMatchObject({ action: 'password_reset', entityId: id });
    expect(inTransaction()).toBe(true);
    const after = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ locked_at: null, failed_logins: 0, must_change_password: 0 });
    const again = await reset({ token, newPassword: 'Other-Passw0rd-2' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields[0].field).toBe('body.token');
    const session = await login(t.app, 'forgetful', 'New-Passw0rd-1');
    expect((await req('GET', '/api/v1/auth/me', undefined, session.cookie)).json().mustChangePassword).toBe(false);

    // A newer link voids the older one; links expire after 24 hours.
    const l1 = new URL((await req('POST', `/api/v1/users/${id}/reset-link`)).json().url).searchParams.get('token');
    const l2 = new URL((await req('POST', `/api/v1/users/${id}/reset-link`)).json().url).searchParams.get('token');
    expect((await reset({ token: l1, newPassword: 'Third-Passw0rd-3' })).statusCode).toBe(400);
    expect((await req('POST', '/api/v1/users/unknown/reset-link')).statusCode).toBe(404);
    clock.advance(24 * 60 * MINUTE);
    expect((await reset({ token: l2, newPassword: 'Third-Passw0rd-3' })).statusCode).toBe(400);
    ({ cookie } = await login(t.app, 'root', 'Root-Passw0rd!')); // the old session idled out meanwhile
  });

  it('imports users from CSV, all rows at once, with temporary passwords', async () => {
    const csv = [
      'NIP;Nama;Email;Unit Kerja;Peran',
      '199001012015011001;"Budi; Operator";budi@pom.go.id;BBPOM-SRG;unit_operator',
      ';Ani Kepala;ani.kepala@pom.go.id;Loka POM di Kabupaten Ketapang;unit_head',
      '199202022016022002;Citra;;;skm_coordinator',
    ].join('\r\n');
    const before = audited.length;
    const res = await req('POST', '/api/v1/users/import', { csv });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.created).toBe(3);
    expect(body.users.map((u: { username: string }) => u.username)).toEqual([
      '199001012015011001',
      'ani.kepala',
      '199202022016022002',
    ]);
    const created = await t.deps.dbh.db
      .selectFrom('app_user')
      .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
      .select(['username', 'full_name', 'must_change_password', 'role', 'unit_id'])
      .where('username', 'in', ['199001012015011001', 'ani.kepala', '199202022016022002'])
      .orderBy('username')
      .execute();
    expect(created).toEqual([
      {
        username: '199001012015011001',
        full_name: 'Budi; Operator',
        must_change_password: 1,
        role: 'unit_operator',
        unit_id: unitA,
      },
      { username: '199202022016022002', full_name: 'Citra', must_change_password: 1, role: 'skm_coordinator', unit_id: null },
      { username: 'ani.kepala', full_name: 'Ani Kepala', must_change_password: 1, role: 'unit_head', unit_id: unitB },
    ]);
    expect(audited.slice(before).map((a) => [a.entry.action, a.trx.isTransaction])).toEqual([
      ['create', true],
      ['create', true],
      ['create', true],
    ]);
    const first = body.users[1];
    const s = await login(t.app, first.username, first.temporaryPassword);
    expect((await req('GET', '/api/v1/auth/me', undefined, s.cookie)).json().mustChangePassword).toBe(true);
  });

  it('refuses a whole import with bad rows, naming every bad cell, and stores nothing', async () => {
    const db = t.deps.dbh.db;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('app_user')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const auditedBefore = audited.length;
    const csv = [
      'nip,name,email,unit,role',
      '199301012017011001,Good Row,good@pom.go.id,BBPOM-SRG,unit_operator',
      '12345,Short Nip,,BBPOM-SRG,unit_operator',
      '199301012017011003,Bad Email,not-an-email,NOPE,boss',
      '199301012017011001,Duplicate Of Row Two,,LOKA-KTP,sakip_manager',
      ',No Unit,nounit@pom.go.id,,unit_head',
      '199001012015011001,Already There,,BBPOM-SRG,unit_operator',
      '"199301012017011007","Quoted, Fine",q@pom.go.id,"Balai Besar POM di Serang",inspectorate',
    ].join('\n');
    const res = await req('POST', '/api/v1/users/import', { csv });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('Impor ditolak: 7 kesalahan, tidak ada data yang disimpan');
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual([
      'rows[3].nip',
      'rows[4].email',
      'rows[4].role',
      'rows[4].unit',
      'rows[5].nip',
      'rows[6].unit',
      'rows[7].nip',
    ]);
    expect(res.json().error.fields[4].message).toBe('Duplikat dari baris 2');
    expect(await count()).toBe(before);
    expect(audited.length).toBe(auditedBefore);

    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/import?lang=en',
      headers: { ...SAME_ORIGIN, cookie },
      payload: { csv: 'name,unit\nX,BBPOM-SRG' },
    });
    expect(en.json().error.fields).toEqual([
      { field: 'rows[1].role', message: 'Column role is missing from the header row' },
      { field: 'rows[1].nip', message: 'Column nip / email is missing from the header row' },
    ]);
    expect((await req('POST', '/api/v1/users/import', { csv: 'nip,name,email,unit,role\n' })).json().error.fields[0].field).toBe(
      'csv',
    );
  });
});
