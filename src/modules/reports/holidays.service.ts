import { readFileSync } from 'node:fs';
import type { Insertable } from 'kysely';
import type { HolidayTable } from '../../db/schema.ts';
import { isValidDate } from '../../domain/calendar/working-days.ts';
import { AppError, AppErrorCode, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { requireActor, requireRole, requireUnitRead } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import * as repo from './holidays.repository.ts';
import type { HolidayBody, HolidayDto, HolidayQuery } from './holidays.schema.ts';

/**
 * The holiday calendar (national rows have no unit; a regional holiday belongs to one unit). The
 * vendored national holidays and cuti bersama 2024–2026 (`resources/calendar/`) are loaded once, the
 * first time the calendar is used; afterwards the SKM coordinator keeps it: adding a day and
 * removing one are audited (a removal keeps the row in the audit event and needs a reason).
 */

export const HOLIDAY_SEED_KEY = 'calendar.holidays.seed';
const SEED_VERSION = 'id-national-2024-2026/1';

interface SeedRow {
  date: string;
  name: string;
}

let seedCache: SeedRow[] | null = null;
export function vendoredHolidays(): SeedRow[] {
  if (seedCache) return seedCache;
  const text = readFileSync(new URL('../../../resources/calendar/id-national-holidays.tsv', import.meta.url), 'utf8');
  const rows: SeedRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const [date, , name] = line.split('\t');
    if (date && name && isValidDate(date)) rows.push({ date, name: name.trim() });
  }
  seedCache = rows;
  return rows;
}

const toDto = (r: HolidayTable): HolidayDto => ({
  id: r.id,
  date: r.date,
  name: r.name,
  unitId: r.unit_id,
  national: r.unit_id === null,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export function createHolidayService(ctx: ServiceContext, deps: { audit: AuditService }) {
  let seeded = false;

  /** Loads the vendored calendar once per database (the claim row makes it one-time across servers). */
  async function ensureSeeded(): Promise<void> {
    if (seeded) return;
    const now = isoNow(ctx.clock);
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.claimSetting(trx, HOLIDAY_SEED_KEY, SEED_VERSION, now))) return;
      const rows: Insertable<HolidayTable>[] = vendoredHolidays().map((h) => ({
        id: newId(),
        date: h.date,
        name: h.name,
        unit_id: null,
        created_by: null,
        created_at: now,
      }));
      await repo.insertHolidays(trx, rows);
      await deps.audit.record(trx, {
        unitId: null,
        actor: null,
        entityType: 'holiday',
        entityId: HOLIDAY_SEED_KEY,
        action: 'seed',
        after: { version: SEED_VERSION, holidays: rows.length, source: 'resources/calendar/id-national-holidays.tsv' },
      });
    });
    seeded = true;
  }

  /** Dates `YYYY-MM-DD` that are not working days at the unit within [from, to] (national + the unit's own). */
  async function datesBetween(from: string, to: string, unitId: string | null): Promise<string[]> {
    await ensureSeeded();
    const rows = await repo.listHolidays(ctx.db, { from, to, unitId });
    return [...new Set(rows.map((r) => r.date))];
  }

  async function list(actor: Actor, q: HolidayQuery) {
    requireActor(actor);
    if (q.unitId) await requireUnitRead(ctx.db, actor, q.unitId);
    await ensureSeeded();
    const range = q.year ? { from: `${q.year}-01-01`, to: `${q.year}-12-31` } : {};
    const rows = await repo.listHolidays(ctx.db, { ...range, unitId: q.unitId ?? null });
    return { items: rows.map(toDto), total: rows.length };
  }

  async function add(actor: Actor, body: HolidayBody, locale: Locale): Promise<HolidayDto> {
    requireRole(actor, ['skm_coordinator']);
    await ensureSeeded();
    const unitId = body.unitId ?? null;
    if (unitId && !(await repo.unitExists(ctx.db, unitId))) {
      throw new AppError(AppErrorCode.VALIDATION, t('id', 'error.validation'), {
        messageKey: 'error.validation',
        fields: [{ field: 'body.unitId', message: t(locale, 'holidays.unit.unknown') }],
      });
    }
    return ctx.db.transaction().execute(async (trx) => {
      if (await repo.findSame(trx, body.date, unitId)) {
        throw new AppError(AppErrorCode.CONFLICT, t(locale, 'holidays.duplicate', { date: body.date }), {
          messageKey: 'holidays.duplicate',
          params: { date: body.date },
          fields: [{ field: 'body.date', message: t(locale, 'holidays.duplicate', { date: body.date }) }],
        });
      }
      const row: HolidayTable = {
        id: newId(),
        date: body.date,
        name: body.name,
        unit_id: unitId,
        created_by: actor.userId,
        created_at: isoNow(ctx.clock),
      };
      await repo.insertHolidays(trx, [row]);
      await deps.audit.record(trx, { unitId, actor, entityType: 'holiday', entityId: row.id, action: 'create', after: row });
      return toDto(row);
    });
  }

  /** Removes a day from the calendar; the audit event keeps what was removed, who removed it and why. */
  async function remove(actor: Actor, id: string, reason: string) {
    requireRole(actor, ['skm_coordinator']);
    await ensureSeeded();
    return ctx.db.transaction().execute(async (trx) => {
      const row = await repo.findHoliday(trx, id);
      if (!row) throw notFound('Hari libur');
      await repo.deleteHoliday(trx, id);
      await deps.audit.record(trx, {
        unitId: row.unit_id,
        actor,
        entityType: 'holiday',
        entityId: id,
        action: 'remove',
        before: row,
        reason,
      });
      return { id, removed: true as const };
    });
  }

  return { ensureSeeded, datesBetween, list, add, remove };
}

export type HolidayService = ReturnType<typeof createHolidayService>;
