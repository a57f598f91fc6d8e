import { classify } from '../../domain/core/classification.ts';
import { Rational } from '../../domain/core/rational.ts';
import { toFixedHalfUp } from '../../domain/core/rounding.ts';
import { type ElementValue, yearOverYear } from '../../domain/skm/analysis.ts';
import { SKM_GRADE } from '../../domain/tables.ts';
import { AppError, AppErrorCode, type FieldIssue, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { requireRole, requireUnitRead } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import * as repo from './history.repository.ts';
import type { HistoryListDto, HistorySkmBody, HistoryYearDto, PublishedValue } from './history.schema.ts';

/**
 * Historical SKM results (issue 4 item 7): the coordinator enters what earlier reports printed, per
 * unit and year. They are frozen as published (D19 compares published values) and never recomputed;
 * a second entry for the same unit-year is a restatement (D30): a new version with a reason.
 */

/** Snapshot value keys besides the element codes. */
export const UNIT_INDEX_KEY = 'ikm';
export const IKM_TARGET_KEY = 'ikmTarget';
/** Printed values are not recomputed: no algorithm produced them. */
const ALGORITHM = 'published-as-printed';

const PUBLISHED = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;

/** `91,50`, `91.50`, `89` or 91.5 → exact value in [0, 100]; null when it is not a published 2-dp value. */
export function parsePublished(v: PublishedValue): Rational | null {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.trim();
  const m = PUBLISHED.exec(text);
  if (!m) return null;
  const r = Rational.parse(`${m[1]}.${m[2] ?? '0'}`);
  return r.gt(100) ? null : r;
}

interface SnapshotValue {
  key: string;
  fullPrecision: string;
  published: string;
  class?: string;
}

const ELEMENT_CODE = /^U[1-9]$/;

export function createHistoryService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const { audit } = deps;

  function validate(body: HistorySkmBody, locale: Locale, hasPrevious: boolean): SnapshotValue[] {
    const issues: FieldIssue[] = [];
    const values: SnapshotValue[] = [];
    const push = (key: string, raw: PublishedValue, field: string, graded: boolean) => {
      const v = parsePublished(raw);
      if (!v) {
        issues.push({ field, message: t(locale, 'history.value.invalid', { value: String(raw) }) });
        return;
      }
      const fixed = toFixedHalfUp(v, 2);
      // As published: the printed 2-decimal value is the full precision there is.
      values.push({ key, fullPrecision: fixed, published: fixed, ...(graded ? { class: classify(SKM_GRADE, v).code } : {}) });
    };
    const seen = new Set<string>();
    body.elements.forEach((e, i) => {
      const code = e.code.toUpperCase();
      if (!ELEMENT_CODE.test(code)) {
        issues.push({ field: `body.elements.${i}.code`, message: t(locale, 'history.element.code', { code: e.code }) });
        return;
      }
      if (seen.has(code)) {
        issues.push({ field: `body.elements.${i}.code`, message: t(locale, 'history.element.duplicate', { code }) });
        return;
      }
      seen.add(code);
      push(code, e.value, `body.elements.${i}.value`, true);
    });
    if (body.unitIndex !== undefined && body.unitIndex !== null) push(UNIT_INDEX_KEY, body.unitIndex, 'body.unitIndex', true);
    if (body.ikmTarget !== undefined && body.ikmTarget !== null) push(IKM_TARGET_KEY, body.ikmTarget, 'body.ikmTarget', false);
    if (!body.elements.length && (body.unitIndex ?? null) === null && (body.ikmTarget ?? null) === null) {
      issues.push({ field: 'body.unitIndex', message: t(locale, 'history.empty') });
    }
    if (hasPrevious && !body.reason) issues.push({ field: 'body.reason', message: t(locale, 'history.reasonRequired') });
    if (issues.length) {
      throw new AppError(AppErrorCode.VALIDATION, t('id', 'error.validation'), {
        messageKey: 'error.validation',
        fields: issues,
      });
    }
    return values;
  }

  /** Stores one unit-year as published: version 1, or the next version with its reason (D30). */
  async function importSkm(actor: Actor, body: HistorySkmBody, locale: Locale): Promise<HistoryYearDto> {
    requireRole(actor, ['skm_coordinator']);
    const unit = await repo.findUnit(ctx.db, body.unitId);
    if (!unit) {
      throw new AppError(AppErrorCode.VALIDATION, t('id', 'error.validation'), {
        messageKey: 'error.validation',
        fields: [{ field: 'body.unitId', message: t(locale, 'history.unit.unknown') }],
      });
    }
    await ctx.db.transaction().execute(async (trx) => {
      const previous = await repo.latestVersion(trx, unit.id, body.year);
      const values = validate(body, locale, previous !== undefined);
      const row = {
        id: newId(),
        kind: repo.PUBLISHED_KIND,
        scope_key: repo.unitScopeKey(unit.id),
        scope_json: JSON.stringify({ unitId: unit.id, unitCode: unit.code, unitName: unit.name }),
        unit_id: unit.id,
        unit_service_id: null,
        campaign_id: null,
        period_ref: String(body.year),
        source: 'imported' as const,
        inputs_hash: null,
        algorithm_version: ALGORITHM,
        profile_code: null,
        profile_version: null,
        values_json: JSON.stringify(values),
        version: (previous?.version ?? 0) + 1,
        supersedes_id: previous?.id ?? null,
        restatement_reason: previous ? (body.reason ?? null) : null,
        frozen_at: isoNow(ctx.clock),
        frozen_by: actor.userId,
        source_note: body.source,
      };
      try {
        await repo.insertSnapshot(trx, row);
      } catch (err) {
        // Two coordinators entering the same year at once: the unique version key keeps one.
        if (/unique|duplicate/i.test(String((err as Error).message))) {
          throw new AppError(AppErrorCode.CONFLICT, t('id', 'history.concurrent'), { messageKey: 'history.concurrent' });
        }
        throw err;
      }
      await audit.record(trx, {
        unitId: unit.id,
        actor,
        entityType: 'result_snapshot',
        entityId: row.id,
        action: previous ? 'restate_published' : 'import_published',
        before: previous ? { version: previous.version, values: JSON.parse(previous.values_json) } : undefined,
        after: { year: body.year, version: row.version, values, source: body.source },
        reason: row.restatement_reason,
      });
    });
    const list = await listSkm(actor, unit.id);
    return list.items.find((i) => i.year === body.year) as HistoryYearDto;
  }

  /** The newest version of every imported year, with D19 deltas against the year before. */
  async function listSkm(actor: Actor, unitId: string): Promise<HistoryListDto> {
    await requireUnitRead(ctx.db, actor, unitId);
    if (!(await repo.findUnit(ctx.db, unitId))) throw notFound('Unit');
    const rows = await repo.unitSnapshots(ctx.db, unitId);
    const byYear = new Map<number, { latest: (typeof rows)[number]; versions: number }>();
    for (const r of rows) {
      const year = Number(r.period_ref);
      const e = byYear.get(year);
      if (e) e.versions++;
      else byYear.set(year, { latest: r, versions: 1 });
    }
    const valuesOf = (year: number): SnapshotValue[] =>
      JSON.parse(byYear.get(year)?.latest.values_json ?? '[]') as SnapshotValue[];
    const comparable = (vals: SnapshotValue[]): ElementValue[] =>
      vals.filter((v) => v.key !== IKM_TARGET_KEY).map((v) => ({ code: v.key, value: Rational.parse(v.published) }));
    const items = [...byYear.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, { latest, versions }]): HistoryYearDto => {
        const vals = valuesOf(year);
        const get = (k: string) => vals.find((v) => v.key === k);
        const prev = comparable(valuesOf(year - 1));
        const yoy = prev.length ? yearOverYear(comparable(vals), prev).filter((d) => d.delta !== null) : [];
        const fixed = (r: Rational | null) => (r === null ? null : toFixedHalfUp(r, 2));
        return {
          snapshotId: latest.id,
          unitId,
          year,
          version: latest.version,
          versions,
          elements: vals
            .filter((v) => ELEMENT_CODE.test(v.key))
            .map((v) => ({ code: v.key, value: v.published, grade: v.class ?? null })),
          unitIndex: get(UNIT_INDEX_KEY)?.published ?? null,
          unitGrade: get(UNIT_INDEX_KEY)?.class ?? null,
          ikmTarget: get(IKM_TARGET_KEY)?.published ?? null,
          source: latest.source_note ?? null,
          frozenAt: latest.frozen_at,
          frozenBy: latest.frozen_by,
          supersedesId: latest.supersedes_id,
          restatementReason: latest.restatement_reason,
          yearOverYear: yoy.map((d) => ({
            code: d.code,
            previous: fixed(d.previous),
            current: fixed(d.current),
            delta: fixed(d.delta),
            label: d.label,
          })),
        };
      });
    return { items, total: items.length };
  }

  return { importSkm, listSkm };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
