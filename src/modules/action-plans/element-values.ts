import type { Db } from '../../db/connection.ts';
import type { Rational } from '../../domain/core/rational.ts';
import { elementValues } from './recommendation.service.ts';

/**
 * Published unit element values of a year (D19): the newest computed snapshot of a closed (non-demo) campaign of
 * that year, else the published history imported by the coordinator. unitId → code → value.
 */
export async function unitElementValuesOfYear(
  db: Db,
  unitIds: readonly string[],
  year: number,
): Promise<Map<string, Map<string, Rational>>> {
  const out = new Map<string, Map<string, Rational>>();
  if (!unitIds.length) return out;
  const computed = await db
    .selectFrom('result_snapshot as s')
    .innerJoin('skm_campaign as c', 'c.id', 's.campaign_id')
    .select(['s.unit_id', 's.version', 's.values_json', 's.frozen_at'])
    .where('s.unit_id', 'in', [...unitIds])
    .where('s.kind', '=', 'skm_unit')
    .where('c.year', '=', year)
    .where('c.is_demo', '=', 0)
    .execute();
  const published = await db
    .selectFrom('result_snapshot')
    .select(['unit_id', 'version', 'values_json', 'frozen_at'])
    .where('unit_id', 'in', [...unitIds])
    .where('kind', '=', 'skm_unit_published')
    .where('period_ref', '=', String(year))
    .execute();
  const newest = (rows: typeof published) => {
    const best = new Map<string, (typeof published)[number]>();
    for (const r of rows) {
      if (!r.unit_id) continue;
      const cur = best.get(r.unit_id);
      if (!cur || r.version > cur.version || (r.version === cur.version && r.frozen_at > cur.frozen_at)) best.set(r.unit_id, r);
    }
    return best;
  };
  const c = newest(computed);
  const p = newest(published);
  for (const u of unitIds) {
    const row = c.get(u) ?? p.get(u);
    if (row) out.set(u, new Map(elementValues(row).map((e) => [e.code, e.value as Rational])));
  }
  return out;
}
