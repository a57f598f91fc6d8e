import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyTable } from '../../db/schema.ts';
import { AppError, AppErrorCode, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId, newToken } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import { campaignPolicy } from '../surveys/campaign.policy.ts';
import * as campaignRepo from '../surveys/campaign.repository.ts';
import * as repo from './api-key.repository.ts';
import * as responseRepo from './response.repository.ts';
import type { ApiKeyDto } from './response.schema.ts';

/**
 * API keys for server-to-server submission (issue 4 item 3): scoped to one unit (optionally one
 * service) of one campaign, created and revoked by the SKM coordinator, shown once and stored as
 * sha256 (keys are 256 random bits, so a fast hash is enough), every change audited.
 */

const KEY_PREFIX = 'mutu_sk_';
const TOUCH_EVERY_MS = 60_000;

export const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

const toDto = (r: ApiKeyTable): ApiKeyDto => ({
  id: r.id,
  campaignId: r.campaign_id,
  unitId: r.unit_id,
  unitServiceId: r.unit_service_id,
  label: r.name,
  prefix: r.key_prefix,
  active: r.active === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export function createApiKeyService(ctx: ServiceContext, deps: { audit: AuditService }) {
  async function create(
    actor: Actor,
    campaignId: string,
    input: { unitId: string; label: string; unitServiceId?: string | undefined },
  ) {
    campaignPolicy.assertManage(actor);
    const campaign = await campaignRepo.findCampaign(ctx.db, campaignId);
    if (!campaign) throw notFound('Kampanye survei');
    if (!(await responseRepo.campaignUnit(ctx.db, campaignId, input.unitId))) {
      throw new AppError(AppErrorCode.VALIDATION, t('id', 'responses.unitNotInCampaign'), {
        messageKey: 'error.validation',
        fields: [{ field: 'body.unitId', message: t('id', 'responses.unitNotInCampaign') }],
      });
    }
    if (input.unitServiceId) {
      const target = await responseRepo.targetOfService(ctx.db, campaignId, input.unitServiceId);
      if (target?.unit_id !== input.unitId)
        throw new AppError(AppErrorCode.VALIDATION, t('id', 'responses.serviceNotInCampaign'), {
          messageKey: 'error.validation',
          fields: [{ field: 'body.unitServiceId', message: t('id', 'responses.serviceNotInCampaign') }],
        });
    }
    const key = `${KEY_PREFIX}${newToken(32)}`;
    const row: ApiKeyTable = {
      id: newId(),
      unit_id: input.unitId,
      campaign_id: campaignId,
      unit_service_id: input.unitServiceId ?? null,
      name: input.label,
      key_hash: hashKey(key),
      key_prefix: key.slice(0, KEY_PREFIX.length + 6),
      active: 1,
      created_by: actor.userId,
      created_at: isoNow(ctx.clock),
      last_used_at: null,
      revoked_at: null,
    };
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertKey(trx, row);
      await deps.audit.record(trx, {
        unitId: row.unit_id,
        actor,
        entityType: 'api_key',
        entityId: row.id,
        action: 'create',
        // Never the key or its hash: the trail is readable by auditors.
        after: { campaignId, unitServiceId: row.unit_service_id, label: row.name, prefix: row.key_prefix },
      });
    });
    return { id: row.id, key, prefix: row.key_prefix };
  }

  async function list(actor: Actor, campaignId: string) {
    campaignPolicy.assertManage(actor);
    const rows = await repo.keysOfCampaign(ctx.db, campaignId);
    return { items: rows.map(toDto), total: rows.length };
  }

  async function revoke(actor: Actor, id: string): Promise<ApiKeyDto> {
    campaignPolicy.assertManage(actor);
    return ctx.db.transaction().execute(async (trx) => {
      const row = await repo.findKey(trx, id);
      if (!row) throw notFound(t('id', 'responses.apiKey.notFound'));
      if (row.active !== 1) return toDto(row);
      const now = isoNow(ctx.clock);
      await repo.revokeKey(trx, id, now);
      await deps.audit.record(trx, {
        unitId: row.unit_id,
        actor,
        entityType: 'api_key',
        entityId: id,
        action: 'revoke',
        before: { active: true },
        after: { active: false },
      });
      return toDto({ ...row, active: 0, revoked_at: now });
    });
  }

  /** The active key for a bearer value, or a 401 naming no detail (a wrong key and a revoked one look alike). */
  async function authenticate(bearer: string | undefined, locale: Locale): Promise<ApiKeyTable> {
    const invalid = () =>
      new AppError(AppErrorCode.UNAUTHENTICATED, t(locale, 'responses.apiKey.invalid'), {
        messageKey: 'responses.apiKey.invalid',
      });
    if (!bearer?.startsWith(KEY_PREFIX)) throw invalid();
    const hash = hashKey(bearer);
    const row = await repo.findKeyByHash(ctx.db, hash);
    if (row?.active !== 1 || !timingSafeEqual(Buffer.from(row.key_hash), Buffer.from(hash))) throw invalid();
    // `lastUsedAt` tells a coordinator whether a key is in use: a minute's precision is enough, and
    // a busy key then costs a read per request instead of a write.
    const now = ctx.clock.now();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
      await repo.touchKey(ctx.db, row.id, now.toISOString());
    }
    return row;
  }

  return { create, list, revoke, authenticate };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
