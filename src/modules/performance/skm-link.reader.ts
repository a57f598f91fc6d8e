import type { Db } from '../../db/connection.ts';
import { Rational } from '../../domain/core/rational.ts';

export interface SkmLinkedValue {
  value: Rational;
  snapshotId: string;
  frozenAt: string;
  published: string | null;
}

function parseExact(s: string): Rational {
  if (s.includes('/')) {
    const [n, d] = s.split('/');
    return Rational.of(BigInt(n ?? '0'), BigInt(d ?? '1'));
  }
  return Rational.parse(s);
}

/**
 * DOMAIN §9 SKM → SAKIP: the pooled unit IKM (D4) from the frozen `skm_unit` snapshot of a closed campaign, latest
 * version (a restatement supersedes). Snapshots are written by `src/modules/results` (issue 4); `values_json` holds
 * `[{key, exact, fullPrecision, published}]` and the unit index is the `IKM` key (`exact`: integer or `num/den`).
 */
export async function readSkmUnitIkm(db: Db, campaignId: string, unitId: string): Promise<SkmLinkedValue | null> {
  const campaign = await db.selectFrom('skm_campaign').select(['status']).where('id', '=', campaignId).executeTakeFirst();
  if (campaign?.status !== 'closed') return null;
  const snap = await db
    .selectFrom('result_snapshot')
    .select(['id', 'values_json', 'frozen_at'])
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .where('kind', '=', 'skm_unit')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!snap) return null;
  let values: { key?: string; exact?: string | null; fullPrecision?: string | null; published?: string | null }[];
  try {
    const parsed = JSON.parse(snap.values_json) as unknown;
    values = Array.isArray(parsed) ? (parsed as typeof values) : [];
  } catch {
    return null;
  }
  const v = values.find((x) => x.key === 'IKM') ?? values.find((x) => x.key?.toLowerCase() === 'ikm');
  const exact = v?.exact ?? v?.fullPrecision;
  if (!exact) return null;
  return { value: parseExact(exact), snapshotId: snap.id, frozenAt: snap.frozen_at, published: v?.published ?? null };
}
