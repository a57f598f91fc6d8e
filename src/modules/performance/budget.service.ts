import type { FieldIssue } from '../../http/app-error.ts';
import type { Locale } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { nkaSection } from './achievement.ts';
import { parseBudgetXlsx } from './budget.import.ts';
import { performancePolicy as policy } from './performance.policy.ts';
import * as repo from './performance.repository.ts';
import type { BudgetImportBody, BudgetRowInput, NkaBody } from './performance.schema.ts';
import { field, invalid, type Support } from './performance.support.ts';

/** Budget (DOMAIN 8.9) imports from JSON or XLSX, and NKA inputs (8.12). */
export function createBudgetService(support: Support) {
  const { ctx, audit, now, entity } = support;

  /* ---------------- budget and NKA ---------------- */

  async function importBudget(
    actor: Actor,
    unitId: string,
    body: BudgetImportBody,
    locale: Locale,
    source: { kind: 'xlsx' | 'json'; fileName?: string; rowNumbers?: number[] },
  ) {
    policy.enter(actor, unitId);
    await entity(ctx.db, unitId);
    return ctx.db.transaction().execute(async (trx) => {
      const sasaran = new Map((await repo.sasaranOf(trx, unitId, body.year)).map((s) => [s.code, s]));
      const indicators = new Map((await repo.indicatorsOf(trx, unitId, body.year)).map((i) => [i.code, i]));
      const issues: FieldIssue[] = [];
      // XLSX problems name the worksheet row (header = row 1), JSON problems the array index.
      const rowField = (i: number, col: string) =>
        source.kind === 'xlsx' ? `rows.${source.rowNumbers?.[i] ?? i + 2}.${col}` : `body.rows.${i}.${col}`;
      body.rows.forEach((r: BudgetRowInput, i) => {
        const add = (col: string, key: string, params?: Record<string, string | number>) =>
          issues.push(field(locale, rowField(i, col), key, params));
        if ((r.kind === 'plan' || r.kind === 'realisation') && r.month === undefined)
          add('month', 'performance.budget.monthRequired');
        if ((r.kind === 'pagu' || r.kind === 'blocked' || r.kind === 'allocation') && r.month !== undefined)
          add('month', 'performance.budget.monthNotAllowed');
        if (r.kind === 'allocation' && r.sasaran === undefined && r.indicator === undefined)
          add('sasaran', 'performance.budget.allocationTarget');
        if ((r.kind === 'pagu' || r.kind === 'blocked') && (r.sasaran !== undefined || r.indicator !== undefined))
          add('sasaran', 'performance.budget.paguEntityOnly');
        if (r.sasaran !== undefined && !sasaran.has(r.sasaran))
          add('sasaran', 'performance.plan.unknownSasaran', { code: r.sasaran });
        if (r.indicator !== undefined && !indicators.has(r.indicator))
          add('indicator', 'performance.plan.unknownIndicator', { code: r.indicator });
        if (r.sasaran !== undefined && r.indicator !== undefined) add('indicator', 'performance.budget.oneOf');
      });
      if (issues.length) throw invalid(issues, locale);
      const imp = {
        id: newId(),
        unit_id: unitId,
        year: body.year,
        source: source.kind,
        file_name: source.fileName ?? null,
        row_count: body.rows.length,
        imported_by: actor.userId,
        imported_at: now(),
      };
      const previous = await repo.latestBudget(trx, unitId, body.year);
      await trx.insertInto('perf_budget_import').values(imp).execute();
      for (const [i, r] of body.rows.entries())
        await trx
          .insertInto('perf_budget_row')
          .values({
            id: newId(),
            import_id: imp.id,
            unit_id: unitId,
            year: body.year,
            row_no: i + 1,
            kind: r.kind,
            month: r.month ?? null,
            spending_type: r.spendingType ?? null,
            sasaran_id: r.sasaran !== undefined ? (sasaran.get(r.sasaran)?.id ?? null) : null,
            indicator_id: r.indicator !== undefined ? (indicators.get(r.indicator)?.id ?? null) : null,
            shared_key: r.sharedKey ?? null,
            amount: r.amount,
            note: r.note ?? null,
          })
          .execute();
      // Earlier imports stay stored: the latest import is the version in use.
      await audit.record(trx, {
        unitId,
        actor,
        entityType: 'perf_budget_import',
        entityId: imp.id,
        action: 'import',
        before: previous ? { importId: previous.importId, rows: previous.rows.length } : null,
        after: imp,
      });
      return { importId: imp.id, year: body.year, rows: body.rows.length, supersedes: previous?.importId ?? null };
    });
  }

  async function importBudgetXlsx(actor: Actor, unitId: string, year: number, file: Buffer, fileName: string, locale: Locale) {
    policy.enter(actor, unitId);
    const parsed = await parseBudgetXlsx(file, locale);
    if (!parsed.ok) throw invalid(parsed.issues, locale);
    return importBudget(actor, unitId, { year, rows: parsed.rows }, locale, {
      kind: 'xlsx',
      fileName,
      rowNumbers: parsed.rowNumbers,
    });
  }

  async function putNka(actor: Actor, unitId: string, year: number, month: number, body: NkaBody) {
    policy.enter(actor, unitId);
    await entity(ctx.db, unitId);
    return ctx.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('perf_nka')
        .selectAll()
        .where('unit_id', '=', unitId)
        .where('year', '=', year)
        .where('month', '=', month)
        .executeTakeFirst();
      const row = {
        id: before?.id ?? newId(),
        unit_id: unitId,
        year,
        month,
        eka: body.eka,
        ikpa: body.ikpa ?? null,
        ikpa_scores_json: body.ikpaScores ? JSON.stringify(body.ikpaScores) : null,
        source_note: body.sourceNote ?? null,
        updated_by: actor.userId,
        updated_at: now(),
      };
      if (before) await trx.updateTable('perf_nka').set(row).where('id', '=', before.id).execute();
      else await trx.insertInto('perf_nka').values(row).execute();
      await audit.record(trx, {
        unitId,
        actor,
        entityType: 'perf_nka',
        entityId: row.id,
        action: before ? 'update' : 'create',
        before: before ?? null,
        after: row,
      });
      return nkaSection([row], 12, 'id')[0];
    });
  }

  return { importBudget, importBudgetXlsx, putNka };
}
