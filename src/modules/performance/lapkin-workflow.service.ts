import type { Db } from '../../db/connection.ts';
import type { PerfLapkinWorkflowTable } from '../../db/schema.ts';
import { type Quarter, quarterLabel } from '../../domain/performance/targets.ts';
import { AppError, AppErrorCode } from '../../http/app-error.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import { holdsRoleFor } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import { performancePolicy as policy } from './performance.policy.ts';
import * as repo from './performance.repository.ts';
import { localYearMonth, type Support } from './performance.support.ts';

export type LapkinStatus = PerfLapkinWorkflowTable['status'];
export type LapkinAction = 'review' | 'reopen' | 'finalise' | 'submit';

export interface LapkinWorkflowState {
  year: number;
  quarter: number;
  status: LapkinStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  finalisedBy: string | null;
  finalisedAt: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  submittedTo: string | null;
  /** What this actor may do next (the UI shows these buttons). */
  actions: LapkinAction[];
}

/** A refused transition (409) in the caller's language, naming the current status. */
export function lapkinStateError(locale: Locale, key: string, quarter: number, year: number, status?: LapkinStatus): AppError {
  const params: Record<string, string | number> = {
    quarter: quarterLabel(quarter as Quarter),
    year,
    ...(status ? { status: t(locale, `performance.lapkin.status.${status}`) } : {}),
  };
  return new AppError(AppErrorCode.INVALID_STATE, t(locale, key, params), { messageKey: key, params });
}

/** Status of one quarter: the lock decides finalised; the workflow row holds review and submission. */
export async function lapkinStatusOf(db: Db, unitId: string, year: number, quarter: number) {
  const [row, lock] = await Promise.all([
    repo.findLapkinWorkflow(db, unitId, year, quarter),
    repo.findLock(db, unitId, year, quarter),
  ]);
  const status: LapkinStatus = lock
    ? row?.status === 'submitted'
      ? 'submitted'
      : 'finalised'
    : row?.status === 'reviewed'
      ? 'reviewed'
      : 'draft';
  return { status, row, lock };
}

/**
 * The LAPKIN Interim workflow of DOMAIN 8.13: draft → reviewed (the SAKIP team) → finalised (the unit head,
 * in `realisation.finalise`; never the reviewer: four-eyes) → submitted (to the planning bureau / superior).
 * A reviewed report may go back to draft for corrections. Every move is audited.
 */
export function createLapkinWorkflowService(support: Support) {
  const { ctx, audit, now, entity } = support;

  async function state(db: Db, actor: Actor, unitId: string, year: number, quarter: number): Promise<LapkinWorkflowState> {
    const { status, row, lock } = await lapkinStatusOf(db, unitId, year, quarter);
    const names = await repo.userNames(
      db,
      [row?.reviewed_by, lock?.finalised_by, row?.submitted_by].filter((x): x is string => typeof x === 'string'),
    );
    const name = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : null);
    const manager = holdsRoleFor(actor, 'sakip_manager', unitId);
    const head = holdsRoleFor(actor, 'unit_head', unitId);
    const actions: LapkinAction[] = [];
    if (status === 'draft' && manager) actions.push('review');
    if (status === 'reviewed' && (manager || head)) actions.push('reopen');
    if (status === 'reviewed' && head && row?.reviewed_by !== actor.userId) actions.push('finalise');
    if (status === 'finalised' && (manager || head)) actions.push('submit');
    return {
      year,
      quarter,
      status,
      reviewedBy: status === 'draft' ? null : name(row?.reviewed_by),
      reviewedAt: status === 'draft' ? null : (row?.reviewed_at ?? null),
      reviewNote: row?.review_note ?? null,
      finalisedBy: name(lock?.finalised_by),
      finalisedAt: lock?.finalised_at ?? null,
      submittedBy: status === 'submitted' ? name(row?.submitted_by) : null,
      submittedAt: status === 'submitted' ? (row?.submitted_at ?? null) : null,
      submittedTo: status === 'submitted' ? (row?.submitted_to ?? null) : null,
      actions,
    };
  }

  async function get(actor: Actor, unitId: string, year: number, quarter: number) {
    await policy.read(ctx.db, actor, unitId);
    await entity(ctx.db, unitId);
    return state(ctx.db, actor, unitId, year, quarter);
  }

  /** The SAKIP team marks the draft reviewed: only once the quarter has ended. */
  async function review(actor: Actor, unitId: string, year: number, quarter: number, note: string | undefined, locale: Locale) {
    policy.reviewReport(actor, unitId);
    const unit = await entity(ctx.db, unitId);
    const local = localYearMonth(ctx.clock.now(), unit.time_zone);
    if (year > local.year || (year === local.year && quarter * 3 >= local.month))
      throw lapkinStateError(locale, 'performance.lapkin.notEnded', quarter, year);
    return ctx.db.transaction().execute(async (trx) => {
      const { status, row } = await lapkinStatusOf(trx, unitId, year, quarter);
      if (status !== 'draft') throw lapkinStateError(locale, 'performance.lapkin.notDraft', quarter, year, status);
      const at = now();
      const set = {
        status: 'reviewed' as const,
        reviewed_by: actor.userId,
        reviewed_at: at,
        review_note: note ?? null,
        updated_at: at,
      };
      let id: string;
      if (row) {
        if (!(await repo.moveLapkinWorkflow(trx, row.id, row.status, set)))
          throw lapkinStateError(locale, 'performance.lapkin.notDraft', quarter, year, 'reviewed');
        id = row.id;
      } else {
        id = newId();
        await repo
          .insertLapkinWorkflow(trx, {
            id,
            unit_id: unitId,
            year,
            quarter,
            submitted_by: null,
            submitted_at: null,
            submitted_to: null,
            ...set,
          })
          .catch(() => {
            throw lapkinStateError(locale, 'performance.lapkin.notDraft', quarter, year, 'reviewed');
          });
      }
      await audit.record(trx, {
        unitId,
        actor,
        entityType: 'perf_lapkin_workflow',
        entityId: id,
        action: 'review',
        before: { status },
        after: { year, quarter, status: 'reviewed', note: note ?? null },
      });
      return state(trx, actor, unitId, year, quarter);
    });
  }

  /** A reviewed report goes back to draft (corrections before the head signs). */
  async function reopen(actor: Actor, unitId: string, year: number, quarter: number, note: string | undefined, locale: Locale) {
    policy.sendReport(actor, unitId);
    await entity(ctx.db, unitId);
    return ctx.db.transaction().execute(async (trx) => {
      const { status, row } = await lapkinStatusOf(trx, unitId, year, quarter);
      if (status !== 'reviewed' || !row) throw lapkinStateError(locale, 'performance.lapkin.notReviewed', quarter, year, status);
      const at = now();
      if (
        !(await repo.moveLapkinWorkflow(trx, row.id, 'reviewed', { status: 'draft', review_note: note ?? null, updated_at: at }))
      )
        throw lapkinStateError(locale, 'performance.lapkin.notReviewed', quarter, year, 'draft');
      await audit.record(trx, {
        unitId,
        actor,
        entityType: 'perf_lapkin_workflow',
        entityId: row.id,
        action: 'reopen',
        before: { status, reviewedBy: row.reviewed_by, reviewedAt: row.reviewed_at },
        after: { year, quarter, status: 'draft', note: note ?? null },
      });
      return state(trx, actor, unitId, year, quarter);
    });
  }

  /** The finalised report is sent to the planning bureau (or the superior unit). */
  async function submit(
    actor: Actor,
    unitId: string,
    year: number,
    quarter: number,
    recipient: string | undefined,
    locale: Locale,
  ) {
    policy.sendReport(actor, unitId);
    await entity(ctx.db, unitId);
    return ctx.db.transaction().execute(async (trx) => {
      const { status, row } = await lapkinStatusOf(trx, unitId, year, quarter);
      if (status !== 'finalised' || !row)
        throw lapkinStateError(locale, 'performance.lapkin.notFinalised', quarter, year, status);
      const at = now();
      const to = recipient?.trim() || t('id', 'performance.lapkin.defaultRecipient');
      if (
        !(await repo.moveLapkinWorkflow(trx, row.id, 'finalised', {
          status: 'submitted',
          submitted_by: actor.userId,
          submitted_at: at,
          submitted_to: to,
          updated_at: at,
        }))
      )
        throw lapkinStateError(locale, 'performance.lapkin.notFinalised', quarter, year, 'submitted');
      await audit.record(trx, {
        unitId,
        actor,
        entityType: 'perf_lapkin_workflow',
        entityId: row.id,
        action: 'submit',
        before: { status },
        after: { year, quarter, status: 'submitted', submittedTo: to },
      });
      return state(trx, actor, unitId, year, quarter);
    });
  }

  /**
   * Called by finalisation inside its transaction: the report must be reviewed, and the head who signs must not
   * be the reviewer (four-eyes, DOMAIN 3). Marks the row finalised.
   */
  async function markFinalised(trx: Db, actor: Actor, unitId: string, year: number, quarter: number, locale: Locale) {
    const row = await repo.findLapkinWorkflow(trx, unitId, year, quarter);
    if (row?.status !== 'reviewed')
      throw lapkinStateError(locale, 'performance.lapkin.finaliseNeedsReview', quarter, year, row?.status ?? 'draft');
    if (row.reviewed_by === actor.userId)
      throw new AppError(AppErrorCode.FORBIDDEN, t(locale, 'performance.lapkin.fourEyes'), {
        messageKey: 'performance.lapkin.fourEyes',
      });
    if (!(await repo.moveLapkinWorkflow(trx, row.id, 'reviewed', { status: 'finalised', updated_at: now() })))
      throw lapkinStateError(locale, 'performance.lapkin.finaliseNeedsReview', quarter, year, 'draft');
  }

  return { get, review, reopen, submit, markFinalised, state };
}

export type LapkinWorkflowService = ReturnType<typeof createLapkinWorkflowService>;
