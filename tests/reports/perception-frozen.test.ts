import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/modules/auth/actor.ts';
import { documentTables, documentText, type TableBlock } from '../../src/modules/reports/document/document.ts';
import { createTestApp, describeEachEngine, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { type CompilationSetup, movableClock, request, setupCompilation } from './compilation-fixture.ts';

/**
 * A month the inspectorate froze (DOMAIN 6.8) is read from its snapshot by the live perception
 * endpoint and the SPKP/SPAK monthly report: a later change to the month's responses no longer
 * moves it, while a month that is not frozen still follows its responses.
 */

const actorOf = (userId: string, role: Role, unitId: string | null): Actor => ({
  userId,
  username: role,
  fullName: role,
  grants: [{ role, unitId }],
  mustChangePassword: false,
  sessionId: '',
  locale: 'id',
});
const cellText = (c: TableBlock['body'][number][number]) => (typeof c === 'string' ? c : String(c.content));

describeEachEngine('SPKP/SPAK: frozen months read from the snapshot', (_engine, open) => {
  let t: TestApp;
  let s: CompilationSetup;
  const clock = movableClock('2026-04-10T03:00:00.000Z');
  const req = (...a: Parameters<ReturnType<typeof request>>) => request(t)(...a);
  const inspectorate = actorOf('insp', 'inspectorate', null);

  beforeAll(async () => {
    t = await createTestApp(open, {}, clock);
    s = await setupCompilation(t, { perUnit: [31, 4] });
  });
  afterAll(async () => {
    await t?.close();
  });

  let who: TestLogin;
  const march = async (unitId: string) => {
    const res = await req('GET', `/api/v1/campaigns/${s.campaignId}/units/${unitId}/perception?from=2026-03&to=2026-03`, who);
    expect(res.statusCode).toBe(200);
    const api = res.json();
    return api.months.find((m: { month: string }) => m.month === '2026-03');
  };
  /** Every answer of the unit's earliest March response (always among the selected 30) set to 1. */
  const spoilFirstResponse = async (unitId: string) => {
    const db = t.deps.dbh.db;
    const first = await db
      .selectFrom('survey_response')
      .select(['id', 'answers_json'])
      .where('campaign_id', '=', s.campaignId)
      .where('unit_id', '=', unitId)
      .orderBy('submitted_at')
      .orderBy('seq_no')
      .executeTakeFirstOrThrow();
    const answers = Object.fromEntries(Object.keys(JSON.parse(first.answers_json)).map((k) => [k, 1]));
    await db
      .updateTable('survey_response')
      .set({ answers_json: JSON.stringify(answers) })
      .where('id', '=', first.id)
      .execute();
  };

  it('keeps the frozen IPP/IPAK, bands, elements, counts and selected respondents; a month not frozen stays live', async () => {
    who = s.coord;
    const before = await march(s.fx.tarakan);
    const centralBefore = await march(s.fx.central);
    expect(before.selected).toBe(30);
    const annexBefore = documentTables(
      await t.deps.services.reportsPerception.compose(inspectorate, s.fx.tarakan, 2026, 3, 'id'),
    ).at(-1) as TableBlock;

    clock.set('2026-04-15T03:00:00.000Z'); // past the 10-day grace period
    who = await loginAs(t, 'skm_coordinator');
    await t.deps.services.perceptionMonths.freeze(inspectorate, s.fx.tarakan, 2026, 3, 'id');
    await spoilFirstResponse(s.fx.tarakan);
    // A late cleansing decision: live, the first respondent would leave the month's first 30.
    const first = await t.deps.dbh.db
      .selectFrom('survey_response')
      .select('id')
      .where('campaign_id', '=', s.campaignId)
      .where('unit_id', '=', s.fx.tarakan)
      .orderBy('submitted_at')
      .orderBy('seq_no')
      .executeTakeFirstOrThrow();
    await t.deps.dbh.db.updateTable('survey_response').set({ validity: 'invalid' }).where('id', '=', first.id).execute();
    await spoilFirstResponse(s.fx.central);

    // Not frozen: the changed answers move the live figures.
    const centralAfter = await march(s.fx.central);
    expect(centralAfter.spkp.index.value).toBeLessThan(centralBefore.spkp.index.value);

    // Frozen: the snapshot's figures, identical to what was frozen.
    const after = await march(s.fx.tarakan);
    expect(after).toEqual(before);

    const doc = await t.deps.services.reportsPerception.compose(inspectorate, s.fx.tarakan, 2026, 3, 'id');
    expect(documentText(doc)).not.toContain('SEMENTARA');
    const ipp = documentTables(doc).find((x) => x.caption?.startsWith('Tabel 1.')) as TableBlock;
    expect(cellText(ipp.body.at(-1)?.[1] as never)).toBe(before.spkp.index.display);
    expect(documentText(doc)).toContain(`dikategorikan “${before.spkp.band.label}”`);
    // The annex lists the respondents the freeze selected.
    expect((documentTables(doc).at(-1) as TableBlock).body).toEqual(annexBefore.body);
  });
});
