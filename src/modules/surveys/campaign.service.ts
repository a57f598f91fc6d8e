import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { CampaignTargetTable, SkmCampaignTable } from '../../db/schema.ts';
import { shippedProfile } from '../../domain/profiles/shipped-profiles.ts';
import { campaignTarget } from '../../domain/targets/krejcie-morgan.ts';
import { AppError, AppErrorCode, type FieldIssue, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { recountService } from '../responses/counted-window.ts';
import type { ServiceContext } from '../service-context.ts';
import { campaignPolicy } from './campaign.policy.ts';
import * as repo from './campaign.repository.ts';
import type {
  CampaignDto,
  CampaignStatus,
  CampaignSummaryDto,
  CreateCampaignInput,
  ExtensionInput,
  TargetDto,
  TargetsDto,
} from './campaign.schema.ts';
import type { LinkService } from './link.service.ts';
import { earliestLocalDate, latestLocalDate } from './local-date.ts';

/** DOMAIN 5.12.1: the only forward moves; everything else is `invalid_state`. */
export const NEXT_STATUS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['targets_set'],
  targets_set: ['collecting'],
  collecting: ['validating'],
  validating: ['reporting'],
  reporting: ['closed'],
  closed: [],
};

/** Extensions are recorded while respondents can still be reached. */
const EXTENDABLE: readonly CampaignStatus[] = ['draft', 'targets_set', 'collecting'];
const RECOMPUTABLE: readonly CampaignStatus[] = ['draft', 'targets_set'];

const statusLabel = (s: CampaignStatus) => t('id', `surveys.status.${s}`);

function stateError(key: string, params: Record<string, string | number> = {}): AppError {
  return new AppError(AppErrorCode.INVALID_STATE, t('id', key, params), { messageKey: key, params });
}

export interface CreateOptions {
  /** Demo campaigns (seeded) never mix with real ones. */
  isDemo?: boolean;
}

/** The results module freezes the official snapshots inside the `closed` transition (DOMAIN 5.10). */
export interface ResultsFreezer {
  freezeSnapshots(trx: Db, campaignId: string, actor: Actor | null): Promise<number>;
}

export interface RecommendationIssuer {
  generateForCampaign(trx: Db, campaignId: string, actor: Actor | null): Promise<unknown>;
}

export function createCampaignService(
  ctx: ServiceContext,
  deps: {
    audit: AuditService;
    links: LinkService;
    results?: ResultsFreezer;
    /** Issues the recommendations of DOMAIN 7.3 from the snapshots just frozen. */
    recommendations?: RecommendationIssuer;
  },
) {
  const { audit, links } = deps;

  const toSummary = (c: SkmCampaignTable): CampaignSummaryDto => ({
    id: c.id,
    kind: c.kind,
    year: c.year,
    name: c.name,
    profileCode: c.profile_code,
    profileVersion: c.profile_version,
    status: c.status,
    collectionStart: c.collection_start,
    collectionEnd: c.collection_end,
    effectiveEnd: c.effective_end,
    isDemo: c.is_demo === 1,
  });

  async function toDto(db: Db, c: SkmCampaignTable): Promise<CampaignDto> {
    const [units, totals, ext] = await Promise.all([
      repo.campaignUnits(db, c.id),
      repo.unitTargetTotals(db, c.id),
      repo.extensions(db, c.id),
    ]);
    const byUnit = new Map(totals.map((r) => [r.unit_id, r]));
    return {
      ...toSummary(c),
      circularRef: c.circular_ref,
      circularDate: c.circular_date,
      prepServiceDataWindow: c.prep_service_data_window,
      prepTargetWindow: c.prep_target_window,
      processingWindow: c.processing_window,
      validityMatrixDue: c.validity_matrix_due,
      reportDue: c.report_due,
      periodicityLabel: c.periodicity_label,
      allowEmbedding: c.allow_embedding === 1,
      embedOrigins: JSON.parse(c.embed_origins_json) as string[],
      retentionDays: c.retention_days,
      createdBy: c.created_by,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      closedAt: c.closed_at,
      nextStatuses: [...NEXT_STATUS[c.status]],
      units: units.map((u) => ({
        unitId: u.id,
        code: u.code,
        name: u.name,
        type: u.type,
        target: Number(byUnit.get(u.id)?.target ?? 0),
        services: Number(byUnit.get(u.id)?.services ?? 0),
      })),
      extensions: ext.map((e) => ({
        id: e.id,
        previousEnd: e.previous_end,
        newEnd: e.new_end,
        reason: e.reason,
        letterRef: e.letter_ref,
        decidedBy: e.decided_by,
        decidedAt: e.decided_at,
      })),
    };
  }

  /** The campaign as the actor may see it: 404 when missing or outside the actor's units. */
  async function loadVisible(actor: Actor, id: string): Promise<SkmCampaignTable> {
    const c = await repo.findCampaign(ctx.db, id);
    if (!c) throw notFound('Kampanye survei');
    const scope = await campaignPolicy.readScope(ctx.db, actor);
    if (!scope.all) {
      const units = await repo.campaignUnits(ctx.db, id);
      campaignPolicy.assertCampaignVisible(
        scope,
        units.map((u) => u.id),
      );
    }
    return c;
  }

  async function lockCampaign(trx: Db, id: string): Promise<SkmCampaignTable> {
    const c = await repo.findCampaignForUpdate(trx, ctx.engine, id);
    if (!c) throw notFound('Kampanye survei');
    return c;
  }

  /** Units, services in scope and their previous-year populations, checked field by field. */
  async function resolveScope(input: CreateCampaignInput) {
    const issues: FieldIssue[] = [];
    const unitIds = input.units.map((u) => u.unitId);
    const [units, services] = await Promise.all([repo.findUnits(ctx.db, unitIds), repo.activeServicesOfUnits(ctx.db, unitIds)]);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const scope: { unitId: string; services: typeof services }[] = [];
    for (const [i, u] of input.units.entries()) {
      const unit = unitById.get(u.unitId);
      const field = `body.units.${i}.unitId`;
      const fail = (key: string) => issues.push({ field, message: t('id', key) });
      if (unit?.active !== 1) {
        fail('surveys.unit.unknown');
        continue;
      }
      if (unit.is_public_service_unit !== 1) {
        fail('surveys.unit.notPublicService');
        continue;
      }
      const active = services.filter((s) => s.unit_id === u.unitId && s.active === 1);
      if (!u.unitServiceIds) {
        if (active.length) scope.push({ unitId: u.unitId, services: active });
        else fail('surveys.unit.noServices');
        continue;
      }
      const chosen: typeof services = [];
      for (const [j, sid] of u.unitServiceIds.entries()) {
        const s = active.find((x) => x.id === sid);
        if (!s) issues.push({ field: `body.units.${i}.unitServiceIds.${j}`, message: t('id', 'surveys.service.notOfUnit') });
        else if (!chosen.includes(s)) chosen.push(s);
      }
      scope.push({ unitId: u.unitId, services: chosen });
    }
    if (issues.length) {
      throw new AppError(AppErrorCode.VALIDATION, 'Data yang dikirim tidak valid', {
        messageKey: 'error.validation',
        fields: issues,
      });
    }
    return scope;
  }

  /** D7 targets for services from the populations of `year − 1` (the organisation's population table). */
  async function computeTargets(
    db: Db,
    campaignYear: number,
    services: readonly { id: string; unit_id: string; population_divisor: number }[],
  ) {
    const pops = await repo.populations(
      db,
      services.map((s) => s.id),
      campaignYear - 1,
    );
    const popById = new Map(pops.map((p) => [p.unit_service_id, p.population]));
    return services.map((s) => ({ service: s, result: campaignTarget(popById.get(s.id) ?? null, s.population_divisor) }));
  }

  async function create(actor: Actor, input: CreateCampaignInput, opts: CreateOptions = {}): Promise<CampaignDto> {
    campaignPolicy.assertManage(actor);
    const profile = shippedProfile(input.profileCode);
    if (!profile || profile.version !== input.profileVersion) {
      const params = { code: input.profileCode, version: input.profileVersion };
      throw new AppError(AppErrorCode.VALIDATION, t('id', 'surveys.profile.unknown', params), {
        messageKey: 'error.validation',
        fields: [{ field: 'body.profileVersion', message: t('id', 'surveys.profile.unknown', params) }],
      });
    }
    const scope = await resolveScope(input);
    const now = isoNow(ctx.clock);
    const id = newId();
    const row: SkmCampaignTable = {
      id,
      kind: input.profileCode === 'spkp-spak-4' ? 'perception' : 'skm',
      year: input.year,
      name: input.name,
      profile_code: input.profileCode,
      profile_version: input.profileVersion,
      circular_ref: input.circularRef ?? null,
      circular_date: input.circularDate ?? null,
      prep_service_data_window: input.prepServiceDataWindow ?? null,
      prep_target_window: input.prepTargetWindow ?? null,
      processing_window: input.processingWindow ?? null,
      collection_start: input.collectionStart,
      collection_end: input.collectionEnd,
      effective_end: input.collectionEnd,
      validity_matrix_due: input.validityMatrixDue ?? null,
      report_due: input.reportDue ?? null,
      periodicity_label: input.periodicityLabel,
      status: 'draft',
      allow_embedding: input.allowEmbedding ? 1 : 0,
      embed_origins_json: JSON.stringify([...new Set(input.embedOrigins)]),
      is_demo: opts.isDemo ? 1 : 0,
      retention_days: input.retentionDays ?? null,
      personal_data_purged_at: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      closed_at: null,
      closed_by: null,
    };
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertCampaign(trx, row);
      await repo.insertCampaignUnits(
        trx,
        scope.map((s) => ({ campaign_id: id, unit_id: s.unitId, last_seq_no: 0, added_at: now })),
      );
      const computed = await computeTargets(
        trx,
        input.year,
        scope.flatMap((s) => s.services),
      );
      const rows: Insertable<CampaignTargetTable>[] = computed.map(({ service, result }) => ({
        id: newId(),
        campaign_id: id,
        unit_id: service.unit_id,
        unit_service_id: service.id,
        prev_year_population: result.prevYearPopulation,
        divisor: result.divisor,
        population_period: result.populationPeriod,
        computed_target: result.target,
        target: result.target,
        overridden: 0,
        override_reason: null,
        overridden_by: null,
        overridden_at: null,
        n_submitted: 0,
        n_valid: 0,
        n_counted: 0,
        created_at: now,
        updated_at: now,
      }));
      await repo.insertTargets(trx, rows);
      await audit.record(trx, {
        unitId: null,
        actor,
        entityType: 'skm_campaign',
        entityId: id,
        action: 'create',
        after: { ...toSummary(row), units: scope.map((s) => s.unitId), circularRef: row.circular_ref },
      });
      // One event per unit (its chain) listing every computed target: a national campaign has 758 rows.
      for (const s of scope) {
        await audit.record(trx, {
          unitId: s.unitId,
          actor,
          entityType: 'skm_campaign',
          entityId: id,
          action: 'targets_computed',
          after: { targets: rows.filter((r) => r.unit_id === s.unitId).map((r) => ({ id: r.id, ...targetAuditView(r) })) },
        });
      }
    });
    return toDto(ctx.db, row);
  }

  async function list(actor: Actor, filter: { year?: number | undefined; status?: CampaignStatus | undefined }) {
    const scope = await campaignPolicy.readScope(ctx.db, actor);
    const rows = await repo.listCampaigns(ctx.db, { ...filter, unitIds: scope.all ? undefined : [...scope.unitIds] });
    return { campaigns: rows.map(toSummary) };
  }

  async function get(actor: Actor, id: string): Promise<CampaignDto> {
    return toDto(ctx.db, await loadVisible(actor, id));
  }

  /** Guards of DOMAIN 5.12.1, evaluated in the units' own time zones (D17). */
  async function checkGuards(trx: Db, c: SkmCampaignTable, to: CampaignStatus): Promise<void> {
    const zones = (await repo.campaignUnits(trx, c.id)).map((u) => u.time_zone);
    if (!zones.length) zones.push('Asia/Jakarta');
    const now = ctx.clock.now();
    if (to === 'collecting' && latestLocalDate(now, zones) < c.collection_start) {
      throw stateError('surveys.guard.startNotReached', { date: c.collection_start });
    }
    if (to === 'validating' && earliestLocalDate(now, zones) <= c.effective_end) {
      throw stateError('surveys.guard.endNotPassed', { date: c.effective_end });
    }
    if (to === 'reporting' && c.validity_matrix_due && earliestLocalDate(now, zones) <= c.validity_matrix_due) {
      throw stateError('surveys.guard.matrixDueNotPassed', { date: c.validity_matrix_due });
    }
  }

  async function transition(actor: Actor, id: string, to: CampaignStatus): Promise<CampaignDto> {
    campaignPolicy.assertManage(actor);
    const updated = await ctx.db.transaction().execute(async (trx) => {
      const c = await lockCampaign(trx, id);
      const allowed = NEXT_STATUS[c.status];
      if (!allowed.includes(to)) {
        throw stateError('surveys.invalidTransition', {
          from: c.status,
          to,
          fromLabel: statusLabel(c.status),
          toLabel: statusLabel(to),
          allowed: allowed.length ? allowed.join(', ') : 'none',
          allowedLabels: allowed.length ? allowed.map((s) => `"${statusLabel(s)}"`).join(', ') : t('id', 'surveys.noNextStatus'),
        });
      }
      await checkGuards(trx, c, to);
      const now = isoNow(ctx.clock);
      const patch = {
        status: to,
        updated_at: now,
        ...(to === 'closed' ? { closed_at: now, closed_by: actor.userId } : {}),
      };
      if (!(await repo.updateCampaignStatus(trx, id, c.status, patch))) throw stateError('surveys.concurrentChange');
      // Publishing the targets issues the links (DOMAIN 5.12.1: "generate links").
      const linksCreated = to === 'targets_set' ? await links.generateMissing(trx, { ...c, ...patch }, actor) : 0;
      if (to === 'closed') {
        await deps.results?.freezeSnapshots(trx, id, actor);
        await deps.recommendations?.generateForCampaign(trx, id, actor);
      }
      await audit.record(trx, {
        unitId: null,
        actor,
        entityType: 'skm_campaign',
        entityId: id,
        action: 'transition',
        before: { status: c.status },
        after: { status: to, ...(linksCreated ? { linksCreated } : {}) },
      });
      return { ...c, ...patch };
    });
    return toDto(ctx.db, updated);
  }

  async function extend(actor: Actor, id: string, input: ExtensionInput): Promise<CampaignDto> {
    campaignPolicy.assertManage(actor);
    const updated = await ctx.db.transaction().execute(async (trx) => {
      const c = await lockCampaign(trx, id);
      if (!EXTENDABLE.includes(c.status)) {
        throw stateError('surveys.extension.notAllowed', { status: c.status, statusLabel: statusLabel(c.status) });
      }
      if (input.newEnd <= c.effective_end) {
        const message = t('id', 'surveys.extension.notAfter', { date: c.effective_end });
        throw new AppError(AppErrorCode.VALIDATION, message, {
          messageKey: 'surveys.extension.notAfter',
          params: { date: c.effective_end },
          fields: [{ field: 'body.newEnd', message }],
        });
      }
      const now = isoNow(ctx.clock);
      const ext = {
        id: newId(),
        campaign_id: id,
        previous_end: c.effective_end,
        new_end: input.newEnd,
        reason: input.reason,
        letter_ref: input.letterRef,
        decided_by: actor.userId,
        decided_at: now,
      };
      await repo.insertExtension(trx, ext);
      await repo.updateCampaign(trx, id, { effective_end: input.newEnd, updated_at: now });
      await audit.record(trx, {
        unitId: null,
        actor,
        entityType: 'skm_campaign',
        entityId: id,
        action: 'extend',
        before: { effectiveEnd: c.effective_end },
        after: { effectiveEnd: input.newEnd, letterRef: input.letterRef, extensionId: ext.id },
        reason: input.reason,
      });
      return { ...c, effective_end: input.newEnd, updated_at: now };
    });
    return toDto(ctx.db, updated);
  }

  async function getTargets(actor: Actor, id: string, unitId?: string): Promise<TargetsDto> {
    const c = await loadVisible(actor, id);
    const scope = await campaignPolicy.readScope(ctx.db, actor);
    let unitIds: string[] | undefined = scope.all ? undefined : [...scope.unitIds];
    if (unitId) unitIds = unitIds ? unitIds.filter((u) => u === unitId) : [unitId];
    const rows = await repo.targets(ctx.db, id, unitIds);
    const units = new Map<string, { unitId: string; unitName: string; target: number }>();
    for (const r of rows) {
      const u = units.get(r.unit_id) ?? { unitId: r.unit_id, unitName: r.unit_name, target: 0 };
      u.target += r.target;
      units.set(r.unit_id, u);
    }
    return {
      campaignId: id,
      year: c.year,
      populationYear: c.year - 1,
      units: [...units.values()],
      total: rows.reduce((s, r) => s + r.target, 0),
      rows: rows.map(
        (r): TargetDto => ({
          id: r.id,
          unitId: r.unit_id,
          unitName: r.unit_name,
          unitServiceId: r.unit_service_id,
          serviceName: r.service_name,
          prevYearPopulation: r.prev_year_population,
          divisor: r.divisor,
          populationPeriod: r.population_period,
          computedTarget: r.computed_target,
          target: r.target,
          overridden: r.overridden === 1,
          overrideReason: r.override_reason,
        }),
      ),
    };
  }

  /** The coordinator sets a service target by hand, with a reason (DOMAIN 5.4, audited). */
  async function overrideTarget(
    actor: Actor,
    id: string,
    unitServiceId: string,
    input: { target: number; reason: string },
  ): Promise<TargetDto> {
    campaignPolicy.assertManage(actor);
    await ctx.db.transaction().execute(async (trx) => {
      const c = await lockCampaign(trx, id);
      if (c.status === 'closed') throw stateError('surveys.target.closed');
      const row = await repo.findTarget(trx, id, unitServiceId);
      if (!row) throw notFound('Target layanan');
      const now = isoNow(ctx.clock);
      const patch = {
        target: input.target,
        overridden: (input.target !== row.computed_target ? 1 : 0) as 0 | 1,
        override_reason: input.reason,
        overridden_by: actor.userId,
        overridden_at: now,
        updated_at: now,
      };
      await repo.updateTarget(trx, row.id, patch);
      // A new target moves the counted window (D5).
      await recountService(trx, id, unitServiceId, now);
      await audit.record(trx, {
        unitId: row.unit_id,
        actor,
        entityType: 'campaign_target',
        entityId: row.id,
        action: 'override',
        before: targetAuditView(row),
        after: targetAuditView({ ...row, ...patch }),
        reason: input.reason,
      });
    });
    const all = await getTargets(actor, id);
    return all.rows.find((r) => r.unitServiceId === unitServiceId)!;
  }

  /** Re-reads populations (corrected after creation) for rows not overridden by hand. */
  async function recomputeTargets(actor: Actor, id: string): Promise<TargetsDto> {
    campaignPolicy.assertManage(actor);
    await ctx.db.transaction().execute(async (trx) => {
      const c = await lockCampaign(trx, id);
      if (!RECOMPUTABLE.includes(c.status)) throw stateError('surveys.target.recomputeNotAllowed');
      const rows = await repo.targets(trx, id);
      const computed = await computeTargets(
        trx,
        c.year,
        // The unit's current divisor: a corrected divisor flows in like a corrected population.
        rows.map((r) => ({ id: r.unit_service_id, unit_id: r.unit_id, population_divisor: r.current_divisor })),
      );
      const now = isoNow(ctx.clock);
      for (const [i, { result }] of computed.entries()) {
        const row = rows[i]!;
        const patch = {
          prev_year_population: result.prevYearPopulation,
          divisor: result.divisor,
          population_period: result.populationPeriod,
          computed_target: result.target,
          ...(row.overridden === 1 ? {} : { target: result.target }),
          updated_at: now,
        };
        const changed =
          row.prev_year_population !== patch.prev_year_population ||
          row.divisor !== patch.divisor ||
          row.population_period !== patch.population_period ||
          row.computed_target !== patch.computed_target;
        if (!changed) continue;
        await repo.updateTarget(trx, row.id, patch);
        await audit.record(trx, {
          unitId: row.unit_id,
          actor,
          entityType: 'campaign_target',
          entityId: row.id,
          action: 'recompute',
          before: targetAuditView(row),
          after: targetAuditView({ ...row, ...patch }),
        });
      }
    });
    return getTargets(actor, id);
  }

  return { create, list, get, transition, extend, getTargets, overrideTarget, recomputeTargets };
}

function targetAuditView(r: Partial<Insertable<CampaignTargetTable>>) {
  return {
    unitServiceId: r.unit_service_id,
    prevYearPopulation: r.prev_year_population,
    divisor: r.divisor,
    populationPeriod: r.population_period,
    computedTarget: r.computed_target,
    target: r.target,
    overridden: r.overridden === 1,
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
