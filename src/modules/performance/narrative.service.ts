import type { Db } from '../../db/connection.ts';
import type { PerfNarrativeTable } from '../../db/schema.ts';
import { quarterLabel } from '../../domain/performance/targets.ts';
import { AppError, AppErrorCode, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { requireRoleForUnit } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import { lapkinStateError } from './lapkin-workflow.service.ts';
import * as repo from './narrative.repository.ts';
import {
  isCarryOver,
  NARRATIVE_SCOPES,
  NARRATIVE_SECTIONS,
  type NarrativeBody,
  type NarrativeScope,
  sectionKeys,
} from './narrative.schema.ts';
import { performancePolicy as policy } from './performance.policy.ts';
import * as perfRepo from './performance.repository.ts';

export interface ResolvedNarrative {
  scope: NarrativeScope;
  scopeId: string;
  section: string;
  text: string;
  /** The saved version of this period (0 when only inherited or never saved). */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  /** Set when the text comes from an earlier period (carry-over sections). */
  inheritedFrom: { year: number; quarter: number } | null;
}

/** Lookup of resolved texts by scope, id and section (the LAPKIN composer reads through this). */
export interface NarrativeTexts {
  entity(section: string): string;
  sasaran(id: string, section: string): string;
  indicator(id: string, section: string): string;
}

const keyOf = (scope: string, scopeId: string, section: string) => `${scope}|${scopeId}|${section}`;

/** This period's texts, with carry-over sections falling back to the latest earlier non-empty text. */
export function resolveNarratives(rows: readonly PerfNarrativeTable[], year: number, quarter: number): ResolvedNarrative[] {
  const groups = new Map<string, PerfNarrativeTable[]>();
  for (const r of rows) {
    const k = keyOf(r.scope, r.scope_id, r.section);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: ResolvedNarrative[] = [];
  for (const list of groups.values()) {
    const own = list.find((r) => r.year === year && r.quarter === quarter);
    const first = list[0] as PerfNarrativeTable;
    if (own) {
      out.push({
        scope: own.scope,
        scopeId: own.scope_id,
        section: own.section,
        text: own.body,
        version: own.version,
        updatedAt: own.updated_at,
        updatedBy: own.updated_by,
        inheritedFrom: null,
      });
      continue;
    }
    if (!isCarryOver(first.scope, first.section)) continue;
    const earlier = list.filter((r) => r.body.trim() !== '').at(-1);
    if (earlier)
      out.push({
        scope: earlier.scope,
        scopeId: earlier.scope_id,
        section: earlier.section,
        text: earlier.body,
        version: 0,
        updatedAt: earlier.updated_at,
        updatedBy: earlier.updated_by,
        inheritedFrom: { year: earlier.year, quarter: earlier.quarter },
      });
  }
  return out;
}

export function narrativeTexts(resolved: readonly ResolvedNarrative[]): NarrativeTexts {
  const map = new Map(resolved.map((r) => [keyOf(r.scope, r.scopeId, r.section), r.text]));
  return {
    entity: (section) => map.get(keyOf('entity', '', section)) ?? '',
    sasaran: (id, section) => map.get(keyOf('sasaran', id, section)) ?? '',
    indicator: (id, section) => map.get(keyOf('indicator', id, section)) ?? '',
  };
}

export function createNarrativeService(ctx: ServiceContext, deps: { audit: AuditService }) {
  async function entity(db: Db, unitId: string) {
    const u = await perfRepo.findUnit(db, unitId);
    if (u?.is_sakip_entity !== 1) throw notFound('Entitas SAKIP');
    return u;
  }

  /** Resolved texts for a report generator (already authorised). */
  async function textsFor(unitId: string, year: number, quarter: number): Promise<NarrativeTexts> {
    return narrativeTexts(resolveNarratives(await repo.narrativesThrough(ctx.db, unitId, year, quarter), year, quarter));
  }

  async function list(actor: Actor, unitId: string, year: number, quarter: number, locale: Locale) {
    await policy.read(ctx.db, actor, unitId);
    await entity(ctx.db, unitId);
    const [rows, sasaran, indicators, locks] = await Promise.all([
      repo.narrativesThrough(ctx.db, unitId, year, quarter),
      perfRepo.sasaranOf(ctx.db, unitId, year),
      perfRepo.indicatorsOf(ctx.db, unitId, year),
      perfRepo.locksOf(ctx.db, unitId, year),
    ]);
    const codeOf = new Map<string, string>([
      ...sasaran.map((s) => [`sasaran|${s.id}`, s.code] as const),
      ...indicators.map((i) => [`indicator|${i.id}`, i.code] as const),
    ]);
    const resolved = resolveNarratives(rows, year, quarter).filter(
      (r) => r.scope === 'entity' || codeOf.has(`${r.scope}|${r.scopeId}`),
    );
    return {
      year,
      quarter,
      finalised: locks.some((l) => l.quarter === quarter),
      sections: NARRATIVE_SCOPES.flatMap((scope) =>
        NARRATIVE_SECTIONS[scope].map((s) => ({
          scope,
          section: s.key,
          carryOver: s.carryOver,
          label: t(locale, `performance.narrative.section.${scope}.${s.key}`),
        })),
      ),
      narratives: resolved.map((r) => ({
        scope: r.scope,
        code: r.scope === 'entity' ? null : (codeOf.get(`${r.scope}|${r.scopeId}`) ?? null),
        section: r.section,
        text: r.text,
        version: r.version,
        updatedAt: r.updatedAt,
        updatedBy: r.updatedBy,
        inheritedFrom: r.inheritedFrom,
      })),
    };
  }

  /** Save one section. A stale `version` is refused (409) so that two editors never overwrite each other silently. */
  async function save(actor: Actor, unitId: string, year: number, quarter: number, body: NarrativeBody, locale: Locale) {
    requireRoleForUnit(actor, ['sakip_manager', 'unit_head'], unitId);
    await entity(ctx.db, unitId);
    const invalid = (fieldName: string, key: string, params?: Record<string, string | number>) =>
      new AppError(AppErrorCode.VALIDATION, t(locale, 'error.validation'), {
        messageKey: 'error.validation',
        fields: [{ field: fieldName, message: t(locale, key, params) }],
      });
    if (!sectionKeys(body.scope).includes(body.section))
      throw invalid('body.section', 'performance.narrative.unknownSection', {
        section: body.section,
        allowed: sectionKeys(body.scope).join(', '),
      });
    let scopeId = '';
    if (body.scope !== 'entity') {
      if (body.code === undefined) throw invalid('body.code', 'performance.narrative.codeRequired');
      const rows =
        body.scope === 'sasaran'
          ? await perfRepo.sasaranOf(ctx.db, unitId, year)
          : await perfRepo.indicatorsOf(ctx.db, unitId, year);
      const found = rows.find((r) => r.code === body.code);
      if (!found)
        throw invalid(
          'body.code',
          body.scope === 'sasaran' ? 'performance.plan.unknownSasaran' : 'performance.plan.unknownIndicator',
          { code: body.code },
        );
      scopeId = found.id;
    }
    return ctx.db.transaction().execute(async (trx) => {
      const locks = await perfRepo.locksOf(trx, unitId, year);
      if (locks.some((l) => l.quarter === quarter)) {
        const params = { quarter: quarterLabel(quarter as 1 | 2 | 3 | 4), year };
        throw new AppError(AppErrorCode.INVALID_STATE, t(locale, 'performance.narrative.finalised', params), {
          messageKey: 'performance.narrative.finalised',
          params,
        });
      }
      // A reviewed report is what the head will sign: changing it needs a return to draft first.
      if ((await perfRepo.findLapkinWorkflow(trx, unitId, year, quarter))?.status === 'reviewed')
        throw lapkinStateError(locale, 'performance.narrative.reviewed', quarter, year);
      const key = { unit_id: unitId, year, quarter, scope: body.scope, scope_id: scopeId, section: body.section };
      const before = await repo.findNarrative(trx, key);
      const current = before?.version ?? 0;
      const conflict = () =>
        new AppError(AppErrorCode.CONFLICT, t(locale, 'performance.narrative.conflict', { version: current }), {
          messageKey: 'performance.narrative.conflict',
          params: { version: current },
          fields: [{ field: 'body.version', message: t(locale, 'performance.narrative.conflict', { version: current }) }],
        });
      if (body.version !== current) throw conflict();
      const stamp = isoNow(ctx.clock);
      const set = { body: body.text, version: current + 1, updated_by: actor.userId, updated_at: stamp };
      let id: string;
      if (before) {
        if (!(await repo.updateNarrative(trx, before.id, current, set))) throw conflict();
        id = before.id;
      } else {
        id = newId();
        // A first save racing another first save hits the unique key: same answer as a stale version.
        await repo.insertNarrative(trx, { id, ...key, ...set }).catch(() => {
          throw conflict();
        });
      }
      await deps.audit.record(trx, {
        unitId,
        actor,
        entityType: 'perf_narrative',
        entityId: id,
        action: before ? 'update' : 'create',
        before: before ? { section: before.section, text: before.body, version: before.version } : null,
        after: {
          year,
          quarter,
          scope: body.scope,
          code: body.code ?? null,
          section: body.section,
          text: body.text,
          version: set.version,
        },
      });
      return {
        scope: body.scope,
        code: body.code ?? null,
        section: body.section,
        text: body.text,
        version: set.version,
        updatedAt: stamp,
        updatedBy: actor.userId,
        inheritedFrom: null,
      };
    });
  }

  return { list, save, textsFor };
}

export type NarrativeService = ReturnType<typeof createNarrativeService>;
