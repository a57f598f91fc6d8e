import type { z } from 'zod';
import { notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { requireRoleForUnit } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveUnitScope, scopeIncludes } from '../auth/scope.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ActionPlanService } from './action-plan.service.ts';
import { toActionDto } from './action-plan.service.ts';
import type { PerceptionFollowupBody } from './action-plans.schema.ts';

type Body = z.infer<typeof PerceptionFollowupBody>;

/**
 * SPKP/SPAK monthly follow-up (DOMAIN 6.7): per unit, instrument and month either action plans
 * (source spkp_month / spak_month, sourceRef = this record) or "Tidak perlu tindak lanjut" with a justification.
 */
export function createPerceptionFollowupService(
  ctx: ServiceContext,
  deps: { audit: AuditService; actionPlans: ActionPlanService },
) {
  const { audit, actionPlans } = deps;

  async function record(
    actor: Actor,
    key: { unitId: string; instrument: 'spkp' | 'spak'; year: number; month: number },
    body: Body,
  ) {
    if (!scopeIncludes(await resolveUnitScope(ctx.db, actor), key.unitId)) throw notFound('Unit');
    requireRoleForUnit(actor, ['unit_operator'], key.unitId);
    const now = isoNow(ctx.clock);
    await ctx.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('perception_followup')
        .selectAll()
        .where('unit_id', '=', key.unitId)
        .where('instrument', '=', key.instrument)
        .where('year', '=', key.year)
        .where('month', '=', key.month)
        .executeTakeFirst();
      const id = existing?.id ?? newId();
      const row = {
        state: body.state,
        justification: body.state === 'no_action_needed' ? (body.justification ?? null) : null,
        recorded_by: actor.userId,
        updated_at: now,
      };
      if (existing) await trx.updateTable('perception_followup').set(row).where('id', '=', id).execute();
      else
        await trx
          .insertInto('perception_followup')
          .values({
            id,
            unit_id: key.unitId,
            instrument: key.instrument,
            year: key.year,
            month: key.month,
            recorded_at: now,
            ...row,
          })
          .execute();
      // Previous actions of the month are withdrawn (kept), the new list replaces them.
      if (existing)
        await trx
          .updateTable('action_plan')
          .set({ withdrawn_at: now, updated_at: now, updated_by: actor.userId })
          .where('source_ref', '=', id)
          .where('withdrawn_at', 'is', null)
          .execute();
      await audit.record(trx, {
        unitId: key.unitId,
        actor,
        entityType: 'perception_followup',
        entityId: id,
        action: existing ? 'update' : 'create',
        before: existing ?? undefined,
        after: { ...key, ...row, actions: body.actions.length },
      });
      for (const a of body.state === 'actions' ? body.actions : [])
        await actionPlans.createAction(
          actor,
          { ...a, unitId: key.unitId, source: key.instrument === 'spkp' ? 'spkp_month' : 'spak_month', sourceRef: id },
          trx,
        );
    });
    return get(actor, key);
  }

  async function get(actor: Actor, key: { unitId: string; instrument: 'spkp' | 'spak'; year: number; month: number }) {
    if (!scopeIncludes(await resolveUnitScope(ctx.db, actor), key.unitId)) throw notFound('Unit');
    const row = await ctx.db
      .selectFrom('perception_followup')
      .selectAll()
      .where('unit_id', '=', key.unitId)
      .where('instrument', '=', key.instrument)
      .where('year', '=', key.year)
      .where('month', '=', key.month)
      .executeTakeFirst();
    if (!row) return { ...key, state: null, stateLabel: null, justification: null, actions: [] };
    const actions = await ctx.db
      .selectFrom('action_plan')
      .selectAll()
      .where('source_ref', '=', row.id)
      .where('withdrawn_at', 'is', null)
      .orderBy('seq')
      .execute();
    return {
      ...key,
      id: row.id,
      state: row.state,
      stateLabel: row.state === 'no_action_needed' ? 'Tidak perlu tindak lanjut' : 'Rencana tindak lanjut',
      justification: row.justification,
      recordedAt: row.recorded_at,
      actions: actions.map((a) => toActionDto(a, [], [])),
    };
  }

  return { record, get };
}
