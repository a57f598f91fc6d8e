import type { Db } from '../../db/connection.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { ApiKeyTable } from '../../db/schema.ts';

/** API key SQL (Kysely only). */

export const insertKey = (db: Db, row: ApiKeyTable) => db.insertInto('api_key').values(row).execute();

export const findKey = (db: Db, id: string) => db.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();

const findKeyByHashQuery = preparedQuery<{ hash: string }, ApiKeyTable>(['hash'], (db, p) =>
  db.selectFrom('api_key').selectAll().where('key_hash', '=', p.hash),
);

/** Every public API submission starts here: compiled once. */
export const findKeyByHash = async (db: Db, hash: string) => (await findKeyByHashQuery(db, { hash })).rows[0];

export const keysOfCampaign = (db: Db, campaignId: string) =>
  db.selectFrom('api_key').selectAll().where('campaign_id', '=', campaignId).orderBy('created_at', 'desc').execute();

export const revokeKey = (db: Db, id: string, at: string) =>
  db.updateTable('api_key').set({ active: 0, revoked_at: at }).where('id', '=', id).where('active', '=', 1).execute();

export const touchKey = (db: Db, id: string, at: string) =>
  db.updateTable('api_key').set({ last_used_at: at }).where('id', '=', id).execute();
