import type { Db } from '../../db/connection.ts';
import type { OrgUnitTable, PerfIndicatorTable, PerfTargetVersionTable } from '../../db/schema.ts';
import { reviewTargetRevision } from '../../domain/performance/target-revision.ts';
import { checkTargetPattern, monthLabel } from '../../domain/performance/targets.ts';
import type { FieldIssue } from '../../http/app-error.ts';
import type { Locale } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { DEFAULT_SETTINGS, parseMonthly } from './evaluation-input.ts';
import { performancePolicy as policy } from './performance.policy.ts';
import * as repo from './performance.repository.ts';
import type {
  IndicatorBody,
  IndicatorPatchBody,
  PerspectiveBody,
  PlanImportBody,
  SasaranBody,
  SettingsBody,
  TargetVersionBody,
} from './performance.schema.ts';
import { decOrNull, field, invalid, localYearMonth, type Support, stateError } from './performance.support.ts';

/** SAKIP plan (DOMAIN 8.1-8.2): entity settings, perspectives, sasaran, indicators, target versions, plan review. */
export function createPlanService(support: Support) {
  const { ctx, audit, now, entity, frozenThrough, indicatorOrThrow } = support;

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

  /** A predecessor belongs to the same entity and to an earlier plan period: by id, or by code (the latest earlier one). */
  async function resolvePredecessor(trx: Db, unitId: string, ref: string, fromYear: number) {
    const earlier = (await repo.indicatorsOf(trx, unitId)).filter((i) => i.valid_from_year < fromYear);
    return (
      earlier.find((i) => i.id === ref) ??
      earlier.filter((i) => i.code === ref).sort((a, b) => b.valid_from_year - a.valid_from_year)[0] ??
      null
    );
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
    let predecessorId: string | null = null;
    if (body.predecessor !== undefined) {
      const p = await resolvePredecessor(trx, unit.id, body.predecessor, body.validFromYear);
      if (!p) issues.push(field(locale, `${at}.predecessor`, 'performance.plan.unknownPredecessor', { code: body.predecessor }));
      else predecessorId = p.id;
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
      predecessor_indicator_id: predecessorId,
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
    predecessorIndicatorId: i.predecessor_indicator_id,
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
    const links = await repo.linkedIndicators(
      ctx.db,
      indicators.map((i) => i.id),
    );
    const ref = (r: repo.IndicatorRef) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      unitId: r.unit_id,
      unitCode: r.unit_code,
      validFromYear: r.valid_from_year,
      validToYear: r.valid_to_year,
    });
    const byId = new Map(links.map((l) => [l.id, l]));
    const cascadeOf = (i: PerfIndicatorTable) => {
      const parent = i.parent_indicator_id ? byId.get(i.parent_indicator_id) : undefined;
      const predecessor = i.predecessor_indicator_id ? byId.get(i.predecessor_indicator_id) : undefined;
      return {
        parent: parent ? ref(parent) : null,
        children: links.filter((l) => l.parent_indicator_id === i.id).map(ref),
        predecessor: predecessor ? ref(predecessor) : null,
        successors: links.filter((l) => l.predecessor_indicator_id === i.id).map(ref),
      };
    };
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
      indicators: indicators.map((i) => ({
        ...indicatorDto(
          i,
          versions.filter((v) => v.indicator_id === i.id),
          sasaranCode.get(i.sasaran_id),
        ),
        cascade: cascadeOf(i),
      })),
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
      if (body.predecessor !== undefined) {
        const p = await resolvePredecessor(trx, ind.unit_id, body.predecessor, ind.valid_from_year);
        if (!p) issues.push(field(locale, 'body.predecessor', 'performance.plan.unknownPredecessor', { code: body.predecessor }));
        else set.predecessor_indicator_id = p.id;
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
    insertTargetVersion,
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
