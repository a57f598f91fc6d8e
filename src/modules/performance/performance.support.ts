/** What every SAKIP workflow service shares: errors named by field, the entity check, frozen months. */
import type { Db } from '../../db/connection.ts';
import type { OrgUnitTable, PerfIndicatorTable } from '../../db/schema.ts';
import { Rational } from '../../domain/core/rational.ts';
import { AppError, AppErrorCode, type FieldIssue, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ServiceContext } from '../service-context.ts';
import * as repo from './performance.repository.ts';

export const ENTITY = 'Entitas SAKIP';

export function invalid(fields: FieldIssue[], locale: Locale): AppError {
  return new AppError(AppErrorCode.VALIDATION, t(locale, 'error.validation'), { messageKey: 'error.validation', fields });
}

export function stateError(key: string, params: Record<string, string | number>, fields: FieldIssue[] = []): AppError {
  return new AppError(AppErrorCode.INVALID_STATE, t('id', key, params), { messageKey: key, params, fields });
}

export const field = (locale: Locale, name: string, key: string, params?: Record<string, string | number>): FieldIssue => ({
  field: name,
  message: t(locale, key, params),
});

/** Year and month "now" in the entity's time zone. */
export function localYearMonth(now: Date, timeZone: string): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  return {
    year: Number(parts.find((p) => p.type === 'year')?.value),
    month: Number(parts.find((p) => p.type === 'month')?.value),
  };
}

export const decOrNull = (s: string | null | undefined) => (s == null ? null : Rational.parse(s));
export const VALUE_PLACES = 12;

export function createSupport(ctx: ServiceContext, audit: AuditService) {
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

  return { ctx, audit, now, entity, frozenThrough, indicatorOrThrow };
}

export type Support = ReturnType<typeof createSupport>;
