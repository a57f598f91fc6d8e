import type { Db } from '../../db/connection.ts';
import type { ActionPlanTable, CycleUnitSummaryTable, MonitoringCycleTable } from '../../db/schema.ts';
import {
  type ActionItem,
  appreciationLists,
  checkTimelines,
  completionPct,
  type EvaluationStatus,
  keterangan,
  missingResponses,
  pooledBy,
  pooledSummary,
  type RecommendationAssignment,
  type UnitSummary,
  unitSummary,
} from '../../domain/action-plans/metrics.ts';
import { formatId, toFixedHalfUp } from '../../domain/core/rounding.ts';
import { compareCodes } from '../../domain/skm/analysis.ts';
import { notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { requireRole } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveUnitScope, scopeIncludes, type UnitScope } from '../auth/scope.ts';
import type { ServiceContext } from '../service-context.ts';
import {
  elementNames,
  parseJson,
  type RowWarning,
  stateError,
  toActionItem,
  todayWib,
  UNIT_TYPE_ORDER,
  unitTypeLabel,
  validationError,
} from './action-plans.common.ts';
import * as repo from './action-plans.repository.ts';
import type { CycleInput, ElementRef, EvaluationInput } from './action-plans.schema.ts';

const NEXT: Record<MonitoringCycleTable['status'], MonitoringCycleTable['status'][]> = {
  draft: ['open'],
  open: ['cut_off'],
  cut_off: ['reported'],
  reported: ['closed'],
  closed: [],
};
/** Evaluations are recorded while the cycle is open and until the report is final. */
const EVALUABLE: MonitoringCycleTable['status'][] = ['open', 'cut_off'];
const FROZEN: MonitoringCycleTable['status'][] = ['cut_off', 'reported', 'closed'];
const READ_ROLES = ['inspectorate', 'skm_coordinator', 'executive_viewer', 'planning_bureau'] as const;

export interface CycleState {
  cycle: MonitoringCycleTable;
  units: Map<string, { id: string; name: string; type: string; code: string; active: number }>;
  assignments: repo.AssignmentRow[];
  /** Counted actions of submitted (or approved) plans. */
  actions: ActionPlanTable[];
  status: Map<string, EvaluationStatus>;
  latest: Map<string, { note: string | null; reasonCode: string | null; evaluationId: string }>;
}

export function createMonitoringService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const { audit } = deps;

  const cycleDto = (c: MonitoringCycleTable) => ({
    id: c.id,
    name: c.name,
    year: c.year,
    semester: c.semester,
    basisCampaignId: c.basis_campaign_id,
    basisYear: c.basis_year,
    assignmentLetterNo: c.assignment_letter_no,
    assignmentLetterDate: c.assignment_letter_date,
    cutoffDate: c.cutoff_date,
    reportDate: c.report_date,
    team: parseJson<unknown[]>(c.team_json, []),
    status: c.status,
    historical: c.historical === 1,
    previousCycleId: c.previous_cycle_id,
    nextStatuses: NEXT[c.status],
    cutOffAt: c.cut_off_at,
    reportedAt: c.reported_at,
    closedAt: c.closed_at,
  });

  async function loadCycle(db: Db, id: string) {
    const c = await repo.findCycle(db, id);
    if (!c) throw notFound('Siklus monitoring');
    return c;
  }

  async function createCycle(actor: Actor, input: CycleInput) {
    requireRole(actor, ['inspectorate']);
    let basisYear = input.basisYear;
    if (input.basisCampaignId) {
      const camp = await ctx.db
        .selectFrom('skm_campaign')
        .select(['id', 'year'])
        .where('id', '=', input.basisCampaignId)
        .executeTakeFirst();
      if (!camp)
        throw validationError([{ field: 'body.basisCampaignId', message: t('id', 'actionPlans.cycle.campaignUnknown') }]);
      basisYear = camp.year;
    }
    if (basisYear === undefined)
      throw validationError([{ field: 'body.basisYear', message: t('id', 'actionPlans.cycle.basisRequired') }]);
    const now = isoNow(ctx.clock);
    const row: MonitoringCycleTable = {
      id: newId(),
      name: input.name,
      year: input.year,
      semester: input.semester,
      basis_campaign_id: input.basisCampaignId ?? null,
      basis_year: basisYear,
      assignment_letter_no: input.assignmentLetterNo ?? null,
      assignment_letter_date: input.assignmentLetterDate ?? null,
      cutoff_date: input.cutoffDate,
      report_date: input.reportDate ?? null,
      team_json: JSON.stringify(input.team),
      status: 'draft',
      historical: 0,
      previous_cycle_id: input.previousCycleId ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      cut_off_at: null,
      reported_at: null,
      closed_at: null,
    };
    await ctx.db.transaction().execute(async (trx) => {
      if (input.previousCycleId) {
        const prev = await loadCycle(trx, input.previousCycleId);
        // DOMAIN 7.5: creating the next cycle closes a reported one; its Open items carry over.
        if (prev.status === 'reported') {
          await repo.updateCycle(trx, prev.id, 'reported', { status: 'closed', closed_at: now, updated_at: now });
          await audit.record(trx, {
            unitId: null,
            actor,
            entityType: 'monitoring_cycle',
            entityId: prev.id,
            action: 'transition',
            before: { status: 'reported' },
            after: { status: 'closed', nextCycleId: row.id },
          });
        }
      }
      await repo.insertCycle(trx, row);
      await audit.record(trx, {
        unitId: null,
        actor,
        entityType: 'monitoring_cycle',
        entityId: row.id,
        action: 'create',
        after: row,
      });
    });
    return cycleDto(row);
  }

  async function listCycles(actor: Actor) {
    requireRole(actor, [...READ_ROLES, 'unit_operator', 'unit_head']);
    return { cycles: (await repo.listCycles(ctx.db)).map(cycleDto) };
  }

  async function getCycle(actor: Actor, id: string) {
    requireRole(actor, [...READ_ROLES, 'unit_operator', 'unit_head']);
    return cycleDto(await loadCycle(ctx.db, id));
  }

  /** Everything the metrics of a cycle read: scope assignments, counted submitted actions, status per action. */
  async function cycleState(db: Db, cycle: MonitoringCycleTable): Promise<CycleState> {
    const assignments = (
      await repo.listAssignments(db, { basisCampaignId: cycle.basis_campaign_id, basisYear: cycle.basis_year })
    ).filter((a) => a.applicable === 1);
    const submitted = new Set(assignments.filter((a) => a.plan_status !== 'draft').map((a) => a.id));
    const actions = (
      await repo.actionsOfAssignments(
        db,
        assignments.map((a) => a.id),
      )
    ).filter((a) => a.counted === 1 && a.assignment_id && submitted.has(a.assignment_id));
    const evals = await repo.evaluationsUpTo(
      db,
      actions.map((a) => a.id),
      cycle.created_at,
    );
    const status = new Map<string, EvaluationStatus>();
    const latest = new Map<string, { note: string | null; reasonCode: string | null; evaluationId: string }>();
    // Later rows win; an evaluation of this cycle wins over any carried over from an earlier one.
    const ordered = [...evals.filter((e) => e.cycle_id !== cycle.id), ...evals.filter((e) => e.cycle_id === cycle.id)];
    for (const e of ordered) {
      status.set(e.action_plan_id, e.status);
      latest.set(e.action_plan_id, { note: e.note, reasonCode: e.reason_code, evaluationId: e.id });
    }
    const units = new Map((await repo.unitsByIds(db, [...new Set(assignments.map((a) => a.unit_id))])).map((u) => [u.id, u]));
    return { cycle, units, assignments, actions, status, latest };
  }

  function domainView(s: CycleState) {
    const recNo = new Map(s.assignments.map((a) => [a.id, a.number]));
    const assignments: RecommendationAssignment[] = s.assignments.map((a) => ({ unitId: a.unit_id, recommendationNo: a.number }));
    const items: ActionItem[] = s.actions.map((a) =>
      toActionItem(a, recNo.get(a.assignment_id as string) ?? 0, s.status.get(a.id) ?? 'unevaluated'),
    );
    return { assignments, items };
  }

  /** Per-unit summaries, live (open cycle) from the domain metrics. */
  function liveSummaries(s: CycleState) {
    const { assignments, items } = domainView(s);
    const names = elementNames('skm');
    const overdue = checkTimelines(items, s.cycle.cutoff_date);
    return [...s.units.values()].map((u) => {
      const sum = unitSummary(u.id, assignments, items);
      return {
        summary: sum,
        unitTypeLabel: unitTypeLabel(u.type),
        keterangan: keterangan(sum, names),
        overdue: overdue.filter((c) => c.overdue && c.action.unitId === u.id).length,
      };
    });
  }

  async function freeze(trx: Db, cycle: MonitoringCycleTable, stage: 'cut_off' | 'reported', actor: Actor) {
    const state = await cycleState(trx, cycle);
    const now = isoNow(ctx.clock);
    for (const l of liveSummaries(state)) {
      const s = l.summary;
      await repo.insertSummary(trx, {
        id: newId(),
        cycle_id: cycle.id,
        unit_id: s.unitId,
        stage,
        unit_type_label: l.unitTypeLabel,
        jr: s.jr,
        jru: s.jru,
        jra: s.jra,
        closed_count: s.closedCount,
        pct: s.pct ? toFixedHalfUp(s.pct) : null,
        missing_json: JSON.stringify(s.missingRecommendations),
        open_elements_json: JSON.stringify(s.openElements),
        open_without_element: s.openWithoutElement,
        overdue_count: l.overdue,
        keterangan: l.keterangan,
        frozen_at: now,
        frozen_by: actor.userId,
      });
      await audit.record(trx, {
        unitId: s.unitId,
        actor,
        entityType: 'cycle_unit_summary',
        entityId: `${cycle.id}:${s.unitId}:${stage}`,
        action: 'freeze',
        after: {
          jr: s.jr,
          jru: s.jru,
          jra: s.jra,
          closed: s.closedCount,
          pct: s.pct ? toFixedHalfUp(s.pct) : null,
          keterangan: l.keterangan,
        },
      });
    }
  }

  async function transition(actor: Actor, id: string, to: MonitoringCycleTable['status']) {
    requireRole(actor, ['inspectorate']);
    const updated = await ctx.db.transaction().execute(async (trx) => {
      const c = await loadCycle(trx, id);
      if (!NEXT[c.status].includes(to)) throw stateError('actionPlans.cycle.invalidTransition', { from: c.status, to });
      if (to === 'open') {
        const missing: { field: string; message: string }[] = [];
        if (!c.assignment_letter_no)
          missing.push({ field: 'assignmentLetterNo', message: t('id', 'actionPlans.cycle.letterRequired') });
        if (parseJson<unknown[]>(c.team_json, []).length === 0)
          missing.push({ field: 'team', message: t('id', 'actionPlans.cycle.teamRequired') });
        if (missing.length) throw validationError(missing, 'actionPlans.cycle.notReady');
      }
      if (to === 'cut_off' && todayWib(ctx.clock.now()) <= c.cutoff_date)
        throw stateError('actionPlans.cycle.cutoffNotPassed', { date: c.cutoff_date });
      const now = isoNow(ctx.clock);
      const patch = {
        status: to,
        updated_at: now,
        ...(to === 'cut_off' ? { cut_off_at: now } : {}),
        ...(to === 'reported' ? { reported_at: now } : {}),
        ...(to === 'closed' ? { closed_at: now } : {}),
      };
      const res = await repo.updateCycle(trx, id, c.status, patch);
      if (Number(res.numUpdatedRows) !== 1) throw stateError('actionPlans.cycle.concurrentChange');
      if (to === 'cut_off' || to === 'reported') await freeze(trx, { ...c, ...patch }, to, actor);
      await audit.record(trx, {
        unitId: null,
        actor,
        entityType: 'monitoring_cycle',
        entityId: id,
        action: 'transition',
        before: { status: c.status },
        after: { status: to },
      });
      return { ...c, ...patch };
    });
    return cycleDto(updated);
  }

  /** The inspectorate's judgement (DOMAIN 7.4): Open needs a reason code and a note; every evaluation is kept. */
  async function evaluate(actor: Actor, actionId: string, input: EvaluationInput) {
    requireRole(actor, ['inspectorate']);
    const issues: { field: string; message: string }[] = [];
    if (input.status === 'open') {
      if (!input.reasonCode) issues.push({ field: 'body.reasonCode', message: t('id', 'actionPlans.evaluation.reasonRequired') });
      if (!input.note) issues.push({ field: 'body.note', message: t('id', 'actionPlans.evaluation.noteRequired') });
    }
    if (issues.length) throw validationError(issues);
    return ctx.db.transaction().execute(async (trx) => {
      const cycle = await loadCycle(trx, input.cycleId);
      if (!EVALUABLE.includes(cycle.status)) throw stateError('actionPlans.evaluation.cycleNotOpen');
      const action = await repo.findAction(trx, actionId);
      if (!action || action.withdrawn_at) throw notFound('Rencana aksi');
      const asg = action.assignment_id ? await repo.findAssignment(trx, action.assignment_id) : undefined;
      const inScope =
        asg &&
        asg.basis_year === cycle.basis_year &&
        (asg.basis_campaign_id ?? null) === (cycle.basis_campaign_id ?? null) &&
        asg.plan_status !== 'draft';
      if (!inScope) throw stateError('actionPlans.evaluation.notInCycle');
      const now = isoNow(ctx.clock);
      const row = {
        id: newId(),
        cycle_id: cycle.id,
        unit_id: action.unit_id,
        action_plan_id: action.id,
        status: input.status,
        reason_code: input.reasonCode ?? null,
        note: input.note ?? null,
        evaluation_date: input.evaluationDate ?? todayWib(ctx.clock.now()),
        evaluated_by: actor.userId,
        evaluated_at: now,
        warnings_json: '[]',
      };
      await trx.insertInto('action_evaluation').values(row).execute();
      await repo.updateAction(trx, action.id, { evaluation_status: input.status, updated_at: now });
      await audit.record(trx, {
        unitId: action.unit_id,
        actor,
        entityType: 'action_plan',
        entityId: action.id,
        action: action.evaluation_status === 'close' && input.status === 'open' ? 'reopen' : 'evaluate',
        before: { status: action.evaluation_status },
        after: { status: input.status, reasonCode: row.reason_code, cycleId: cycle.id, evaluationId: row.id },
        reason: input.note ?? null,
      });
      return {
        id: row.id,
        actionId: action.id,
        cycleId: cycle.id,
        status: row.status,
        reasonCode: row.reason_code,
        note: row.note,
        evaluationDate: row.evaluation_date,
        evaluatedAt: row.evaluated_at,
      };
    });
  }

  async function addEvaluationUpdate(actor: Actor, evaluationId: string, input: { date: string; text: string }) {
    requireRole(actor, ['inspectorate']);
    return ctx.db.transaction().execute(async (trx) => {
      const e = await trx.selectFrom('action_evaluation').selectAll().where('id', '=', evaluationId).executeTakeFirst();
      if (!e) throw notFound('Evaluasi');
      const row = {
        id: newId(),
        evaluation_id: e.id,
        unit_id: e.unit_id,
        update_date: input.date,
        text: input.text,
        created_by: actor.userId,
        created_at: isoNow(ctx.clock),
      };
      await trx.insertInto('action_evaluation_update').values(row).execute();
      await audit.record(trx, {
        unitId: e.unit_id,
        actor,
        entityType: 'action_evaluation',
        entityId: e.id,
        action: 'update_note',
        after: row,
      });
      return { id: row.id, evaluationId: e.id, date: row.update_date, text: row.text };
    });
  }

  async function readScope(actor: Actor): Promise<UnitScope> {
    requireRole(actor, [...READ_ROLES, 'unit_operator', 'unit_head']);
    return resolveUnitScope(ctx.db, actor);
  }

  /** Frozen rows after the cutoff (latest stage), live rows while the cycle is open. */
  async function unitRows(db: Db, cycle: MonitoringCycleTable) {
    if (FROZEN.includes(cycle.status)) {
      const rows = await repo.summaries(db, cycle.id);
      const stage = rows.some((r) => r.stage === 'reported') ? 'reported' : 'cut_off';
      const picked = rows.filter((r) => r.stage === stage);
      const units = new Map(
        (
          await repo.unitsByIds(
            db,
            picked.map((r) => r.unit_id),
          )
        ).map((u) => [u.id, u]),
      );
      return picked.map((r) => ({
        summary: fromFrozen(r),
        unitTypeLabel: r.unit_type_label,
        keterangan: r.keterangan,
        overdue: r.overdue_count,
        unit: units.get(r.unit_id),
      }));
    }
    const state = await cycleState(db, cycle);
    return liveSummaries(state).map((l) => ({ ...l, unit: state.units.get(l.summary.unitId) }));
  }

  /** Lampiran order: Pusat, Balai Besar POM, Balai POM, Loka POM; by name within a group. */
  const sortRows = <T extends { unitTypeLabel: string; unit?: { name: string } | undefined }>(rows: T[]) =>
    rows.sort(
      (a, b) =>
        UNIT_TYPE_ORDER.indexOf(a.unitTypeLabel) - UNIT_TYPE_ORDER.indexOf(b.unitTypeLabel) ||
        (a.unit?.name ?? '').localeCompare(b.unit?.name ?? ''),
    );

  /** Lampiran 1 (Matriks Ringkasan): per unit jr, jru, jra, closed, %, keterangan; a pooled total row (D12). */
  async function lampiran1(actor: Actor, cycleId: string) {
    const scope = await readScope(actor);
    const cycle = await loadCycle(ctx.db, cycleId);
    const rows = sortRows((await unitRows(ctx.db, cycle)).filter((r) => scopeIncludes(scope, r.summary.unitId)));
    const total = pooledSummary(rows.map((r) => r.summary));
    const lists = appreciationLists(rows.map((r) => r.summary));
    const typeOf = new Map(rows.map((r) => [r.summary.unitId, r.unitTypeLabel]));
    const group = (list: UnitSummary[]) =>
      UNIT_TYPE_ORDER.map((type) => ({
        unitType: type,
        units: list
          .filter((s) => typeOf.get(s.unitId) === type)
          .map((s) => {
            const r = rows.find((x) => x.summary.unitId === s.unitId);
            return { unitId: s.unitId, name: r?.unit?.name ?? s.unitId, pct: s.pct ? toFixedHalfUp(s.pct) : null };
          }),
      })).filter((g) => g.units.length > 0);
    return {
      cycle: cycleDto(cycle),
      dataPer: cycle.cutoff_date,
      frozen: FROZEN.includes(cycle.status),
      rows: rows.map((r, i) => ({
        no: i + 1,
        unitId: r.summary.unitId,
        unitName: r.unit?.name ?? r.summary.unitId,
        unitType: r.unitTypeLabel,
        jr: r.summary.jr,
        jru: r.summary.jru,
        jra: r.summary.jra,
        closed: r.summary.closedCount,
        pct: r.summary.pct ? toFixedHalfUp(r.summary.pct) : null,
        pctDisplay: r.summary.pct ? formatId(r.summary.pct) : '-',
        missingRecommendations: r.summary.missingRecommendations,
        openElements: r.summary.openElements,
        overdue: r.overdue,
        keterangan: r.keterangan,
      })),
      total: {
        units: total.units,
        jr: total.jr,
        jru: total.jru,
        jra: total.jra,
        closed: total.closedCount,
        pct: total.pct ? toFixedHalfUp(total.pct) : null,
        pctDisplay: total.pct ? formatId(total.pct) : '-',
        unitsAt100: total.unitsAt100,
        unitsWithMissing: total.unitsWithMissing,
        missingResponses: total.missingResponses,
      },
      byUnitType: pooledBy(
        rows.map((r) => r.summary),
        (s) => typeOf.get(s.unitId) ?? 'Pusat',
      ).map((g) => ({
        unitType: g.key,
        units: g.summary.units,
        jr: g.summary.jr,
        jra: g.summary.jra,
        closed: g.summary.closedCount,
        pct: g.summary.pct ? toFixedHalfUp(g.summary.pct) : null,
        unitsAt100: g.summary.unitsAt100,
      })),
      appreciation: group(lists.appreciation),
      followUp: group(lists.followUp),
      missingResponses: missingResponses(rows.map((r) => r.summary)).map((m) => ({
        ...m,
        unitName: rows.find((r) => r.summary.unitId === m.unitId)?.unit?.name ?? m.unitId,
      })),
    };
  }

  /** Lampiran 2 (Matriks Rincian): unit → recommendation → action with timeline, status and note. */
  async function lampiran2(actor: Actor, cycleId: string) {
    const scope = await readScope(actor);
    const cycle = await loadCycle(ctx.db, cycleId);
    const state = await cycleState(ctx.db, cycle);
    // Imported history also lists the recorded items that Lampiran 1 did not count.
    const extra = cycle.historical
      ? (
          await repo.actionsOfAssignments(
            ctx.db,
            state.assignments.map((a) => a.id),
          )
        ).filter((a) => a.counted === 0)
      : [];
    const all = [...state.actions, ...extra];
    const evals = await repo.evaluationsUpTo(
      ctx.db,
      extra.map((a) => a.id),
      cycle.created_at,
    );
    for (const e of evals) {
      state.status.set(e.action_plan_id, e.status);
      state.latest.set(e.action_plan_id, { note: e.note, reasonCode: e.reason_code, evaluationId: e.id });
    }
    const updates = await repo.updatesOfEvaluations(
      ctx.db,
      [...state.latest.values()].map((l) => l.evaluationId),
    );
    const names = elementNames('skm');
    const units = sortRows(
      [...state.units.values()]
        .filter((u) => scopeIncludes(scope, u.id))
        .map((u) => ({ unit: u, unitTypeLabel: unitTypeLabel(u.type) })),
    );
    let no = 0;
    return {
      cycle: cycleDto(cycle),
      dataPer: cycle.cutoff_date,
      units: units.map(({ unit }) => ({
        no: ++no,
        unitId: unit.id,
        unitName: unit.name,
        recommendations: state.assignments
          .filter((a) => a.unit_id === unit.id)
          .map((a) => {
            const actions = all.filter((x) => x.assignment_id === a.id).sort((x, y) => x.seq - y.seq);
            return {
              number: a.number,
              text: a.official_text,
              responseStatus: actions.length ? 'responded' : 'missing',
              actions: actions.map((x, i) => {
                const status = state.status.get(x.id) ?? 'unevaluated';
                const latest = state.latest.get(x.id);
                const els = parseJson<ElementRef[]>(x.element_codes_json, []);
                return {
                  no: i + 1,
                  actionId: x.id,
                  elements: els.map((e) => ({ code: e.code, name: names[e.code] ?? null })),
                  heading: els.map((e) => `${e.code}${names[e.code] ? ` (${names[e.code]})` : ''}`).join(', '),
                  actionText: x.action_text,
                  subActions: parseJson<unknown[]>(x.sub_actions_json, []),
                  timeline: x.timeline_raw,
                  timelineDate: x.timeline_date,
                  status,
                  statusLabel: status === 'close' ? 'Close' : status === 'open' ? 'Open' : '-',
                  reasonCode: latest?.reasonCode ?? null,
                  note: latest?.note ?? null,
                  updates: updates
                    .filter((u) => u.evaluation_id === latest?.evaluationId)
                    .map((u) => ({ date: u.update_date, text: u.text })),
                  overdue: status === 'open' && x.timeline_date !== null && x.timeline_date < cycle.cutoff_date,
                  counted: x.counted === 1,
                  warnings: parseJson<RowWarning[]>(x.warnings_json, []),
                };
              }),
            };
          }),
      })),
    };
  }

  /** Inspectorate dashboard: completion by unit type, element and recommendation type; open reasons; overdue (today). */
  async function dashboard(actor: Actor, cycleId: string | undefined) {
    requireRole(actor, READ_ROLES as unknown as Parameters<typeof requireRole>[1]);
    const cycles = await repo.listCycles(ctx.db);
    const cycle = cycleId ? await loadCycle(ctx.db, cycleId) : (cycles.find((c) => !c.historical) ?? cycles[0]);
    if (!cycle) return { cycle: null, byUnitType: [], byElement: [], byRecommendation: [], openReasons: [], overdue: [] };
    const state = await cycleState(ctx.db, cycle);
    const { assignments, items } = domainView(state);
    const sums = [...state.units.values()].map((u) => ({
      s: unitSummary(u.id, assignments, items),
      type: unitTypeLabel(u.type),
    }));
    const pct = (closed: number, n: number) => {
      const v = completionPct(closed, n);
      return v && toFixedHalfUp(v);
    };
    const byElement = new Map<string, { actions: number; closed: number; open: number }>();
    for (const i of items)
      for (const code of i.elementCodes) {
        const g = byElement.get(code) ?? { actions: 0, closed: 0, open: 0 };
        g.actions++;
        if (i.status === 'close') g.closed++;
        if (i.status === 'open') g.open++;
        byElement.set(code, g);
      }
    const byRec = new Map<string, { number: number; type: string; actions: number; closed: number }>();
    const recOf = new Map(state.assignments.map((a) => [a.id, a]));
    for (const a of state.actions) {
      const asg = recOf.get(a.assignment_id as string);
      if (!asg) continue;
      const k = `${asg.number}`;
      const g = byRec.get(k) ?? { number: asg.number, type: asg.type, actions: 0, closed: 0 };
      g.actions++;
      if (state.status.get(a.id) === 'close') g.closed++;
      byRec.set(k, g);
    }
    const reasons = new Map<string, number>();
    for (const a of state.actions)
      if (state.status.get(a.id) === 'open') {
        const r = state.latest.get(a.id)?.reasonCode ?? 'unspecified';
        reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
    const today = todayWib(ctx.clock.now());
    const overdue = checkTimelines(items, today)
      .filter((c) => c.overdue)
      .map((c) => {
        const a = state.actions.find((x) => x.id === c.action.id) as ActionPlanTable;
        return {
          actionId: a.id,
          unitId: a.unit_id,
          unitName: state.units.get(a.unit_id)?.name ?? a.unit_id,
          actionText: a.action_text,
          timeline: a.timeline_raw,
          timelineDate: a.timeline_date,
          reasonCode: state.latest.get(a.id)?.reasonCode ?? null,
        };
      });
    return {
      cycle: cycleDto(cycle),
      today,
      byUnitType: pooledBy(
        sums.map((x) => x.s),
        (s) => sums.find((x) => x.s.unitId === s.unitId)?.type ?? 'Pusat',
      ).map((g) => ({
        unitType: g.key,
        units: g.summary.units,
        jra: g.summary.jra,
        closed: g.summary.closedCount,
        pct: g.summary.pct ? toFixedHalfUp(g.summary.pct) : null,
      })),
      byElement: [...byElement.entries()]
        .sort((a, b) => compareCodes(a[0], b[0]))
        .map(([code, g]) => ({ code, name: elementNames('skm')[code] ?? null, ...g, pct: pct(g.closed, g.actions) })),
      byRecommendation: [...byRec.values()]
        .sort((a, b) => a.number - b.number)
        .map((g) => ({ ...g, pct: pct(g.closed, g.actions) })),
      openReasons: [...reasons.entries()].map(([reasonCode, count]) => ({ reasonCode, count })).sort((a, b) => b.count - a.count),
      overdue,
    };
  }

  return {
    createCycle,
    listCycles,
    getCycle,
    transition,
    evaluate,
    addEvaluationUpdate,
    lampiran1,
    lampiran2,
    dashboard,
    cycleState,
  };
}

export function fromFrozen(r: CycleUnitSummaryTable): UnitSummary {
  return {
    unitId: r.unit_id,
    jr: r.jr,
    jru: r.jru,
    jra: r.jra,
    closedCount: r.closed_count,
    pct: completionPct(r.closed_count, r.jra),
    missingRecommendations: parseJson<number[]>(r.missing_json, []),
    openElements: parseJson<string[]>(r.open_elements_json, []),
    openWithoutElement: r.open_without_element,
  };
}

export type MonitoringService = ReturnType<typeof createMonitoringService>;
