import type { Db } from '../../../db/connection.ts';
import { shippedProfile } from '../../../domain/profiles/shipped-profiles.ts';

/** Closed (frozen) SKM campaigns only: the public never sees live or demo figures. */
export async function closedCampaigns(db: Db) {
  const rows = await db
    .selectFrom('skm_campaign')
    .select(['id', 'name', 'year', 'profile_code'])
    .where('status', '=', 'closed')
    .where('is_demo', '=', 0)
    .orderBy('year', 'desc')
    .orderBy('closed_at', 'desc')
    .execute();
  return rows.filter((r) => Boolean(shippedProfile(r.profile_code)?.instruments.skm));
}

export async function closedCampaignsOfUnit(db: Db, unitId: string) {
  const rows = await db
    .selectFrom('skm_campaign as c')
    .innerJoin('campaign_unit as cu', 'cu.campaign_id', 'c.id')
    .select(['c.id', 'c.name', 'c.year', 'c.profile_code'])
    .where('cu.unit_id', '=', unitId)
    .where('c.status', '=', 'closed')
    .where('c.is_demo', '=', 0)
    .orderBy('c.year', 'asc')
    .execute();
  return rows.filter((r) => Boolean(shippedProfile(r.profile_code)?.instruments.skm));
}

/** Unit codes are stable public slugs (`BPOM-TRK`); matched case-insensitively. */
export const publicUnitByCode = (db: Db, code: string) =>
  db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name'])
    .where((eb) => eb(eb.fn('upper', ['code']), '=', code.toUpperCase()))
    .where('is_public_service_unit', '=', 1)
    .where('active', '=', 1)
    .executeTakeFirst();

/** Actions under way (planned or in progress, not withdrawn) of the unit. */
export const openActions = (db: Db, unitId: string) =>
  db
    .selectFrom('action_plan')
    .select(['id', 'element_codes_json', 'action_text', 'timeline_raw', 'implementation_status'])
    .where('unit_id', '=', unitId)
    .where('withdrawn_at', 'is', null)
    .where('implementation_status', 'in', ['planned', 'in_progress'])
    .orderBy('timeline_date')
    .orderBy('seq')
    .execute();

/** What the page's ETag depends on: every snapshot, history entry and action change bumps it. */
export async function fingerprint(db: Db): Promise<string> {
  const snap = await db
    .selectFrom('result_snapshot')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('frozen_at').as('at')])
    .executeTakeFirst();
  const act = await db
    .selectFrom('action_plan')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('updated_at').as('at')])
    .executeTakeFirst();
  const camp = await db
    .selectFrom('skm_campaign')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('updated_at').as('at')])
    .where('status', '=', 'closed')
    .executeTakeFirst();
  return [snap?.n, snap?.at, act?.n, act?.at, camp?.n, camp?.at].map(String).join('|');
}
