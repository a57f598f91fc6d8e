import type { Db } from '../../db/connection.ts';
import type { OrgUnitTable, PerfIndicatorTable, PerfRealisationTable, PerfTargetVersionTable } from '../../db/schema.ts';
import { Rational } from '../../domain/core/rational.ts';
import { evaluateRealisation } from '../../domain/performance/formulas.ts';
import { reviewTargetRevision } from '../../domain/performance/target-revision.ts';
import { checkTargetPattern, monthLabel, type Quarter, quarterLabel, quarterOfMonth } from '../../domain/performance/targets.ts';
import { AppError, AppErrorCode, type FieldIssue, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import { achievementBody, budgetSection, nkaSection } from './achievement.ts';
import { parseBudgetXlsx } from './budget.import.ts';
import { DEFAULT_SETTINGS, formulaOf, loadEvaluationData, parseMonthly } from './evaluation-input.ts';
import { performancePolicy as policy } from './performance.policy.ts';
import * as repo from './performance.repository.ts';
import type {
  BudgetImportBody,
  BudgetRowInput,
  IndicatorBody,
  IndicatorPatchBody,
  NkaBody,
  PerspectiveBody,
  PlanImportBody,
  RealisationBody,
  RealisationImportBody,
  RevisionDecisionBody,
  RevisionRequestBody,
  SasaranBody,
  SettingsBody,
  TargetVersionBody,
} from './performance.schema.ts';
import { checkEntry, toDomainInput } from './realisation-input.ts';

const ENTITY = 'Entitas SAKIP';

function invalid(fields: FieldIssue[], locale: Locale): AppError {
  return new AppError(AppErrorCode.VALIDATION, t(locale, 'error.validation'), { messageKey: 'error.validation', fields });
}

function stateError(key: string, params: Record<string, string | number>, fields: FieldIssue[] = []): AppError {
  return new AppError(AppErrorCode.INVALID_STATE, t('id', key, params), { messageKey: key, params, fields });
}

const field = (locale: Locale, name: string, key: string, params?: Record<string, string | number>): FieldIssue => ({
  field: name,
  message: t(locale, key, params),
});

/** Year and month "now" in the entity's time zone. */
function localYearMonth(now: Date, timeZone: string): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  return {
    year: Number(parts.find((p) => p.type === 'year')?.value),
    month: Number(parts.find((p) => p.type === 'month')?.value),
  };
}

const decOrNull = (s: string | null | undefined) => (s == null ? null : Rational.parse(s));
const VALUE_PLACES = 12;

export function createPerformanceService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const { audit } = deps;
  const now = () => isoNow(ctx.clock);

  async function entity(db: Db, unitId: string): Promise<OrgUnitTable> {
    const u = await repo.findUnit(db, unitId);
    if (u?.is_sakip_entity !== 1) throw notFound(ENTITY);
    return u;
  }

  async function frozenThrough(db: Db, unitId: string, year: number): Promise<number> {
    const locks = await repo.locksOf(db, unitId, year);
    return locks.length ? Math.max(...locks.map((l) => l.quarter)) * 3 : 0;
  }

  async function indicatorOrThrow(db: Db, id: string): Promise<PerfIndicatorTable> {
    const ind = await repo.findIndicator(db, id);
    if (!ind) throw notFound('Indikator');
    return ind;
  }

  /* ---------------- settings ---------------- */

  async function putSettings(actor: Actor, unitId: string, body: SettingsBody) {
    policy.settings(actor, unitId);
    await entity(ctx.db, unitId);
    return ctx.db.transaction().execute(async (trx) => {
      const before = await repo.findSettings(trx, unitId);
      const row = {
        unit_id: unitId,
        overall_method: body.overallMethod,
        aggregation_cap: body.aggregationCap,
        efficiency_rows: body.efficiencyRows,
        efficiency_total_method: body.efficiencyTotalMethod,
        updated_by: actor.userId,
        updated_at: now(),
      };
      await repo.upsertSettings(trx, row);
      await audit.record(trx, {
        unitId,
        actor,
        entityType: 'perf_entity_setting',
        entityId: unitId,
        action: before ? 'update' : 'create',
        before: before ?? null,
        after: row,
      });
      return settingsDto(row);
    });
  }

  const settingsDto = (s: typeof DEFAULT_SETTINGS) => ({
    overallMethod: s.overall_method,
    aggregationCap: s.aggregation_cap,
    efficiencyRows: s.efficiency_rows,
    efficiencyTotalMethod: s.efficiency_total_method,
  });

  /* ---------------- plan ---------------- */

  async function insertPerspective(trx: Db, actor: Actor, unitId: string, body: PerspectiveBody, at: string, locale: Locale) {
    const existing = await repo.perspectives(trx, unitId);
    if (existing.some((p) => p.code === body.code))
      throw invalid([field(locale, `${at}.code`, 'performance.plan.duplicateCode', { code: body.code })], locale);
    const row = { id: newId(), unit_id: unitId, code: body.code, name: body.name, sort_order: body.sortOrder, created_at: now() };
    await repo.insertPerspective(trx, row);
    await audit.record(trx, { unitId, actor, entityType: 'perf_perspective', entityId: row.id, action: 'create', after: row });
    return row;
  }

  async function insertSasaran(trx: Db, actor: Actor, unitId: string, body: SasaranBody, at: string, locale: Locale) {
    const persp = (await repo.perspectives(trx, unitId)).find((p) => p.code === body.perspective);
    if (!persp)
      throw invalid(
        [field(locale, `${at}.perspective`, 'performance.plan.unknownPerspective', { code: body.perspective })],
        locale,
      );
    const existing = await repo.sasaranOf(trx, unitId, body.validFromYear);
    if (existing.some((s) => s.code === body.code))
      throw invalid([field(locale, `${at}.code`, 'performance.plan.duplicateCode', { code: body.code })], locale);
    const row = {
      id: newId(),
      unit_id: unitId,
      perspective_id: persp.id,
      code: body.code,
      name: body.name,
      level: body.level,
      sort_order: body.sortOrder,
      valid_from_year: body.validFromYear,
      valid_to_year: body.validToYear,
      created_at: now(),
      updated_at: now(),
    };
    await repo.insertSasaran(trx, row);
    await audit.record(trx, { unitId, actor, entityType: 'perf_sasaran', entityId: row.id, action: 'create', after: row });
    return row;
  }

  /** Field checks of a target version against the indicator and the version in force (D29, D34). */
  async function checkTargets(
    trx: Db,
    ind: Pick<PerfIndicatorTable, 'id' | 'unit_id' | 'target_pattern'>,
    body: TargetVersionBody,
    at: string,
    locale: Locale,
    opts: { viaRevision?: boolean; timeZone: string },
  ): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    const monthly = body.monthly.map(decOrNull);
    const annual = decOrNull(body.annualTarget);
    const inForce = willBeInForce(body);
    const current = inForce ? await repo.inForceVersion(trx, ind.id, body.year) : undefined;
    const frozen = await frozenThrough(trx, ind.unit_id, body.year);
    const flat = ind.target_pattern === 'constant';
    // Flat indicators: every month not yet frozen equals the annual target (frozen months stay as reported).
    if (flat && annual !== null)
      for (const issue of checkTargetPattern({ pattern: 'constant', monthlyTargets: monthly, annualTarget: annual }))
        if (issue.code === 'flat_not_equal' && (issue.month ?? 0) > frozen)
          issues.push(
            field(locale, `${at}.monthly.${(issue.month ?? 1) - 1}`, 'performance.target.flatNotEqual', {
              month: monthLabel(issue.month ?? 1),
              annual: body.annualTarget ?? '',
            }),
          );
    if (current && !opts.viaRevision) {
      const review = reviewTargetRevision({
        currentAnnual: decOrNull(current.annual_target),
        proposedAnnual: annual,
        currentMonthly: parseMonthly(current.monthly_json).map(decOrNull),
        proposedMonthly: monthly,
        flat: false,
        frozenThroughMonth: frozen,
      });
      const local = localYearMonth(ctx.clock.now(), opts.timeZone);
      const yearStarted = local.year >= body.year;
      for (const issue of review.issues) {
        if (issue.code === 'annual_lowered' && yearStarted)
          issues.push(
            field(locale, `${at}.annualTarget`, 'performance.target.annualLowered', { current: current.annual_target ?? '' }),
          );
        if (issue.code === 'frozen_month_changed')
          for (const m of issue.months ?? [])
            issues.push(field(locale, `${at}.monthly.${m - 1}`, 'performance.target.frozenMonth', { month: monthLabel(m) }));
      }
    }
    return issues;
  }

  const willBeInForce = (b: TargetVersionBody) => b.inForce ?? (b.source === 'pk' || b.source === 'pk_revision');

  async function insertTargetVersion(
    trx: Db,
    actor: Actor,
    ind: Pick<PerfIndicatorTable, 'id' | 'unit_id'>,
    body: TargetVersionBody,
    revisionRequestId: string | null = null,
  ): Promise<PerfTargetVersionTable> {
    const before = willBeInForce(body) ? await repo.inForceVersion(trx, ind.id, body.year) : undefined;
    const row: PerfTargetVersionTable = {
      id: newId(),
      unit_id: ind.unit_id,
      indicator_id: ind.id,
      year: body.year,
      source: body.source,
      version: await repo.nextVersionNo(trx, ind.id, body.year, body.source),
      label: body.label ?? null,
      annual_target: body.annualTarget,
      monthly_json: JSON.stringify(body.monthly),
      budget: body.budget,
      in_force: willBeInForce(body) ? 1 : 0,
      document_ref: body.documentRef ?? null,
      revision_request_id: revisionRequestId,
      created_by: actor.userId,
      created_at: now(),
    };
    await repo.insertTargetVersion(trx, row);
    await audit.record(trx, {
      unitId: ind.unit_id,
      actor,
      entityType: 'perf_target_version',
      entityId: row.id,
      action: 'create',
      before: before
        ? { inForceVersionId: before.id, annualTarget: before.annual_target, monthly: parseMonthly(before.monthly_json) }
        : null,
      after: row,
    });
    return row;
  }

  async function insertIndicator(
    trx: Db,
    actor: Actor,
    unit: OrgUnitTable,
    body: IndicatorBody,
    at: string,
    locale: Locale,
  ): Promise<PerfIndicatorTable> {
    const issues: FieldIssue[] = [];
    const sasaran = (await repo.sasaranOf(trx, unit.id, body.validFromYear)).find((s) => s.code === body.sasaran);
    if (!sasaran) issues.push(field(locale, `${at}.sasaran`, 'performance.plan.unknownSasaran', { code: body.sasaran }));
    const siblings = await repo.indicatorsOf(trx, unit.id, body.validFromYear);
    if (siblings.some((i) => i.code === body.code))
      issues.push(field(locale, `${at}.code`, 'performance.plan.duplicateCode', { code: body.code }));
    let parentId: string | null = null;
    if (body.parent !== undefined) {
      // The cascade may point to an indicator of any entity (e.g. a UPT indicator supporting a BPOM IKU): by id or own code.
      const parent = siblings.find((i) => i.code === body.parent) ?? (await repo.findIndicator(trx, body.parent)) ?? null;
      if (!parent) issues.push(field(locale, `${at}.parent`, 'performance.plan.unknownParent', { code: body.parent }));
      else parentId = parent.id;
    }
    if (body.formulaType === 'ordinal' && !body.formulaParams.ordinalScale)
      issues.push(field(locale, `${at}.formulaParams.ordinalScale`, 'performance.plan.ordinalScaleRequired'));
    if (body.polarity === 'minimize' && !body.minimizeFormula) body.minimizeFormula = 'two_minus_ratio';
    if (body.linkedCampaignId) {
      if (body.formulaType !== 'skm_pooled') issues.push(field(locale, `${at}.linkedCampaignId`, 'performance.plan.linkOnlySkm'));
      const c = await trx.selectFrom('skm_campaign').select('id').where('id', '=', body.linkedCampaignId).executeTakeFirst();
      if (!c) issues.push(field(locale, `${at}.linkedCampaignId`, 'performance.plan.unknownCampaign'));
    }
    const row: PerfIndicatorTable = {
      id: newId(),
      unit_id: unit.id,
      sasaran_id: sasaran?.id ?? '',
      code: body.code,
      name: body.name,
      unit_of_measure: body.unitOfMeasure,
      polarity: body.polarity,
      minimize_formula: body.polarity === 'minimize' ? (body.minimizeFormula ?? 'two_minus_ratio') : null,
      formula_type: body.formulaType,
      formula_params_json: JSON.stringify(body.formulaParams),
      frequency: body.frequency,
      target_pattern: body.pattern,
      data_source_text: body.dataSource ?? null,
      responsible_team: body.responsibleTeam ?? null,
      weight: body.weight,
      parent_indicator_id: parentId,
      linked_campaign_id: body.linkedCampaignId ?? null,
      linked_from_month: body.linkedCampaignId ? (body.linkedFromMonth ?? 12) : null,
      sort_order: body.sortOrder,
      valid_from_year: body.validFromYear,
      valid_to_year: body.validToYear,
      created_by: actor.userId,
      created_at: now(),
      updated_at: now(),
    };
    for (const [k, tv] of body.targets.entries())
      issues.push(...(await checkTargets(trx, row, tv, `${at}.targets.${k}`, locale, { timeZone: unit.time_zone })));
    const inForceYears = body.targets.filter(willBeInForce).map((x) => x.year);
    if (new Set(inForceYears).size !== inForceYears.length)
      issues.push(field(locale, `${at}.targets`, 'performance.target.oneInForce'));
    if (issues.length) throw invalid(issues, locale);
    await repo.insertIndicator(trx, row);
    await audit.record(trx, {
      unitId: unit.id,
      actor,
      entityType: 'perf_indicator',
      entityId: row.id,
      action: 'create',
      after: row,
    });
    for (const tv of body.targets) await insertTargetVersion(trx, actor, row, tv);
    return row;
  }

  const indicatorDto = (i: PerfIndicatorTable, versions: PerfTargetVersionTable[], sasaranCode?: string) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    sasaranId: i.sasaran_id,
    sasaran: sasaranCode ?? null,
    unitOfMeasure: i.unit_of_measure,
    polarity: i.polarity,
    minimizeFormula: i.minimize_formula,
    formulaType: i.formula_type,
    formulaParams: JSON.parse(i.formula_params_json) as unknown,
    frequency: i.frequency,
    pattern: i.target_pattern,
    dataSource: i.data_source_text,
    responsibleTeam: i.responsible_team,
    weight: i.weight,
    parentIndicatorId: i.parent_indicator_id,
    linkedCampaignId: i.linked_campaign_id,
    linkedFromMonth: i.linked_from_month,
    validFromYear: i.valid_from_year,
    validToYear: i.valid_to_year,
    targets: versions.map(versionDto),
  });

  const versionDto = (v: PerfTargetVersionTable) => ({
    id: v.id,
    year: v.year,
    source: v.source,
    version: v.version,
    label: v.label,
    annualTarget: v.annual_target,
    monthly: parseMonthly(v.monthly_json),
    budget: v.budget,
    inForce: v.in_force === 1,
    documentRef: v.document_ref,
    revisionRequestId: v.revision_request_id,
    createdAt: v.created_at,
  });

  async function getPlan(actor: Actor, unitId: string, year: number) {
    await policy.read(ctx.db, actor, unitId);
    const unit = await entity(ctx.db, unitId);
    const [settings, perspectives, sasaran, indicators, review, locks] = await Promise.all([
      repo.findSettings(ctx.db, unitId),
      repo.perspectives(ctx.db, unitId),
      repo.sasaranOf(ctx.db, unitId, year),
      repo.indicatorsOf(ctx.db, unitId, year),
      repo.findPlanReview(ctx.db, unitId, year),
      repo.locksOf(ctx.db, unitId, year),
    ]);
    const versions = await repo.targetVersions(
      ctx.db,
      indicators.map((i) => i.id),
      year,
    );
    const sasaranCode = new Map(sasaran.map((s) => [s.id, s.code]));
    const perspectiveCode = new Map(perspectives.map((p) => [p.id, p.code]));
    return {
      entity: { unitId: unit.id, code: unit.code, name: unit.name, timeZone: unit.time_zone },
      year,
      settings: settingsDto(settings ?? DEFAULT_SETTINGS),
      review: review
        ? { status: review.status, submittedAt: review.submitted_at, reviewedAt: review.reviewed_at, note: review.note }
        : null,
      finalisedQuarters: locks.map((l) => ({ quarter: l.quarter, finalisedAt: l.finalised_at })),
      perspectives: perspectives.map((p) => ({ id: p.id, code: p.code, name: p.name, sortOrder: p.sort_order })),
      sasaran: sasaran.map((s) => ({
        id: s.id,
        code: s.code,
        name: s.name,
        perspective: perspectiveCode.get(s.perspective_id) ?? null,
        level: s.level,
        validFromYear: s.valid_from_year,
        validToYear: s.valid_to_year,
      })),
      indicators: indicators.map((i) =>
        indicatorDto(
          i,
          versions.filter((v) => v.indicator_id === i.id),
          sasaranCode.get(i.sasaran_id),
        ),
      ),
    };
  }

  async function createPerspective(actor: Actor, unitId: string, body: PerspectiveBody, locale: Locale) {
    policy.enter(actor, unitId);
    await entity(ctx.db, unitId);
    const row = await ctx.db.transaction().execute((trx) => insertPerspective(trx, actor, unitId, body, 'body', locale));
    return { id: row.id, code: row.code, name: row.name, sortOrder: row.sort_order };
  }

  async function createSasaran(actor: Actor, unitId: string, body: SasaranBody, locale: Locale) {
    policy.enter(actor, unitId);
    await entity(ctx.db, unitId);
    const row = await ctx.db.transaction().execute((trx) => insertSasaran(trx, actor, unitId, body, 'body', locale));
    return { id: row.id, code: row.code, name: row.name, perspective: body.perspective, level: row.level };
  }

  async function createIndicator(actor: Actor, unitId: string, body: IndicatorBody, locale: Locale) {
    policy.enter(actor, unitId);
    const unit = await entity(ctx.db, unitId);
    return ctx.db.transaction().execute(async (trx) => {
      const row = await insertIndicator(trx, actor, unit, body, 'body', locale);
      return indicatorDto(
        row,
        await repo.targetVersions(trx, [row.id], body.targets[0]?.year ?? body.validFromYear),
        body.sasaran,
      );
    });
  }

  async function patchIndicator(actor: Actor, id: string, body: IndicatorPatchBody, locale: Locale) {
    const ind = await indicatorOrThrow(ctx.db, id);
    policy.enter(actor, ind.unit_id);
    return ctx.db.transaction().execute(async (trx) => {
      const set: Partial<PerfIndicatorTable> = { updated_at: now() };
      const issues: FieldIssue[] = [];
      if (body.sasaran !== undefined) {
        const s = (await repo.sasaranOf(trx, ind.unit_id, ind.valid_from_year)).find((x) => x.code === body.sasaran);
        if (!s) issues.push(field(locale, 'body.sasaran', 'performance.plan.unknownSasaran', { code: body.sasaran }));
        else set.sasaran_id = s.id;
      }
      if (body.parent !== undefined) {
        const siblings = await repo.indicatorsOf(trx, ind.unit_id);
        const p = siblings.find((x) => x.code === body.parent) ?? (await repo.findIndicator(trx, body.parent));
        if (!p || p.id === ind.id)
          issues.push(field(locale, 'body.parent', 'performance.plan.unknownParent', { code: body.parent }));
        else set.parent_indicator_id = p.id;
      }
      if (issues.length) throw invalid(issues, locale);
      if (body.name !== undefined) set.name = body.name;
      if (body.unitOfMeasure !== undefined) set.unit_of_measure = body.unitOfMeasure;
      if (body.polarity !== undefined) set.polarity = body.polarity;
      if (body.minimizeFormula !== undefined) set.minimize_formula = body.minimizeFormula;
      if (body.formulaType !== undefined) set.formula_type = body.formulaType;
      if (body.formulaParams !== undefined) set.formula_params_json = JSON.stringify(body.formulaParams);
      if (body.frequency !== undefined) set.frequency = body.frequency;
      if (body.pattern !== undefined) set.target_pattern = body.pattern;
      if (body.dataSource !== undefined) set.data_source_text = body.dataSource;
      if (body.responsibleTeam !== undefined) set.responsible_team = body.responsibleTeam;
      if (body.weight !== undefined) set.weight = body.weight;
      if (body.linkedCampaignId !== undefined) set.linked_campaign_id = body.linkedCampaignId;
      if (body.linkedFromMonth !== undefined) set.linked_from_month = body.linkedFromMonth;
      if (body.validToYear !== undefined) set.valid_to_year = body.validToYear;
      await repo.updateIndicator(trx, id, set);
      const after = (await repo.findIndicator(trx, id)) as PerfIndicatorTable;
      await audit.record(trx, {
        unitId: ind.unit_id,
        actor,
        entityType: 'perf_indicator',
        entityId: id,
        action: 'update',
        before: ind,
        after,
      });
      return indicatorDto(after, []);
    });
  }

  async function addTargetVersion(actor: Actor, indicatorId: string, body: TargetVersionBody, locale: Locale) {
    const ind = await indicatorOrThrow(ctx.db, indicatorId);
    policy.enter(actor, ind.unit_id);
    const unit = await entity(ctx.db, ind.unit_id);
    return ctx.db.transaction().execute(async (trx) => {
      const issues = await checkTargets(trx, ind, body, 'body', locale, { timeZone: unit.time_zone });
      if (issues.length) throw invalid(issues, locale);
      return versionDto(await insertTargetVersion(trx, actor, ind, body));
    });
  }

  /** The whole plan of one entity-year in one transaction: all or nothing, every problem named by its path. */
  async function importPlan(actor: Actor, unitId: string, body: PlanImportBody, locale: Locale) {
    policy.enter(actor, unitId);
    const unit = await entity(ctx.db, unitId);
    await ctx.db.transaction().execute(async (trx) => {
      if (body.settings) {
        const row = {
          unit_id: unitId,
          overall_method: body.settings.overallMethod,
          aggregation_cap: body.settings.aggregationCap,
          efficiency_rows: body.settings.efficiencyRows,
          efficiency_total_method: body.settings.efficiencyTotalMethod,
          updated_by: actor.userId,
          updated_at: now(),
        };
        await repo.upsertSettings(trx, row);
        await audit.record(trx, {
          unitId,
          actor,
          entityType: 'perf_entity_setting',
          entityId: unitId,
          action: 'import',
          after: row,
        });
      }
      const known = new Set((await repo.perspectives(trx, unitId)).map((p) => p.code));
      for (const [i, p] of body.perspectives.entries())
        if (!known.has(p.code)) await insertPerspective(trx, actor, unitId, p, `body.perspectives.${i}`, locale);
      for (const [i, s] of body.sasaran.entries())
        await insertSasaran(
          trx,
          actor,
          unitId,
          { ...s, validFromYear: s.validFromYear ?? body.year },
          `body.sasaran.${i}`,
          locale,
        );
      // Parents first so the cascade resolves by code within the same import.
      const order = [...body.indicators.entries()].sort(
        ([, a], [, b]) => Number(a.parent !== undefined) - Number(b.parent !== undefined),
      );
      for (const [i, ind] of order)
        await insertIndicator(
          trx,
          actor,
          unit,
          { ...ind, validFromYear: ind.validFromYear ?? body.year },
          `body.indicators.${i}`,
          locale,
        );
    });
    return getPlan(actor, unitId, body.year);
  }

  async function submitPlan(actor: Actor, unitId: string, year: number) {
    policy.enter(actor, unitId);
    await entity(ctx.db, unitId);
    return ctx.db.transaction().execute(async (trx) => {
      const before = await repo.findPlanReview(trx, unitId, year);
      if (before?.status === 'approved') throw stateError('performance.plan.alreadyApproved', {});
      const row = {
        status: 'submitted' as const,
        submitted_by: actor.userId,
        submitted_at: now(),
        reviewed_by: null,
        reviewed_at: null,
        note: null,
      };
      if (before) await trx.updateTable('perf_plan_review').set(row).where('id', '=', before.id).execute();
      else
        await trx
          .insertInto('perf_plan_review')
          .values({ id: newId(), unit_id: unitId, year, ...row })
          .execute();
      await audit.record(trx, {
        unitId,
        actor,
        entityType: 'perf_plan',
        entityId: `${unitId}:${year}`,
        action: 'submit',
        before: before ?? null,
        after: row,
      });
      return { status: row.status };
    });
  }

  async function reviewPlan(
    actor: Actor,
    unitId: string,
    year: number,
    body: { decision: 'approved' | 'needs_revision'; note?: string | undefined },
  ) {
    await entity(ctx.db, unitId);
    return ctx.db.transaction().execute(async (trx) => {
      const before = await repo.findPlanReview(trx, unitId, year);
      policy.review(actor, before?.submitted_by ?? null);
      if (before?.status !== 'submitted') throw stateError('performance.plan.notSubmitted', {});
      const set = { status: body.decision, reviewed_by: actor.userId, reviewed_at: now(), note: body.note ?? null };
      await trx.updateTable('perf_plan_review').set(set).where('id', '=', before.id).execute();
      await audit.record(trx, {
        unitId,
        actor,
        entityType: 'perf_plan',
        entityId: `${unitId}:${year}`,
        action: 'review',
        before,
        after: set,
        reason: body.note ?? null,
      });
      return { status: set.status };
    });
  }

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

  async function evaluate(unit: OrgUnitTable, year: number, quarter: Quarter, locale: Locale) {
    const data = await loadEvaluationData(ctx.db, unit.id, year, unit.name);
    const a = achievementBody(data, year, quarter, locale);
    const [budget, nkaRows, locks] = await Promise.all([
      repo.latestBudget(ctx.db, unit.id, year),
      repo.nkaOf(ctx.db, unit.id, year),
      repo.locksOf(ctx.db, unit.id, year),
    ]);
    const sections = budget
      ? budgetSection(
          {
            rows: budget.rows,
            sasaranCode: new Map(data.sasaran.map((s) => [s.id, s.code])),
            indicatorCode: new Map(data.indicators.map((i) => [i.id, i.code])),
            indicatorSasaran: new Map(data.indicators.map((i) => [i.id, i.sasaran_id])),
          },
          a.month,
          a.result,
          data,
          locale,
        )
      : { budget: null, efficiency: null };
    const pending = data.realisations.filter((r) => r.month <= a.month && r.status !== 'verified');
    return {
      entity: { unitId: unit.id, code: unit.code, name: unit.name, timeZone: unit.time_zone },
      ...a.body,
      finalised: locks.some((l) => l.quarter === quarter),
      pendingRealisations: {
        draft: pending.filter((r) => r.status === 'draft').length,
        submitted: pending.filter((r) => r.status === 'submitted').length,
        needsRevision: pending.filter((r) => r.status === 'needs_revision').length,
      },
      budget: sections.budget,
      efficiency: sections.efficiency,
      nka: nkaSection(nkaRows, a.month, locale),
    };
  }

  async function achievement(actor: Actor, unitId: string, year: number, quarter: Quarter, locale: Locale) {
    await policy.read(ctx.db, actor, unitId);
    const unit = await entity(ctx.db, unitId);
    return evaluate(unit, year, quarter, locale);
  }

  /** The unit head finalises (menetapkan) the interim report: its months freeze and the figures are kept as reported. */
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

  async function getRevision(actor: Actor, id: string) {
    const r = await repo.findRevision(ctx.db, id);
    if (!r) throw notFound('Permohonan revisi target');
    await policy.read(ctx.db, actor, r.unit_id);
    return revisionDto(ctx.db, id);
  }

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

  return {
    putSettings,
    getPlan,
    createPerspective,
    createSasaran,
    createIndicator,
    patchIndicator,
    addTargetVersion,
    importPlan,
    submitPlan,
    reviewPlan,
    putRealisation,
    importRealisations,
    submitRealisation: (actor: Actor, indicatorId: string, year: number, month: number) =>
      transitionRealisation(actor, indicatorId, year, month, 'submit'),
    verifyRealisation: (
      actor: Actor,
      indicatorId: string,
      year: number,
      month: number,
      decision: { decision: 'verified' | 'needs_revision'; note?: string | undefined },
    ) => transitionRealisation(actor, indicatorId, year, month, 'verify', decision),
    bulkVerify,
    listRealisations,
    achievement,
    finalise,
    finalisedReport,
    requestRevision,
    decideRevision,
    applyRevision,
    getRevision,
    importBudget: (actor: Actor, unitId: string, body: BudgetImportBody, locale: Locale) =>
      importBudget(actor, unitId, body, locale, { kind: 'json' }),
    importBudgetXlsx,
    putNka,
  };
}

export type PerformanceService = ReturnType<typeof createPerformanceService>;
