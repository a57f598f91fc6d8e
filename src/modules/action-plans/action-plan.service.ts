import type { Db } from '../../db/connection.ts';
import type { ActionPlanTable } from '../../db/schema.ts';
import { followUpPct } from '../../domain/action-plans/metrics.ts';
import { type GeneratedRecommendations, type PlannedAction, uncoveredItems } from '../../domain/action-plans/recommendations.ts';
import { parseTimeline, timelineDate } from '../../domain/action-plans/timeline.ts';
import { toFixedHalfUp } from '../../domain/core/rounding.ts';
import { type FieldIssue, forbidden, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { assertNotSameActor, requireRoleForUnit } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveUnitScope, scopeIncludes } from '../auth/scope.ts';
import type { EvidenceService } from '../evidence/evidence.service.ts';
import type { ServiceContext } from '../service-context.ts';
import {
  addDays,
  elementNames,
  isKnownElement,
  parseJson,
  type RequiredItem,
  type RowWarning,
  stateError,
  todayWib,
  validationError,
} from './action-plans.common.ts';
import * as repo from './action-plans.repository.ts';
import type { ActionInput, ElementRef, RealisationInput, StrategyInput } from './action-plans.schema.ts';

export const EVIDENCE_OWNER = 'action_plan';

export function createActionPlanService(ctx: ServiceContext, deps: { audit: AuditService; evidence: EvidenceService }) {
  const { audit, evidence } = deps;

  /** A record of a unit the actor cannot read answers 404: its existence does not leak. */
  async function assertReadable(actor: Actor, unitId: string, what: string) {
    if (!scopeIncludes(await resolveUnitScope(ctx.db, actor), unitId)) throw notFound(what);
  }

  async function loadAction(actor: Actor, id: string) {
    const a = await repo.findAction(ctx.db, id);
    if (!a || a.withdrawn_at) throw notFound('Rencana aksi');
    await assertReadable(actor, a.unit_id, 'Rencana aksi');
    return a;
  }

  /** Strict entry (unit side): timeline must parse; elements from the controlled list; services of the unit. */
  async function validateInput(db: Db, unitId: string, input: ActionInput, underRecommendation: boolean) {
    const issues: FieldIssue[] = [];
    const tl = parseTimeline(input.timeline);
    if (tl.kind === 'missing') issues.push({ field: 'body.timeline', message: t('id', 'actionPlans.timeline.required') });
    else if (tl.kind === 'invalid') issues.push({ field: 'body.timeline', message: tl.message });
    input.subActions.forEach((s, i) => {
      if (!s.timeline) return;
      const st = parseTimeline(s.timeline);
      if (st.kind === 'invalid') issues.push({ field: `body.subActions.${i}.timeline`, message: st.message });
    });
    input.elements.forEach((e, i) => {
      if (!isKnownElement(e))
        issues.push({ field: `body.elements.${i}.code`, message: t('id', 'actionPlans.element.unknown', { code: e.code }) });
    });
    if (underRecommendation && input.elements.length === 0)
      issues.push({ field: 'body.elements', message: t('id', 'actionPlans.element.required') });
    if (!input.allServices && input.unitServiceIds.length) {
      const own = new Set((await repo.unitServices(db, unitId)).map((s) => s.id));
      input.unitServiceIds.forEach((s, i) => {
        if (!own.has(s)) issues.push({ field: `body.unitServiceIds.${i}`, message: t('id', 'actionPlans.service.notOfUnit') });
      });
    }
    if (issues.length) throw validationError(issues);
    const date = timelineDate(tl);
    return { timelineRaw: tl.raw, timelineDate: date };
  }

  function fieldsOf(input: ActionInput, tl: { timelineRaw: string; timelineDate: string | null }) {
    return {
      all_services: (input.allServices ? 1 : 0) as 0 | 1,
      unit_service_ids_json: JSON.stringify(input.allServices ? [] : [...new Set(input.unitServiceIds)]),
      element_codes_json: JSON.stringify(input.elements),
      priority_rank: input.priorityRank ?? null,
      cause_analysis: input.causeAnalysis ?? null,
      action_text: input.actionText,
      sub_actions_json: JSON.stringify(input.subActions),
      timeline_raw: tl.timelineRaw,
      timeline_date: tl.timelineDate,
      pic: input.pic,
      suggestion_response_ids_json: JSON.stringify(input.suggestionResponseIds),
    };
  }

  /** Creates an action of the actor's unit: under an assignment (RTL answering a recommendation) or another source. */
  async function createAction(actor: Actor, input: ActionInput, trxIn?: Db) {
    let unitId: string;
    let assignmentId: string | null = null;
    if (input.assignmentId) {
      const asg = await repo.findAssignment(ctx.db, input.assignmentId);
      if (!asg) throw notFound('Rekomendasi');
      await assertReadable(actor, asg.unit_id, 'Rekomendasi');
      requireRoleForUnit(actor, ['unit_operator'], asg.unit_id);
      if (asg.plan_status !== 'draft') throw stateError('actionPlans.plan.notDraft');
      unitId = asg.unit_id;
      assignmentId = asg.id;
    } else {
      if (input.source === 'recommendation' || !input.unitId)
        throw validationError([{ field: 'body.assignmentId', message: t('id', 'actionPlans.assignment.required') }]);
      unitId = input.unitId;
      requireRoleForUnit(actor, ['unit_operator'], unitId);
    }
    const tl = await validateInput(trxIn ?? ctx.db, unitId, input, assignmentId !== null);
    const now = isoNow(ctx.clock);
    const run = async (trx: Db) => {
      const row: ActionPlanTable = {
        id: newId(),
        unit_id: unitId,
        assignment_id: assignmentId,
        source: assignmentId ? 'recommendation' : input.source,
        source_ref: assignmentId ?? input.sourceRef ?? null,
        ...fieldsOf(input, tl),
        implementation_status: 'planned',
        realisation_text: null,
        realised_at: null,
        obstacles: null,
        strategy_json: null,
        evaluation_status: 'unevaluated',
        seq: await repo.nextSeq(trx, unitId),
        historical: 0,
        counted: 1,
        element_codes_raw: null,
        source_line: null,
        warnings_json: '[]',
        withdrawn_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_by: actor.userId,
        updated_at: now,
      };
      await repo.insertAction(trx, row);
      await audit.record(trx, { unitId, actor, entityType: 'action_plan', entityId: row.id, action: 'create', after: row });
      return row;
    };
    const row = trxIn ? await run(trxIn) : await ctx.db.transaction().execute(run);
    return toActionDto(row, [], []);
  }

  async function editableAction(actor: Actor, id: string) {
    const a = await loadAction(actor, id);
    requireRoleForUnit(actor, ['unit_operator'], a.unit_id);
    if (a.historical) throw stateError('actionPlans.action.historical');
    if (a.assignment_id) {
      const asg = await repo.findAssignment(ctx.db, a.assignment_id);
      if (asg && asg.plan_status !== 'draft') throw stateError('actionPlans.plan.notDraft');
    }
    return a;
  }

  async function updateAction(actor: Actor, id: string, input: ActionInput) {
    const a = await editableAction(actor, id);
    const tl = await validateInput(ctx.db, a.unit_id, input, a.assignment_id !== null);
    const patch = { ...fieldsOf(input, tl), updated_by: actor.userId, updated_at: isoNow(ctx.clock) };
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateAction(trx, id, patch);
      await audit.record(trx, {
        unitId: a.unit_id,
        actor,
        entityType: 'action_plan',
        entityId: id,
        action: 'update',
        before: a,
        after: patch,
      });
    });
    return getAction(actor, id);
  }

  /** Withdrawn, never deleted (a draft action the unit no longer wants). */
  async function withdrawAction(actor: Actor, id: string) {
    const a = await editableAction(actor, id);
    const now = isoNow(ctx.clock);
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateAction(trx, id, { withdrawn_at: now, updated_by: actor.userId, updated_at: now });
      await audit.record(trx, {
        unitId: a.unit_id,
        actor,
        entityType: 'action_plan',
        entityId: id,
        action: 'withdraw',
        before: a,
      });
    });
  }

  /** Coverage of one assignment by its actions (DOMAIN 7.3), with the domain's messages. */
  async function coverage(db: Db, asg: repo.AssignmentRow, actions: readonly ActionPlanTable[]) {
    const items = parseJson<RequiredItem[]>(asg.required_items_json, []);
    const no = (asg.number === 1 || asg.number === 2 ? asg.number : 3) as 1 | 2 | 3;
    const svcIds = [...new Set(actions.flatMap((a) => parseJson<string[]>(a.unit_service_ids_json, [])))];
    const svcName = new Map((await repo.serviceNames(db, svcIds)).map((s) => [s.id, s.name]));
    const generated: GeneratedRecommendations = {
      rec1: {
        applicable: no === 1,
        text: '',
        items:
          no === 1
            ? items.map((i) => ({
                service: i.serviceName ?? i.unitServiceId ?? '',
                elementCode: i.elementCode,
                value: null as never,
                grade: i.grade ?? '',
              }))
            : [],
      },
      rec2: {
        applicable: no === 2,
        text: '',
        items:
          no === 2 ? items.map((i) => ({ elementCode: i.elementCode, delta: null as never, declineAmount: null as never })) : [],
        requiresCauseAnalysis: true,
      },
      rec3: {
        applicable: true,
        text: '',
        items: no === 3 ? items.map((i) => ({ elementCode: i.elementCode, value: null as never })) : [],
      },
    };
    const planned: PlannedAction[] = actions.map((a) => ({
      recommendationNo: no,
      elementCodes: parseJson<ElementRef[]>(a.element_codes_json, []).map((e) => e.code),
      services: a.all_services ? 'all' : parseJson<string[]>(a.unit_service_ids_json, []).map((s) => svcName.get(s) ?? s),
    }));
    return uncoveredItems(generated, planned, elementNames('skm'));
  }

  async function submitPlan(actor: Actor, assignmentId: string) {
    const asg = await repo.findAssignment(ctx.db, assignmentId);
    if (!asg) throw notFound('Rekomendasi');
    await assertReadable(actor, asg.unit_id, 'Rekomendasi');
    requireRoleForUnit(actor, ['unit_operator'], asg.unit_id);
    if (asg.plan_status !== 'draft') throw stateError('actionPlans.plan.notDraft');
    const actions = await repo.actionsOfAssignments(ctx.db, [asg.id]);
    const issues: FieldIssue[] = [];
    if (actions.length === 0) issues.push({ field: 'actions', message: t('id', 'actionPlans.plan.empty') });
    const missing = await coverage(ctx.db, asg, actions);
    for (const m of missing) issues.push({ field: 'actions', message: m.message });
    if (asg.number === 2)
      actions.forEach((a) => {
        if (!a.cause_analysis)
          issues.push({ field: `actions.${a.id}.causeAnalysis`, message: t('id', 'actionPlans.causeAnalysis.required') });
      });
    if (issues.length) {
      throw validationError(issues, 'actionPlans.plan.incomplete', { details: issues.map((i) => i.message).join('; ') });
    }
    const now = isoNow(ctx.clock);
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateAssignment(trx, asg.id, {
        plan_status: 'submitted',
        submitted_by: actor.userId,
        submitted_at: now,
        updated_at: now,
      });
      await audit.record(trx, {
        unitId: asg.unit_id,
        actor,
        entityType: 'rtl_assignment',
        entityId: asg.id,
        action: 'submit',
        before: { planStatus: asg.plan_status },
        after: { planStatus: 'submitted', actions: actions.map((a) => a.id) },
      });
    });
    return getAssignment(actor, asg.id);
  }

  /** The unit head approves a submitted plan; never the person who submitted it (four-eyes). */
  async function approvePlan(actor: Actor, assignmentId: string) {
    const asg = await repo.findAssignment(ctx.db, assignmentId);
    if (!asg) throw notFound('Rekomendasi');
    await assertReadable(actor, asg.unit_id, 'Rekomendasi');
    requireRoleForUnit(actor, ['unit_head'], asg.unit_id);
    if (asg.plan_status !== 'submitted') throw stateError('actionPlans.plan.notSubmitted');
    if (asg.submitted_by) assertNotSameActor(asg.submitted_by, actor.userId);
    const now = isoNow(ctx.clock);
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateAssignment(trx, asg.id, {
        plan_status: 'approved',
        approved_by: actor.userId,
        approved_at: now,
        updated_at: now,
      });
      await audit.record(trx, {
        unitId: asg.unit_id,
        actor,
        entityType: 'rtl_assignment',
        entityId: asg.id,
        action: 'approve',
        before: { planStatus: 'submitted' },
        after: { planStatus: 'approved' },
      });
    });
    return getAssignment(actor, asg.id);
  }

  /** Back to draft for a revision (DOMAIN 7.5 "revised"), with a reason (audited). */
  async function revisePlan(actor: Actor, assignmentId: string, reason: string) {
    const asg = await repo.findAssignment(ctx.db, assignmentId);
    if (!asg) throw notFound('Rekomendasi');
    await assertReadable(actor, asg.unit_id, 'Rekomendasi');
    requireRoleForUnit(actor, ['unit_operator', 'unit_head'], asg.unit_id);
    if (asg.plan_status === 'draft') throw stateError('actionPlans.plan.alreadyDraft');
    const now = isoNow(ctx.clock);
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateAssignment(trx, asg.id, { plan_status: 'draft', updated_at: now });
      await audit.record(trx, {
        unitId: asg.unit_id,
        actor,
        entityType: 'rtl_assignment',
        entityId: asg.id,
        action: 'revise',
        before: { planStatus: asg.plan_status },
        after: { planStatus: 'draft' },
        reason,
      });
    });
    return getAssignment(actor, asg.id);
  }

  async function recordRealisation(actor: Actor, id: string, input: RealisationInput) {
    const a = await loadAction(actor, id);
    requireRoleForUnit(actor, ['unit_operator'], a.unit_id);
    if (input.implementationStatus === 'not_done' && !input.strategy)
      throw validationError([{ field: 'body.strategy', message: t('id', 'actionPlans.strategy.required') }]);
    const patch = {
      implementation_status: input.implementationStatus,
      realisation_text: input.realisationText ?? null,
      realised_at: input.realisedAt ?? null,
      obstacles: input.obstacles ?? null,
      strategy_json: input.strategy ? JSON.stringify(input.strategy) : null,
      updated_by: actor.userId,
      updated_at: isoNow(ctx.clock),
    };
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateAction(trx, id, patch);
      await audit.record(trx, {
        unitId: a.unit_id,
        actor,
        entityType: 'action_plan',
        entityId: id,
        action: 'realisation',
        before: {
          implementationStatus: a.implementation_status,
          realisationText: a.realisation_text,
          realisedAt: a.realised_at,
          obstacles: a.obstacles,
          strategy: a.strategy_json,
        },
        after: patch,
      });
    });
    return getAction(actor, id);
  }

  async function addEvidenceFile(
    actor: Actor,
    actionId: string,
    file: { fileName: string; data: Buffer; description?: string | undefined; supersedesId?: string | undefined },
  ) {
    const a = await loadAction(actor, actionId);
    requireRoleForUnit(actor, ['unit_operator'], a.unit_id);
    return evidence.addFile(actor, { type: EVIDENCE_OWNER, id: a.id, unitId: a.unit_id }, file);
  }

  async function addEvidenceUrl(
    actor: Actor,
    actionId: string,
    input: { url: string; description?: string | undefined; supersedesId?: string | undefined },
  ) {
    const a = await loadAction(actor, actionId);
    requireRoleForUnit(actor, ['unit_operator'], a.unit_id);
    return evidence.addUrl(actor, { type: EVIDENCE_OWNER, id: a.id, unitId: a.unit_id }, input);
  }

  async function openEvidence(actor: Actor, evidenceId: string) {
    const row = await evidence.find(ctx.db, evidenceId);
    if (!row) throw notFound('Data dukung');
    await assertReadable(actor, row.unit_id, 'Data dukung');
    return { row, stream: await evidence.open(row) };
  }

  /** Evaluations (every one, dated) with their updates: the unit sees the inspectorate's history. */
  async function evaluationHistory(db: Db, actionIds: readonly string[]) {
    const evals = await repo.evaluationsOfActions(db, actionIds);
    const updates = await repo.updatesOfEvaluations(
      db,
      evals.map((e) => e.id),
    );
    return evals.map((e) => ({
      id: e.id,
      actionId: e.action_plan_id,
      cycleId: e.cycle_id,
      status: e.status,
      reasonCode: e.reason_code,
      note: e.note,
      evaluationDate: e.evaluation_date,
      evaluatedBy: e.evaluated_by,
      evaluatedAt: e.evaluated_at,
      warnings: parseJson<RowWarning[]>(e.warnings_json, []),
      updates: updates.filter((u) => u.evaluation_id === e.id).map((u) => ({ id: u.id, date: u.update_date, text: u.text })),
    }));
  }

  async function getAction(actor: Actor, id: string) {
    const a = await loadAction(actor, id);
    const [ev, evals] = await Promise.all([evidence.list(ctx.db, EVIDENCE_OWNER, [a.id]), evaluationHistory(ctx.db, [a.id])]);
    return toActionDto(a, ev, evals);
  }

  async function assignmentDto(db: Db, asg: repo.AssignmentRow, withDetail: boolean) {
    const actions = await repo.actionsOfAssignments(db, [asg.id]);
    const ids = actions.map((a) => a.id);
    const [ev, evals, uncovered] = await Promise.all([
      withDetail ? evidence.list(db, EVIDENCE_OWNER, ids) : Promise.resolve([]),
      withDetail ? evaluationHistory(db, ids) : Promise.resolve([]),
      coverage(db, asg, actions),
    ]);
    return {
      id: asg.id,
      unitId: asg.unit_id,
      recommendationId: asg.recommendation_id,
      number: asg.number,
      type: asg.type,
      text: asg.official_text,
      basisCampaignId: asg.basis_campaign_id,
      basisYear: asg.basis_year,
      targetYear: asg.target_year,
      applicable: asg.applicable === 1,
      corrected: asg.corrected === 1,
      correctionNote: asg.correction_note,
      requiredItems: parseJson<RequiredItem[]>(asg.required_items_json, []),
      planStatus: asg.plan_status,
      submittedBy: asg.submitted_by,
      submittedAt: asg.submitted_at,
      approvedBy: asg.approved_by,
      approvedAt: asg.approved_at,
      responseStatus: actions.length ? 'responded' : 'missing',
      uncovered: uncovered.map((u) => ({
        recommendationNo: u.recommendationNo,
        elementCode: u.elementCode,
        service: u.service ?? null,
        message: u.message,
      })),
      actions: actions.map((a) =>
        toActionDto(
          a,
          ev.filter((e) => e.ownerId === a.id),
          evals.filter((e) => e.actionId === a.id),
        ),
      ),
    };
  }

  async function getAssignment(actor: Actor, id: string) {
    const asg = await repo.findAssignment(ctx.db, id);
    if (!asg) throw notFound('Rekomendasi');
    await assertReadable(actor, asg.unit_id, 'Rekomendasi');
    return assignmentDto(ctx.db, asg, true);
  }

  async function listAssignments(
    actor: Actor,
    q: { unitId?: string | undefined; basisCampaignId?: string | undefined; basisYear?: number | undefined },
  ) {
    const scope = await resolveUnitScope(ctx.db, actor);
    let unitIds: string[] | undefined = scope.all ? undefined : [...scope.unitIds];
    if (q.unitId) {
      if (!scopeIncludes(scope, q.unitId)) throw forbidden();
      unitIds = [q.unitId];
    }
    const rows = await repo.listAssignments(ctx.db, { unitIds, basisCampaignId: q.basisCampaignId, basisYear: q.basisYear });
    const out = [];
    for (const r of rows) out.push(await assignmentDto(ctx.db, r, false));
    return { assignments: out };
  }

  /** Laporan Hasil Tindak Lanjut SKM (DOMAIN 5.11, 5.13.2): RTL of period P with Sudah/Belum and the strategy table. */
  async function followUpReport(actor: Actor, unitId: string, year: number) {
    await assertReadable(actor, unitId, 'Unit');
    const asgs = await repo.listAssignments(ctx.db, { unitIds: [unitId], basisYear: year });
    const viaRec = await repo.actionsOfAssignments(
      ctx.db,
      asgs.map((a) => a.id),
    );
    const campaigns = (await ctx.db.selectFrom('skm_campaign').select('id').where('year', '=', year).execute()).map((c) => c.id);
    const viaResult = campaigns.length
      ? await ctx.db
          .selectFrom('action_plan')
          .selectAll()
          .where('unit_id', '=', unitId)
          .where('source', 'in', ['skm_result', 'suggestion'])
          .where('source_ref', 'in', campaigns)
          .where('withdrawn_at', 'is', null)
          .execute()
      : [];
    const plans = [...viaRec, ...viaResult]
      .filter((a) => a.counted === 1)
      .sort((a, b) => (a.priority_rank ?? 99) - (b.priority_rank ?? 99) || a.seq - b.seq);
    const pct = followUpPct(plans.map((p) => ({ implementationStatus: p.implementation_status })));
    const names = elementNames('skm');
    const ev = await evidence.list(
      ctx.db,
      EVIDENCE_OWNER,
      plans.map((p) => p.id),
    );
    const rows = plans.map((p, i) => ({
      no: i + 1,
      actionId: p.id,
      elements: parseJson<ElementRef[]>(p.element_codes_json, []).map((e) => ({ code: e.code, name: names[e.code] ?? null })),
      causeAnalysis: p.cause_analysis,
      actionText: p.action_text,
      timeline: p.timeline_raw,
      timelineDate: p.timeline_date,
      pic: p.pic,
      implementationStatus: p.implementation_status,
      done: p.implementation_status === 'done',
      statusLabel: p.implementation_status === 'done' ? 'Sudah' : 'Belum',
      realisationText: p.realisation_text,
      realisedAt: p.realised_at,
      obstacles: p.obstacles,
      priorityRank: p.priority_rank,
      strategy: parseJson<StrategyInput | null>(p.strategy_json, null),
      // Current versions only: a superseded file is history, not documentation.
      evidence: ev
        .filter((e) => e.ownerId === p.id && !e.supersededBy)
        .map((e) => ({ id: e.id, kind: e.kind, fileName: e.fileName, url: e.url, description: e.description })),
    }));
    return {
      unitId,
      period: year,
      reportYear: year + 1,
      total: plans.length,
      done: plans.filter((p) => p.implementation_status === 'done').length,
      followUpPct: pct ? toFixedHalfUp(pct) : null,
      rows,
      notDone: plans
        .filter((p) => p.implementation_status !== 'done')
        .map((p) => ({
          actionId: p.id,
          actionText: p.action_text,
          obstacles: p.obstacles,
          strategy: parseJson<Record<string, string> | null>(p.strategy_json, null),
        })),
    };
  }

  /**
   * Strategy for an RTL not (yet) done (DOMAIN 7.2 `strategy`, 5.13.2 BAB IV table): entered by the unit,
   * printed in the follow-up report. A done RTL needs none.
   */
  async function recordStrategy(actor: Actor, id: string, input: StrategyInput) {
    const a = await loadAction(actor, id);
    requireRoleForUnit(actor, ['unit_operator', 'unit_head'], a.unit_id);
    if (a.implementation_status === 'done') throw stateError('actionPlans.strategy.alreadyDone');
    const patch = { strategy_json: JSON.stringify(input), updated_by: actor.userId, updated_at: isoNow(ctx.clock) };
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateAction(trx, id, patch);
      await audit.record(trx, {
        unitId: a.unit_id,
        actor,
        entityType: 'action_plan',
        entityId: id,
        action: 'strategy',
        before: { strategy: parseJson<unknown>(a.strategy_json, null) },
        after: { strategy: input },
      });
    });
    return getAction(actor, id);
  }

  /** The unit's own items: what is overdue, what is due within 14 days (in-app reminders). */
  async function unitDashboard(actor: Actor, unitId: string) {
    await assertReadable(actor, unitId, 'Unit');
    const today = todayWib(ctx.clock.now());
    const horizon = addDays(today, 14);
    const items = await ctx.db
      .selectFrom('action_plan')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('withdrawn_at', 'is', null)
      .where('historical', '=', 0)
      .orderBy('timeline_date')
      .execute();
    const view = (a: ActionPlanTable) => ({
      actionId: a.id,
      assignmentId: a.assignment_id,
      actionText: a.action_text,
      timeline: a.timeline_raw,
      timelineDate: a.timeline_date,
      implementationStatus: a.implementation_status,
      evaluationStatus: a.evaluation_status,
    });
    const pending = items.filter((a) => a.implementation_status !== 'done' && a.evaluation_status !== 'close');
    return {
      unitId,
      today,
      total: items.length,
      byImplementation: Object.fromEntries(
        (['planned', 'in_progress', 'done', 'not_done'] as const).map((s) => [
          s,
          items.filter((a) => a.implementation_status === s).length,
        ]),
      ),
      byEvaluation: Object.fromEntries(
        (['unevaluated', 'open', 'close'] as const).map((s) => [s, items.filter((a) => a.evaluation_status === s).length]),
      ),
      dueSoon: pending.filter((a) => a.timeline_date && a.timeline_date >= today && a.timeline_date <= horizon).map(view),
      overdue: pending.filter((a) => a.timeline_date && a.timeline_date < today).map(view),
      items: items.map(view),
    };
  }

  return {
    createAction,
    updateAction,
    withdrawAction,
    submitPlan,
    approvePlan,
    revisePlan,
    recordRealisation,
    addEvidenceFile,
    addEvidenceUrl,
    openEvidence,
    getAction,
    getAssignment,
    listAssignments,
    followUpReport,
    recordStrategy,
    unitDashboard,
    evaluationHistory,
    maxEvidenceBytes: evidence.maxBytes,
  };
}

export function toActionDto(a: ActionPlanTable, evidenceList: unknown[], evaluations: unknown[]) {
  return {
    id: a.id,
    unitId: a.unit_id,
    assignmentId: a.assignment_id,
    source: a.source,
    sourceRef: a.source_ref,
    allServices: a.all_services === 1,
    unitServiceIds: parseJson<string[]>(a.unit_service_ids_json, []),
    elements: parseJson<ElementRef[]>(a.element_codes_json, []),
    priorityRank: a.priority_rank,
    causeAnalysis: a.cause_analysis,
    actionText: a.action_text,
    subActions: parseJson<unknown[]>(a.sub_actions_json, []),
    timeline: a.timeline_raw,
    timelineDate: a.timeline_date,
    pic: a.pic,
    suggestionResponseIds: parseJson<string[]>(a.suggestion_response_ids_json, []),
    implementationStatus: a.implementation_status,
    realisationText: a.realisation_text,
    realisedAt: a.realised_at,
    obstacles: a.obstacles,
    strategy: parseJson<unknown>(a.strategy_json, null),
    evaluationStatus: a.evaluation_status,
    historical: a.historical === 1,
    counted: a.counted === 1,
    elementCodesRaw: a.element_codes_raw,
    warnings: parseJson<RowWarning[]>(a.warnings_json, []),
    createdAt: a.created_at,
    updatedAt: a.updated_at,
    evidence: evidenceList,
    evaluations,
  };
}

export type ActionPlanService = ReturnType<typeof createActionPlanService>;
