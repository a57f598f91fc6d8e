import type { Db } from '../../db/connection.ts';
import type { ResponseValidity } from '../../db/schema.ts';
import { AppError, AppErrorCode, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveUnitScope } from '../auth/scope.ts';
import { assertPerceptionMonthNotFrozen } from '../perception/month-guard.ts';
import type { ServiceContext } from '../service-context.ts';
import { cleansingPolicy } from './cleansing.policy.ts';
import * as repo from './cleansing.repository.ts';
import type { InvalidationDto, InvalidationListDto, InvalidationReason, InvalidationStatus } from './cleansing.schema.ts';
import { recountService } from './counted-window.ts';

/**
 * Cleansing (DOMAIN 5.6, 5.12.2, D6). Responses are never deleted: validity moves
 * valid → invalidation_proposed → invalid | valid, valid → invalid (coordinator) and invalid → valid
 * (reinstatement). Every move is audited and recounts the service's counted window (W1's
 * `recountService`) in the same transaction, so no index ever sees a half-applied decision.
 */

/** DOMAIN 5.12.1: cleansing decisions while collecting, validating or reporting; none after `closed`. */
const OPEN_STATUSES = ['collecting', 'validating', 'reporting'];

export const reasonLabel = (reason: string, locale: 'id' | 'en' = 'id') => t(locale, `cleansing.reason.${reason}`);

function stateError(key: string, params: Record<string, string | number> = {}): AppError {
  return new AppError(AppErrorCode.INVALID_STATE, t('id', key, params), { messageKey: key, params });
}

type Row = Awaited<ReturnType<typeof repo.listInvalidations>>[number];

function toDto(r: Row): InvalidationDto {
  const status: InvalidationStatus = r.reinstated_at ? 'reinstated' : r.decision;
  return {
    id: r.id,
    campaignId: r.campaign_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    responseId: r.response_id,
    seqNo: Number(r.seq_no),
    unitServiceId: r.unit_service_id,
    serviceName: r.service_name,
    submittedAt: r.submitted_at,
    validity: r.validity,
    reason: r.reason,
    reasonLabel: reasonLabel(r.reason),
    note: r.note,
    status,
    proposedBy: r.proposed_by,
    proposedByName: r.proposed_by_name,
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    reinstatedBy: r.reinstated_by,
    reinstatedAt: r.reinstated_at,
    reinstateReason: r.reinstate_reason,
  };
}

export function createCleansingService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const { audit } = deps;

  async function loadResponse(trx: Db, responseId: string) {
    const response = await repo.findResponseForUpdate(trx, ctx.engine, responseId);
    if (!response) throw notFound('Respons survei');
    return response;
  }

  /** 409 outside collecting/validating/reporting; after `closed` the message names restatement (D30). */
  async function assertOpen(trx: Db, campaignId: string): Promise<void> {
    const c = await repo.findCampaign(trx, campaignId);
    if (!c) throw notFound('Kampanye survei');
    if (c.status === 'closed') throw stateError('cleansing.closed');
    if (!OPEN_STATUSES.includes(c.status)) {
      throw stateError('cleansing.notOpen', { status: c.status, statusLabel: t('id', `surveys.status.${c.status}`) });
    }
  }

  type LoadedResponse = Awaited<ReturnType<typeof loadResponse>>;

  /**
   * Every validity change takes the same three steps in the caller's transaction: the guarded state
   * move, the recount of the service's counted window, and the audit record.
   */
  async function move(
    trx: Db,
    r: LoadedResponse,
    from: ResponseValidity,
    to: ResponseValidity,
    actor: Actor,
    record: { action: string; before?: Record<string, unknown>; after?: Record<string, unknown>; reason: string },
  ): Promise<void> {
    await assertPerceptionMonthNotFrozen(trx, r.id);
    if (!(await repo.setValidity(trx, r.id, from, to))) throw stateError('cleansing.concurrent');
    await recountService(trx, r.campaign_id, r.unit_service_id, isoNow(ctx.clock));
    await audit.record(trx, {
      unitId: r.unit_id,
      actor,
      entityType: 'survey_response',
      entityId: r.id,
      action: record.action,
      before: { validity: from, seqNo: r.seq_no, ...record.before },
      after: { validity: to, ...record.after },
      reason: record.reason,
    });
  }

  async function one(id: string): Promise<InvalidationDto> {
    const [row] = await repo.listInvalidations(ctx.db, { ids: [id] });
    if (!row) throw notFound('Usulan invalidasi');
    return toDto(row);
  }

  /** A unit operator proposes an invalidation of one of its unit's responses. */
  async function propose(
    actor: Actor,
    responseId: string,
    input: { reason: InvalidationReason; note?: string | undefined },
  ): Promise<InvalidationDto> {
    const id = newId();
    await ctx.db.transaction().execute(async (trx) => {
      const r = await loadResponse(trx, responseId);
      cleansingPolicy.assertPropose(actor, r.unit_id);
      await assertOpen(trx, r.campaign_id);
      if (r.validity !== 'valid') throw stateError(`cleansing.notValid.${r.validity}`);
      const now = isoNow(ctx.clock);
      await repo.insertInvalidation(trx, {
        id,
        campaign_id: r.campaign_id,
        unit_id: r.unit_id,
        response_id: r.id,
        reason: input.reason,
        note: input.note || null,
        proposed_by: actor.userId,
        proposed_at: now,
        decision: 'pending',
      });
      await move(trx, r, 'valid', 'invalidation_proposed', actor, {
        action: 'invalidation_proposed',
        after: { invalidationId: id, reason: input.reason, note: input.note ?? null },
        reason: `${input.reason}${input.note ? `: ${input.note}` : ''}`,
      });
    });
    return one(id);
  }

  /** The coordinator decides a pending proposal; never the proposer (four-eyes). */
  async function decide(actor: Actor, invalidationId: string, approve: boolean, note: string | undefined) {
    await ctx.db.transaction().execute(async (trx) => {
      const inv = await repo.findInvalidationForUpdate(trx, ctx.engine, invalidationId);
      if (!inv) throw notFound('Usulan invalidasi');
      cleansingPolicy.assertDecide(actor, inv.proposed_by);
      const r = await loadResponse(trx, inv.response_id);
      await assertOpen(trx, r.campaign_id);
      if (inv.decision !== 'pending') throw stateError('cleansing.alreadyDecided');
      const to: ResponseValidity = approve ? 'invalid' : 'valid';
      await repo.updateInvalidation(trx, inv.id, {
        decision: approve ? 'approved' : 'rejected',
        decided_by: actor.userId,
        decided_at: isoNow(ctx.clock),
        decision_note: note || null,
      });
      await move(trx, r, 'invalidation_proposed', to, actor, {
        action: approve ? 'invalidation_approved' : 'invalidation_rejected',
        after: { invalidationId: inv.id, reason: inv.reason, proposedBy: inv.proposed_by },
        reason: note || inv.reason,
      });
    });
    return one(invalidationId);
  }

  /** The coordinator invalidates directly, with a reason (DOMAIN 5.12.2). */
  async function invalidate(
    actor: Actor,
    responseId: string,
    input: { reason: InvalidationReason; note?: string | undefined },
  ): Promise<InvalidationDto> {
    cleansingPolicy.assertDirect(actor);
    const id = newId();
    await ctx.db.transaction().execute(async (trx) => {
      const r = await loadResponse(trx, responseId);
      await assertOpen(trx, r.campaign_id);
      if (r.validity !== 'valid') throw stateError(`cleansing.notValid.${r.validity}`);
      const now = isoNow(ctx.clock);
      await repo.insertInvalidation(trx, {
        id,
        campaign_id: r.campaign_id,
        unit_id: r.unit_id,
        response_id: r.id,
        reason: input.reason,
        note: input.note || null,
        proposed_by: actor.userId,
        proposed_at: now,
        decision: 'approved',
        decided_by: actor.userId,
        decided_at: now,
        decision_note: null,
      });
      await move(trx, r, 'valid', 'invalid', actor, {
        action: 'invalidated',
        after: { invalidationId: id, reason: input.reason, note: input.note ?? null },
        reason: `${input.reason}${input.note ? `: ${input.note}` : ''}`,
      });
    });
    return one(id);
  }

  /** invalid → valid with a reason, until the campaign closes; afterwards only a restatement (D30). */
  async function reinstate(actor: Actor, responseId: string, reason: string): Promise<InvalidationDto> {
    cleansingPolicy.assertDirect(actor);
    const invalidationId = await ctx.db.transaction().execute(async (trx) => {
      const r = await loadResponse(trx, responseId);
      await assertOpen(trx, r.campaign_id);
      if (r.validity !== 'invalid') throw stateError('cleansing.notInvalid');
      const inv = await repo.activeApproval(trx, r.id);
      if (!inv) throw stateError('cleansing.notInvalid');
      await repo.updateInvalidation(trx, inv.id, {
        reinstated_by: actor.userId,
        reinstated_at: isoNow(ctx.clock),
        reinstate_reason: reason,
      });
      await move(trx, r, 'invalid', 'valid', actor, {
        action: 'reinstated',
        before: { invalidationId: inv.id, reason: inv.reason },
        reason,
      });
      return inv.id;
    });
    return one(invalidationId);
  }

  /** Invalidations of a campaign the actor may see (unit roles: their units only). */
  async function list(
    actor: Actor,
    campaignId: string,
    query: { unitId?: string | undefined; status?: InvalidationStatus | undefined },
  ): Promise<InvalidationListDto> {
    const campaign = await repo.findCampaign(ctx.db, campaignId);
    if (!campaign) throw notFound('Kampanye survei');
    const scope = await resolveUnitScope(ctx.db, actor);
    let unitIds: string[] | undefined;
    if (!scope.all) {
      const inCampaign = await repo.campaignUnitIds(ctx.db, campaignId);
      unitIds = inCampaign.filter((u) => scope.unitIds.has(u));
      if (!unitIds.length) throw notFound('Kampanye survei');
    }
    if (query.unitId) {
      if (unitIds && !unitIds.includes(query.unitId))
        throw new AppError(AppErrorCode.FORBIDDEN, t('id', 'error.forbidden'), { messageKey: 'error.forbidden' });
      unitIds = [query.unitId];
    }
    const rows = await repo.listInvalidations(ctx.db, { campaignId, unitIds, status: query.status });
    return { items: rows.map(toDto), total: rows.length };
  }

  return {
    propose,
    approve: (actor: Actor, id: string, note?: string) => decide(actor, id, true, note),
    reject: (actor: Actor, id: string, note: string) => decide(actor, id, false, note),
    invalidate,
    reinstate,
    list,
  };
}

export type CleansingService = ReturnType<typeof createCleansingService>;
