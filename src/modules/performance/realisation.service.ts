import type { Db } from '../../db/connection.ts';
import type { OrgUnitTable, PerfIndicatorTable, PerfRealisationTable } from '../../db/schema.ts';
import { evaluateRealisation } from '../../domain/performance/formulas.ts';
import { monthLabel, type Quarter, quarterLabel, quarterOfMonth } from '../../domain/performance/targets.ts';
import { AppError, AppErrorCode, type FieldIssue, notFound } from '../../http/app-error.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { evaluateEntity } from './achievement.report.ts';
import { formulaOf } from './evaluation-input.ts';
import type { LapkinWorkflowService } from './lapkin-workflow.service.ts';
import { performancePolicy as policy } from './performance.policy.ts';
import * as repo from './performance.repository.ts';
import type { RealisationBody, RealisationImportBody } from './performance.schema.ts';
import { field, invalid, localYearMonth, type Support, stateError, VALUE_PLACES } from './performance.support.ts';
import { checkEntry, toDomainInput } from './realisation-input.ts';

/** Monthly realisation (DOMAIN 8.3): entry, submit, verify; the achievement and the finalised quarters (8.5-8.8). */
export function createRealisationService(support: Support, workflow: Pick<LapkinWorkflowService, 'markFinalised'>) {
  const { ctx, audit, now, entity, frozenThrough, indicatorOrThrow } = support;

  /* ---------------- realisations ---------------- */

  const realisationDto = (r: PerfRealisationTable, code?: string) => ({
    id: r.id,
    indicatorId: r.indicator_id,
    indicator: code ?? null,
    year: r.year,
    month: r.month,
    input: JSON.parse(r.input_json) as unknown,
    value: r.value,
    asOfDate: r.as_of_date,
    evidence: JSON.parse(r.evidence_json) as unknown,
    obstacles: r.obstacles,
    note: r.note,
    status: r.status,
    reviewNote: r.review_note,
    enteredBy: r.entered_by,
    submittedAt: r.submitted_at,
    verifiedBy: r.verified_by,
    verifiedAt: r.verified_at,
    updatedAt: r.updated_at,
  });

  /** Upsert one month as a draft (or submitted); refuses future months, frozen months and bad entries. */
  async function writeRealisation(
    trx: Db,
    actor: Actor,
    unit: OrgUnitTable,
    ind: PerfIndicatorTable,
    year: number,
    month: number,
    body: RealisationBody,
    at: string,
    locale: Locale,
    submit: boolean,
  ): Promise<PerfRealisationTable> {
    const f = formulaOf(ind);
    const issues = checkEntry(body.input, f, `${at}.input`, locale);
    const local = localYearMonth(ctx.clock.now(), unit.time_zone);
    if (year > local.year || (year === local.year && month > local.month))
      issues.push(
        field(locale, `${at}.month`, 'performance.realisation.futureMonth', {
          month: monthLabel(month),
          year,
          timeZone: unit.time_zone,
        }),
      );
    if (year < ind.valid_from_year || (ind.valid_to_year !== null && year > ind.valid_to_year))
      issues.push(field(locale, `${at}.year`, 'performance.realisation.indicatorNotValid', { year }));
    if (issues.length) throw invalid(issues, locale);
    const frozen = await frozenThrough(trx, unit.id, year);
    if (month <= frozen)
      throw new AppError(
        AppErrorCode.INVALID_STATE,
        t(locale, 'performance.realisation.frozen', {
          month: monthLabel(month),
          quarter: quarterLabel(quarterOfMonth(frozen)),
          year,
        }),
        {
          messageKey: 'performance.realisation.frozen',
          params: { month: monthLabel(month), quarter: quarterLabel(quarterOfMonth(frozen)), year },
          fields: [
            field(locale, `${at}.month`, 'performance.realisation.frozen', {
              month: monthLabel(month),
              quarter: quarterLabel(quarterOfMonth(frozen)),
              year,
            }),
          ],
        },
      );
    const evaluated = evaluateRealisation(toDomainInput(body.input, f));
    const existing = await repo.findRealisation(trx, ctx.engine, ind.id, year, month);
    const stamp = now();
    const row: PerfRealisationTable = {
      id: existing?.id ?? newId(),
      unit_id: unit.id,
      indicator_id: ind.id,
      year,
      month,
      input_json: JSON.stringify(body.input),
      value: evaluated.value?.toFixedTruncated(VALUE_PLACES) ?? null,
      as_of_date: body.input.kind === 'external' ? body.input.asOf : null,
      evidence_json: JSON.stringify(body.evidence),
      obstacles: body.obstacles ?? null,
      note: body.note ?? null,
      status: submit ? 'submitted' : 'draft',
      review_note: null,
      entered_by: actor.userId,
      submitted_by: submit ? actor.userId : null,
      submitted_at: submit ? stamp : null,
      verified_by: null,
      verified_at: null,
      created_at: existing?.created_at ?? stamp,
      updated_at: stamp,
    };
    if (existing) await repo.updateRealisation(trx, existing.id, row);
    else await repo.insertRealisation(trx, row);
    await audit.record(trx, {
      unitId: unit.id,
      actor,
      entityType: 'perf_realisation',
      entityId: row.id,
      action: existing ? 'update' : 'create',
      before: existing ?? null,
      after: row,
    });
    return row;
  }

  async function putRealisation(
    actor: Actor,
    indicatorId: string,
    year: number,
    month: number,
    body: RealisationBody,
    locale: Locale,
  ) {
    const ind = await indicatorOrThrow(ctx.db, indicatorId);
    policy.enter(actor, ind.unit_id);
    const unit = await entity(ctx.db, ind.unit_id);
    const row = await ctx.db
      .transaction()
      .execute((trx) => writeRealisation(trx, actor, unit, ind, year, month, body, 'body', locale, false));
    return realisationDto(row, ind.code);
  }

  async function importRealisations(actor: Actor, unitId: string, body: RealisationImportBody, locale: Locale) {
    policy.enter(actor, unitId);
    const unit = await entity(ctx.db, unitId);
    const rows = await ctx.db.transaction().execute(async (trx) => {
      const indicators = new Map((await repo.indicatorsOf(trx, unitId, body.year)).map((i) => [i.code, i]));
      const issues: FieldIssue[] = [];
      const seen = new Set<string>();
      body.entries.forEach((e, i) => {
        if (!indicators.has(e.indicator))
          issues.push(field(locale, `body.entries.${i}.indicator`, 'performance.plan.unknownIndicator', { code: e.indicator }));
        const key = `${e.indicator}:${e.month}`;
        if (seen.has(key)) issues.push(field(locale, `body.entries.${i}.month`, 'performance.realisation.duplicate'));
        seen.add(key);
      });
      // Collect every entry's problems before failing: all rows or none.
      for (const [i, e] of body.entries.entries()) {
        const ind = indicators.get(e.indicator);
        if (ind) issues.push(...checkEntry(e.input, formulaOf(ind), `body.entries.${i}.input`, locale));
      }
      if (issues.length) throw invalid(issues, locale);
      const out: PerfRealisationTable[] = [];
      for (const [i, e] of body.entries.entries())
        out.push(
          await writeRealisation(
            trx,
            actor,
            unit,
            indicators.get(e.indicator) as PerfIndicatorTable,
            body.year,
            e.month,
            e,
            `body.entries.${i}`,
            locale,
            body.submit,
          ),
        );
      return out;
    });
    return { count: rows.length, status: body.submit ? 'submitted' : 'draft' };
  }

  async function transitionRealisation(
    actor: Actor,
    indicatorId: string,
    year: number,
    month: number,
    action: 'submit' | 'verify',
    decision?: { decision: 'verified' | 'needs_revision'; note?: string | undefined },
  ) {
    const ind = await indicatorOrThrow(ctx.db, indicatorId);
    return ctx.db.transaction().execute(async (trx) => {
      const r = await repo.findRealisation(trx, ctx.engine, ind.id, year, month);
      if (!r) throw notFound('Realisasi');
      if (month <= (await frozenThrough(trx, ind.unit_id, year)))
        throw stateError('performance.realisation.frozen', {
          month: monthLabel(month),
          quarter: quarterLabel(quarterOfMonth(month)),
          year,
        });
      let set: Partial<PerfRealisationTable>;
      if (action === 'submit') {
        policy.enter(actor, ind.unit_id);
        if (r.status !== 'draft' && r.status !== 'needs_revision')
          throw stateError('performance.realisation.badState', { status: r.status, action: 'submit' });
        set = { status: 'submitted', submitted_by: actor.userId, submitted_at: now(), updated_at: now() };
      } else {
        policy.verify(actor, ind.unit_id, r.submitted_by ?? r.entered_by);
        if (r.status !== 'submitted')
          throw stateError('performance.realisation.badState', { status: r.status, action: 'verify' });
        set =
          decision?.decision === 'needs_revision'
            ? { status: 'needs_revision', review_note: decision.note ?? null, updated_at: now() }
            : {
                status: 'verified',
                verified_by: actor.userId,
                verified_at: now(),
                review_note: decision?.note ?? null,
                updated_at: now(),
              };
      }
      await repo.updateRealisation(trx, r.id, set);
      await audit.record(trx, {
        unitId: ind.unit_id,
        actor,
        entityType: 'perf_realisation',
        entityId: r.id,
        action: action === 'submit' ? 'submit' : (set.status as string),
        before: { status: r.status },
        after: set,
        reason: decision?.note ?? null,
      });
      return realisationDto({ ...r, ...set } as PerfRealisationTable, ind.code);
    });
  }

  /** The monthly evaluation meeting verifies every submitted realisation of the listed months at once. */
  async function bulkVerify(
    actor: Actor,
    unitId: string,
    body: { year: number; months?: number[] | undefined; note?: string | undefined },
  ) {
    await entity(ctx.db, unitId);
    return ctx.db.transaction().execute(async (trx) => {
      const frozen = await frozenThrough(trx, unitId, body.year);
      const rows = (await repo.realisationsOf(trx, unitId, body.year)).filter(
        (r) => r.status === 'submitted' && r.month > frozen && (!body.months || body.months.includes(r.month)),
      );
      for (const r of rows) {
        policy.verify(actor, unitId, r.submitted_by ?? r.entered_by);
        const set = {
          status: 'verified' as const,
          verified_by: actor.userId,
          verified_at: now(),
          review_note: body.note ?? null,
          updated_at: now(),
        };
        await repo.updateRealisation(trx, r.id, set);
        await audit.record(trx, {
          unitId,
          actor,
          entityType: 'perf_realisation',
          entityId: r.id,
          action: 'verified',
          before: { status: r.status },
          after: set,
          reason: body.note ?? null,
        });
      }
      if (rows.length === 0) policy.verify(actor, unitId, null);
      return { verified: rows.length };
    });
  }

  async function listRealisations(actor: Actor, unitId: string, year: number) {
    await policy.read(ctx.db, actor, unitId);
    await entity(ctx.db, unitId);
    const [rows, indicators] = await Promise.all([repo.realisationsOf(ctx.db, unitId, year), repo.indicatorsOf(ctx.db, unitId)]);
    const code = new Map(indicators.map((i) => [i.id, i.code]));
    return { realisations: rows.map((r) => realisationDto(r, code.get(r.indicator_id))) };
  }

  /* ---------------- achievement and periods ---------------- */

  const evaluate = (unit: OrgUnitTable, year: number, quarter: Quarter, locale: Locale) =>
    evaluateEntity(ctx.db, unit, year, quarter, locale);

  async function achievement(actor: Actor, unitId: string, year: number, quarter: Quarter, locale: Locale) {
    await policy.read(ctx.db, actor, unitId);
    const unit = await entity(ctx.db, unitId);
    return evaluate(unit, year, quarter, locale);
  }

  /**
   * The unit head finalises (menetapkan) the reviewed interim report: its months freeze and the figures are kept
   * as reported.
   */
  async function finalise(actor: Actor, unitId: string, year: number, quarter: Quarter, locale: Locale) {
    policy.sign(actor, unitId);
    const unit = await entity(ctx.db, unitId);
    const local = localYearMonth(ctx.clock.now(), unit.time_zone);
    const end = quarter * 3;
    if (year > local.year || (year === local.year && end >= local.month))
      throw stateError('performance.period.notEnded', { quarter: quarterLabel(quarter), year });
    const result = await evaluate(unit, year, quarter, locale);
    return ctx.db.transaction().execute(async (trx) => {
      const locks = await repo.locksOf(trx, unitId, year);
      if (locks.some((l) => l.quarter === quarter))
        throw stateError('performance.period.alreadyFinalised', { quarter: quarterLabel(quarter), year });
      const pending = (await repo.realisationsOf(trx, unitId, year)).filter((r) => r.month <= end && r.status !== 'verified');
      if (pending.length) {
        const inds = new Map((await repo.indicatorsOf(trx, unitId)).map((i) => [i.id, i.code]));
        const list = pending.map((r) => `${inds.get(r.indicator_id) ?? r.indicator_id}/${monthLabel(r.month)}`).join(', ');
        throw stateError('performance.period.pending', { list });
      }
      await workflow.markFinalised(trx, actor, unitId, year, quarter, locale);
      const row = {
        id: newId(),
        unit_id: unitId,
        year,
        quarter,
        finalised_by: actor.userId,
        finalised_at: now(),
        result_json: JSON.stringify(result),
      };
      await repo.insertLock(trx, row);
      await audit.record(trx, {
        unitId,
        actor,
        entityType: 'perf_period_lock',
        entityId: row.id,
        action: 'finalise',
        after: { year, quarter, overall: result.overall.score?.value ?? null },
      });
      return {
        id: row.id,
        year,
        quarter,
        finalisedAt: row.finalised_at,
        frozenThroughMonth: Math.max(end, ...locks.map((l) => l.quarter * 3)),
      };
    });
  }

  async function finalisedReport(actor: Actor, unitId: string, year: number, quarter: number) {
    await policy.read(ctx.db, actor, unitId);
    const row = await ctx.db
      .selectFrom('perf_period_lock')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('year', '=', year)
      .where('quarter', '=', quarter)
      .executeTakeFirst();
    if (!row) throw notFound('Laporan triwulan');
    return { finalisedAt: row.finalised_at, finalisedBy: row.finalised_by, report: JSON.parse(row.result_json) as unknown };
  }

  return {
    putRealisation,
    importRealisations,
    transitionRealisation,
    bulkVerify,
    listRealisations,
    evaluate,
    achievement,
    finalise,
    finalisedReport,
  };
}
