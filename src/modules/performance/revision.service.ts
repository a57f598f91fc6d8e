import type { Db } from '../../db/connection.ts';
import { reviewTargetRevision } from '../../domain/performance/target-revision.ts';
import { type FieldIssue, notFound } from '../../http/app-error.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { parseMonthly } from './evaluation-input.ts';
import { performancePolicy as policy } from './performance.policy.ts';
import * as repo from './performance.repository.ts';
import type { RevisionDecisionBody, RevisionRequestBody } from './performance.schema.ts';
import { decOrNull, field, invalid, type Support, stateError } from './performance.support.ts';
import type { PlanService } from './plan.service.ts';

/** Target revision (DOMAIN 8.11, D29): request, planning-bureau verdicts, application as a new target version. */
export function createRevisionService(support: Support, plan: Pick<PlanService, 'insertTargetVersion'>) {
  const { ctx, audit, now, entity, frozenThrough } = support;
  const { insertTargetVersion } = plan;

  /* ---------------- target revision (DOMAIN §8.11, D29) ---------------- */

  async function revisionDto(db: Db, id: string) {
    const r = await repo.findRevision(db, id);
    if (!r) throw notFound('Permohonan revisi target');
    const lines = await repo.revisionLines(db, id);
    const codes = new Map((await repo.indicatorsOf(db, r.unit_id)).map((i) => [i.id, i.code]));
    return {
      id: r.id,
      unitId: r.unit_id,
      year: r.year,
      status: r.status,
      letterNo: r.letter_no,
      letterDate: r.letter_date,
      pkRevisionGround: r.pk_revision_ground,
      requestedBy: r.requested_by,
      requestedAt: r.requested_at,
      reviewLetterNo: r.review_letter_no,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
      appliedAt: r.applied_at,
      lines: lines.map((l) => ({
        lineNo: l.line_no,
        indicatorId: l.indicator_id,
        indicator: codes.get(l.indicator_id) ?? null,
        currentAnnual: l.current_annual,
        proposedAnnual: l.proposed_annual,
        currentMonthly: parseMonthly(l.current_monthly_json),
        proposedMonthly: parseMonthly(l.proposed_monthly_json),
        justification: l.justification,
        check: JSON.parse(l.check_json) as unknown,
        verdict: l.verdict,
        reviewerNote: l.reviewer_note,
        appliedVersionId: l.applied_version_id,
      })),
    };
  }

  async function requestRevision(actor: Actor, unitId: string, body: RevisionRequestBody, locale: Locale) {
    policy.sign(actor, unitId);
    await entity(ctx.db, unitId);
    const id = await ctx.db.transaction().execute(async (trx) => {
      const indicators = new Map((await repo.indicatorsOf(trx, unitId, body.year)).map((i) => [i.code, i]));
      const frozen = await frozenThrough(trx, unitId, body.year);
      const issues: FieldIssue[] = [];
      const prepared = [];
      for (const [i, line] of body.lines.entries()) {
        const ind = indicators.get(line.indicator);
        if (!ind) {
          issues.push(field(locale, `body.lines.${i}.indicator`, 'performance.plan.unknownIndicator', { code: line.indicator }));
          continue;
        }
        const current = await repo.inForceVersion(trx, ind.id, body.year);
        if (!current) {
          issues.push(field(locale, `body.lines.${i}.indicator`, 'performance.target.noneInForce', { code: line.indicator }));
          continue;
        }
        const review = reviewTargetRevision({
          currentAnnual: decOrNull(current.annual_target),
          ...(line.proposedAnnual !== undefined ? { proposedAnnual: decOrNull(line.proposedAnnual) } : {}),
          currentMonthly: parseMonthly(current.monthly_json).map(decOrNull),
          proposedMonthly: line.proposedMonthly.map(decOrNull),
          flat: ind.target_pattern === 'constant',
          frozenThroughMonth: frozen,
          ...(body.pkRevisionGround ? { approvedPkRevision: body.pkRevisionGround } : {}),
        });
        prepared.push({ i, ind, current, line, review });
      }
      if (issues.length) throw invalid(issues, locale);
      const req = {
        id: newId(),
        unit_id: unitId,
        year: body.year,
        status: 'submitted' as const,
        letter_no: body.letterNo ?? null,
        letter_date: body.letterDate ?? null,
        pk_revision_ground: body.pkRevisionGround ?? null,
        requested_by: actor.userId,
        requested_at: now(),
        review_letter_no: null,
        decided_by: null,
        decided_at: null,
        applied_by: null,
        applied_at: null,
      };
      await trx.insertInto('perf_revision_request').values(req).execute();
      for (const p of prepared) {
        await trx
          .insertInto('perf_revision_line')
          .values({
            id: newId(),
            request_id: req.id,
            unit_id: unitId,
            indicator_id: p.ind.id,
            line_no: p.i + 1,
            current_version_id: p.current.id,
            current_annual: p.current.annual_target,
            proposed_annual: p.line.proposedAnnual === undefined ? p.current.annual_target : p.line.proposedAnnual,
            current_monthly_json: p.current.monthly_json,
            proposed_monthly_json: JSON.stringify(p.line.proposedMonthly),
            justification: p.line.justification,
            check_json: JSON.stringify({
              suggestedVerdict: p.review.verdict,
              editableMonths: p.review.editableMonths,
              issues: p.review.issues.map((x) => ({ code: x.code, months: x.months ?? null, message: x.message })),
            }),
            verdict: null,
            reviewer_note: null,
            applied_version_id: null,
          })
          .execute();
      }
      await audit.record(trx, {
        unitId,
        actor,
        entityType: 'perf_revision_request',
        entityId: req.id,
        action: 'submit',
        after: { ...req, lines: body.lines },
      });
      return req.id;
    });
    return revisionDto(ctx.db, id);
  }

  /** The planning bureau's verdicts: never on its own request, never "agreed" where D29 forbids it. */
  async function decideRevision(actor: Actor, id: string, body: RevisionDecisionBody, locale: Locale) {
    await ctx.db.transaction().execute(async (trx) => {
      const req = await repo.findRevision(trx, id);
      if (!req) throw notFound('Permohonan revisi target');
      policy.review(actor, req.requested_by);
      if (req.status !== 'submitted') throw stateError('performance.revision.badState', { status: req.status });
      const lines = await repo.revisionLines(trx, id);
      const issues: FieldIssue[] = [];
      const decided = new Map<number, (typeof body.lines)[number]>();
      body.lines.forEach((d, k) => {
        const line = lines.find((l) => l.line_no === d.lineNo);
        if (!line) {
          issues.push(field(locale, `body.lines.${k}.lineNo`, 'performance.revision.unknownLine', { lineNo: d.lineNo }));
          return;
        }
        const check = JSON.parse(line.check_json) as { suggestedVerdict: string; issues: { code: string }[] };
        const blocked = check.issues.filter((x) => x.code === 'annual_lowered' || x.code === 'frozen_month_changed');
        if ((d.verdict === 'agreed' || d.verdict === 'agreed_with_justification') && check.issues.length > 0)
          issues.push(
            field(locale, `body.lines.${k}.verdict`, 'performance.revision.verdictNotAllowed', {
              verdict: d.verdict,
              reasons: (blocked.length ? blocked : check.issues)
                .map((x) => t(locale, `performance.revision.issue.${x.code}`))
                .join('; '),
            }),
          );
        decided.set(d.lineNo, d);
      });
      for (const l of lines)
        if (!decided.has(l.line_no))
          issues.push(field(locale, 'body.lines', 'performance.revision.missingLine', { lineNo: l.line_no }));
      if (issues.length) throw invalid(issues, locale);
      for (const l of lines) {
        const d = decided.get(l.line_no);
        await trx
          .updateTable('perf_revision_line')
          .set({ verdict: d?.verdict ?? null, reviewer_note: d?.note ?? null })
          .where('id', '=', l.id)
          .execute();
      }
      const set = {
        status: 'reviewed' as const,
        review_letter_no: body.reviewLetterNo ?? null,
        decided_by: actor.userId,
        decided_at: now(),
      };
      await trx.updateTable('perf_revision_request').set(set).where('id', '=', id).execute();
      await audit.record(trx, {
        unitId: req.unit_id,
        actor,
        entityType: 'perf_revision_request',
        entityId: id,
        action: 'review',
        before: { status: req.status },
        after: { ...set, lines: body.lines },
      });
    });
    return revisionDto(ctx.db, id);
  }

  /** Approved lines become a new PK revision version ("Menjadi") in force; the old version stays for reference. */
  async function applyRevision(actor: Actor, id: string) {
    await ctx.db.transaction().execute(async (trx) => {
      const req = await repo.findRevision(trx, id);
      if (!req) throw notFound('Permohonan revisi target');
      policy.apply(actor, req.unit_id);
      if (req.status !== 'reviewed') throw stateError('performance.revision.badState', { status: req.status });
      const lines = await repo.revisionLines(trx, id);
      for (const l of lines) {
        if (l.verdict !== 'agreed' && l.verdict !== 'agreed_with_justification') continue;
        const current = await repo.inForceVersion(trx, l.indicator_id, req.year);
        if (current?.id !== l.current_version_id) throw stateError('performance.revision.stale', { lineNo: l.line_no });
        const v = await insertTargetVersion(
          trx,
          actor,
          { id: l.indicator_id, unit_id: req.unit_id },
          {
            year: req.year,
            source: 'pk_revision',
            label: 'Menjadi',
            annualTarget: l.proposed_annual,
            monthly: parseMonthly(l.proposed_monthly_json),
            budget: current.budget,
            documentRef: req.review_letter_no ?? req.letter_no ?? undefined,
            inForce: true,
          },
          req.id,
        );
        await trx.updateTable('perf_revision_line').set({ applied_version_id: v.id }).where('id', '=', l.id).execute();
      }
      const set = { status: 'applied' as const, applied_by: actor.userId, applied_at: now() };
      await trx.updateTable('perf_revision_request').set(set).where('id', '=', id).execute();
      await audit.record(trx, {
        unitId: req.unit_id,
        actor,
        entityType: 'perf_revision_request',
        entityId: id,
        action: 'apply',
        before: { status: req.status },
        after: set,
      });
    });
    return revisionDto(ctx.db, id);
  }

  async function listRevisions(actor: Actor, unitId: string, year: number) {
    await policy.read(ctx.db, actor, unitId);
    await entity(ctx.db, unitId);
    const ids = await repo.revisionsOf(ctx.db, unitId, year);
    return { revisions: await Promise.all(ids.map((r) => revisionDto(ctx.db, r.id))) };
  }

  async function getRevision(actor: Actor, id: string) {
    const r = await repo.findRevision(ctx.db, id);
    if (!r) throw notFound('Permohonan revisi target');
    await policy.read(ctx.db, actor, r.unit_id);
    return revisionDto(ctx.db, id);
  }

  return { requestRevision, decideRevision, applyRevision, listRevisions, getRevision };
}
