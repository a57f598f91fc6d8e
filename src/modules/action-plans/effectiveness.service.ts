import { actionsNotImproved, type EffectAction, effectCounts, elementEffects } from '../../domain/action-plans/effectiveness.ts';
import type { Rational } from '../../domain/core/rational.ts';
import { formatId, toFixedHalfUp } from '../../domain/core/rounding.ts';
import { forbidden } from '../../http/app-error.ts';
import { requireRole } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveUnitScope, scopeIncludes } from '../auth/scope.ts';
import type { ServiceContext } from '../service-context.ts';
import { elementNames, parseJson } from './action-plans.common.ts';
import type { ElementRef } from './action-plans.schema.ts';
import { unitElementValuesOfYear } from './element-values.ts';

const ROLES = ['inspectorate', 'skm_coordinator', 'executive_viewer', 'planning_bureau', 'unit_operator', 'unit_head'] as const;

const num = (v: Rational | null) => (v ? toFixedHalfUp(v) : null);
const show = (v: Rational | null) => (v ? formatId(v) : '-');

/**
 * Issue 6 item 7: for the actions planned on period Y (recommendations of basis year Y and the unit's own SKM RTL of
 * Y), each element's published value in Y and in the next campaign Y+1, and the actions whose element did not rise.
 */
export function createEffectivenessService(ctx: ServiceContext) {
  async function effectiveness(actor: Actor, q: { basisYear: number; unitId?: string | undefined }) {
    requireRole(actor, [...ROLES]);
    const scope = await resolveUnitScope(ctx.db, actor);
    if (q.unitId && !scopeIncludes(scope, q.unitId)) throw forbidden();
    const campaigns = (await ctx.db.selectFrom('skm_campaign').select('id').where('year', '=', q.basisYear).execute()).map(
      (c) => c.id,
    );
    let query = ctx.db
      .selectFrom('action_plan as a')
      .leftJoin('rtl_assignment as s', 's.id', 'a.assignment_id')
      .leftJoin('rtl_recommendation as r', 'r.id', 's.recommendation_id')
      .select([
        'a.id',
        'a.unit_id',
        'a.element_codes_json',
        'a.action_text',
        'a.timeline_raw',
        'a.implementation_status',
        'a.evaluation_status',
        'r.number',
      ])
      .where('a.withdrawn_at', 'is', null)
      .where('a.counted', '=', 1)
      .where((eb) =>
        eb.or([
          eb('r.basis_year', '=', q.basisYear),
          ...(campaigns.length
            ? [eb.and([eb('a.source', 'in', ['skm_result', 'suggestion']), eb('a.source_ref', 'in', campaigns)])]
            : []),
        ]),
      );
    if (q.unitId) query = query.where('a.unit_id', '=', q.unitId);
    else if (!scope.all) query = query.where('a.unit_id', 'in', scope.unitIds.size ? [...scope.unitIds] : ['-']);
    const rows = await query.orderBy('a.unit_id').orderBy('a.seq').execute();

    const actions: EffectAction[] = rows.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      elementCodes: parseJson<ElementRef[]>(r.element_codes_json, [])
        .filter((e) => e.instrument === 'skm')
        .map((e) => e.code),
    }));
    const unitIds = [...new Set(rows.map((r) => r.unit_id))];
    const [before, after, units] = await Promise.all([
      unitElementValuesOfYear(ctx.db, unitIds, q.basisYear),
      unitElementValuesOfYear(ctx.db, unitIds, q.basisYear + 1),
      unitIds.length
        ? ctx.db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', unitIds).execute()
        : Promise.resolve([]),
    ]);
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const names = elementNames('skm');
    const effects = elementEffects(actions, before, after);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      basisYear: q.basisYear,
      nextYear: q.basisYear + 1,
      counts: effectCounts(effects),
      elements: effects.map((e) => ({
        unitId: e.unitId,
        unitName: unitName.get(e.unitId) ?? e.unitId,
        elementCode: e.elementCode,
        elementName: names[e.elementCode] ?? null,
        before: num(e.before),
        after: num(e.after),
        delta: num(e.delta),
        beforeDisplay: show(e.before),
        afterDisplay: show(e.after),
        deltaDisplay: show(e.delta),
        verdict: e.verdict,
        actionIds: e.actionIds,
      })),
      notImproved: actionsNotImproved(actions, effects).map((a) => {
        const r = byId.get(a.actionId);
        return {
          actionId: a.actionId,
          unitId: a.unitId,
          unitName: unitName.get(a.unitId) ?? a.unitId,
          recommendationNo: r?.number ?? null,
          actionText: r?.action_text ?? '',
          timeline: r?.timeline_raw ?? null,
          implementationStatus: r?.implementation_status ?? null,
          evaluationStatus: r?.evaluation_status ?? null,
          elements: a.elements.map((e) => ({
            elementCode: e.elementCode,
            elementName: names[e.elementCode] ?? null,
            before: toFixedHalfUp(e.before),
            after: toFixedHalfUp(e.after),
            delta: toFixedHalfUp(e.delta),
            beforeDisplay: formatId(e.before),
            afterDisplay: formatId(e.after),
            deltaDisplay: formatId(e.delta),
            verdict: e.verdict,
          })),
        };
      }),
    };
  }

  return { effectiveness };
}

export type EffectivenessService = ReturnType<typeof createEffectivenessService>;
