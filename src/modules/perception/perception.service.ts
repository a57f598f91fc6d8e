import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { PerceptionMonthTable, ResultSnapshotTable } from '../../db/schema.ts';
import { localMonth } from '../../domain/core/instant.ts';
import { Rational } from '../../domain/core/rational.ts';
import { toFixedHalfUp } from '../../domain/core/rounding.ts';
import {
  accumulatePerception,
  bandLabel,
  computePerception,
  type PerceptionResult,
  type PerceptionSurvey,
} from '../../domain/perception/perception.ts';
import { addMonths, selectPerMonth, worksheetValue } from '../../domain/perception/selection.ts';
import { type InstrumentProfile, instrumentElements } from '../../domain/profiles/profile.ts';
import { shippedProfile } from '../../domain/profiles/shipped-profiles.ts';
import { AppError, AppErrorCode, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { num } from '../results/results.figures.ts';
import type { ServiceContext } from '../service-context.ts';
import { perceptionPolicy } from './perception.policy.ts';
import * as repo from './perception.repository.ts';
import type { PerceptionMonthDto, PerceptionYearDto } from './perception.schema.ts';

/**
 * SPKP/SPAK months (DOMAIN 6.1, 6.4-6.6, 6.8), owned by the inspectorate:
 * open ──(the month ends in the unit's time zone)──▶ closed ──(grace period, then the inspectorate)──▶ frozen.
 * Closing is evaluated lazily on every read and by an explicit action. Freezing stores the month's
 * first-30 selection and IPP/IPAK at full precision as `result_snapshot` rows; from then on the
 * worksheet value (D23) reads that month from the snapshot and cleansing may no longer change it.
 * A correction after freezing is a restatement (D30): a new snapshot version with a reason.
 */

export const DEFAULT_GRACE_DAYS = 10;
export const ALGORITHM_VERSION = 'perception/1 (DOMAIN 6.3-6.6, D8 D22 D23)';
const SURVEYS: readonly PerceptionSurvey[] = ['spkp', 'spak'];
const DAY = 86_400_000;
/** A month with no perception data at all is frozen under the standalone SPKP/SPAK profile. */
const FALLBACK_PROFILE = 'spkp-spak-4';

const period = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
const hasPerception = (p: InstrumentProfile | undefined): p is InstrumentProfile =>
  !!p && (!!p.instruments.spkp || !!p.instruments.spak);

function stateError(key: string, params: Record<string, string | number> = {}): AppError {
  return new AppError(AppErrorCode.INVALID_STATE, t('id', key, params), { messageKey: key, params });
}

function parseExact(x: string): Rational {
  const [n, d] = x.split('/');
  return Rational.of(BigInt(n as string), BigInt(d ?? '1'));
}

interface SnapshotValue {
  key: string;
  fullPrecision: string | null;
  exact: string | null;
  published: string | null;
  class?: string | null;
}
const ratValue = (key: string, r: Rational | null, cls?: string | null): SnapshotValue => ({
  key,
  fullPrecision: r ? r.toFixedTruncated(30) : null,
  exact: r ? r.toString() : null,
  published: r ? toFixedHalfUp(r, 2) : null,
  ...(cls !== undefined ? { class: cls } : {}),
});
const intValue = (key: string, n: number): SnapshotValue => ({
  key,
  fullPrecision: String(n),
  exact: String(n),
  published: String(n),
});

/** One month computed from the responses (the live view, and what a freeze stores). */
interface LiveMonth {
  profile: InstrumentProfile | null;
  responses: number;
  eligible: number;
  selected: { id: string; rank: number }[];
  eligibleIds: string[];
  results: Partial<Record<PerceptionSurvey, PerceptionResult>>;
}

/** A survey's month figures as shown: from the live computation or from a snapshot. */
interface SurveyFigures {
  index: Rational | null;
  converted: Rational | null;
  bandCode: string | null;
  elements: { code: string; index: Rational | null; converted: Rational | null; band: string | null }[];
}

export function createPerceptionService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const nowMs = () => ctx.clock.now().getTime();

  async function graceDays(db: Db = ctx.db): Promise<{ graceDays: number; isDefault: boolean }> {
    const raw = await repo.readSetting(db, repo.GRACE_SETTING);
    const n = raw === undefined ? Number.NaN : Number(raw);
    return Number.isInteger(n) && n >= 0
      ? { graceDays: n, isDefault: false }
      : { graceDays: DEFAULT_GRACE_DAYS, isDefault: true };
  }

  /** The month has ended in the unit's time zone (D17). */
  const ended = (p: string, tz: string, at: number) => localMonth(at, tz) > p;
  /** The month ended at least `grace` days ago, in the unit's time zone. */
  const pastGrace = (p: string, tz: string, at: number, grace: number) => localMonth(at - grace * DAY, tz) > p;
  const freezableFrom = (p: string, grace: number) => {
    const start = Date.parse(`${addMonths(p, 1)}-01T00:00:00Z`) + grace * DAY;
    return new Date(start).toISOString().slice(0, 10);
  };

  async function loadUnit(db: Db, unitId: string) {
    const unit = await repo.findUnit(db, unitId);
    if (!unit) throw notFound('Unit');
    return unit;
  }

  /** D22 selection and D8 indices of each month, from every response of the unit in those months. */
  async function computeLive(db: Db, unitId: string, timeZone: string, periods: readonly string[]) {
    const rows = await repo.responsesOfMonths(db, unitId, periods);
    const byMonth = new Map<string, repo.ResponseCandidateRow[]>();
    for (const r of rows) {
      const m = r.local_month as string;
      byMonth.set(m, [...(byMonth.get(m) ?? []), r]);
    }
    const out = new Map<string, LiveMonth>();
    for (const p of periods) {
      const all = (byMonth.get(p) ?? []).sort(
        (a, b) => Date.parse(a.submitted_at) - Date.parse(b.submitted_at) || a.seq_no - b.seq_no,
      );
      // D15: one profile per month, the one the month's first perception response used.
      const first = all.find((r) => hasPerception(shippedProfile(r.profile_code)));
      const profile = first ? (shippedProfile(first.profile_code) as InstrumentProfile) : null;
      const mine = profile ? all.filter((r) => r.profile_code === profile.code) : [];
      const candidates = mine.map((r) => ({
        id: r.id,
        submittedAt: Date.parse(r.submitted_at),
        seqNo: r.seq_no,
        completionPct: r.completion_pct ?? 0,
        valid: r.validity === 'valid',
        answers: JSON.parse(r.answers_json) as Record<string, number | null>,
      }));
      const sel = selectPerMonth(candidates, timeZone).find((s) => s.month === p);
      const selected = sel?.selected ?? [];
      const results: LiveMonth['results'] = {};
      if (profile)
        for (const s of SURVEYS)
          if (profile.instruments[s])
            results[s] = computePerception(
              profile,
              accumulatePerception(
                profile,
                s,
                selected.map((x) => x.answers),
              ),
            );
      out.set(p, {
        profile,
        responses: mine.length,
        eligible: sel?.eligible.length ?? 0,
        eligibleIds: (sel?.eligible ?? []).map((x) => x.id),
        selected: selected.map((x, i) => ({ id: x.id, rank: i + 1 })),
        results,
      });
    }
    return out;
  }

  const liveFigures = (r: PerceptionResult): SurveyFigures => ({
    index: r.index,
    converted: r.converted,
    bandCode: r.band?.code ?? null,
    elements: r.elements.map((e) => ({ code: e.code, index: e.index, converted: e.converted, band: e.band?.code ?? null })),
  });

  function snapshotFigures(row: ResultSnapshotTable): SurveyFigures & { counts: Record<string, number> } {
    const values = JSON.parse(row.values_json) as SnapshotValue[];
    const rat = (v: SnapshotValue | undefined) => (v?.exact ? parseExact(v.exact) : null);
    const byKey = new Map(values.map((v) => [v.key, v]));
    return {
      index: rat(byKey.get('index')),
      converted: rat(byKey.get('converted')),
      bandCode: byKey.get('index')?.class ?? null,
      elements: values
        .filter((v) => v.key.startsWith('e.'))
        .map((v) => {
          const code = v.key.slice(2);
          return { code, index: rat(v), converted: rat(byKey.get(`c.${code}`)), band: v.class ?? null };
        }),
      counts: {
        responses: Number(byKey.get('nResponses')?.exact ?? 0),
        eligible: Number(byKey.get('nEligible')?.exact ?? 0),
        selected: Number(byKey.get('nSelected')?.exact ?? 0),
      },
    };
  }

  /** Latest snapshot version per `period|survey`. */
  async function frozenSnapshots(db: Db, unitId: string, periods: readonly string[]) {
    const latest = new Map<string, ResultSnapshotTable>();
    for (const r of await repo.snapshotsOfUnit(db, unitId, periods)) {
      const survey = r.scope_key.split(':').at(-1) as string;
      latest.set(`${r.period_ref}|${survey}`, r);
    }
    return latest;
  }

  /** Lazy close (DOMAIN 6.8): a stored `open` month whose end has passed in the unit's zone becomes `closed`. */
  async function closeEnded(db: Db, unit: { id: string; time_zone: string }, rows: PerceptionMonthTable[]) {
    const now = nowMs();
    for (const r of rows) {
      const p = period(r.year, r.month);
      if (r.status === 'open' && ended(p, unit.time_zone, now)) {
        const patch = { status: 'closed' as const, closed_at: isoNow(ctx.clock), updated_at: isoNow(ctx.clock) };
        if (await repo.moveMonth(db, r.id, 'open', patch)) {
          Object.assign(r, patch);
          await deps.audit.record(db, {
            unitId: unit.id,
            actor: null,
            entityType: 'perception_month',
            entityId: r.id,
            action: 'closed',
            before: { status: 'open' },
            after: { status: 'closed', period: p },
          });
        }
      }
    }
  }

  async function listYear(actor: Actor, unitId: string, year: number, locale: Locale): Promise<PerceptionYearDto> {
    await perceptionPolicy.assertRead(ctx.db, actor, unitId);
    const unit = await loadUnit(ctx.db, unitId);
    const { graceDays: grace } = await graceDays();
    const periods = Array.from({ length: 12 }, (_, i) => period(year, i + 1));
    // Two months before January feed the first worksheet windows (D23).
    const withPrev = [addMonths(periods[0] as string, -2), addMonths(periods[0] as string, -1), ...periods];
    const rows = await repo.monthsOfUnit(ctx.db, unitId, year);
    await closeEnded(ctx.db, unit, rows);
    const byPeriod = new Map(rows.map((r) => [period(r.year, r.month), r]));
    const live = await computeLive(ctx.db, unitId, unit.time_zone, periods);
    const frozen = await frozenSnapshots(ctx.db, unitId, withPrev);
    // D23 reads frozen full-precision monthly indices only.
    const frozenIndex = (s: PerceptionSurvey) =>
      withPrev.map((p) => {
        const snap = frozen.get(`${p}|${s}`);
        return { month: p, index: snap ? snapshotFigures(snap).index : null };
      });
    // A month without data still shows its worksheet window, under the profile the year's data uses.
    const yearProfile =
      [...live.values()].find((l) => l.profile)?.profile ??
      shippedProfile([...frozen.values()][0]?.profile_code ?? '') ??
      undefined;
    const now = nowMs();
    const months = periods.map((p, i): PerceptionMonthDto => {
      const row = byPeriod.get(p);
      const l = live.get(p) as LiveMonth;
      const status = row?.status ?? (ended(p, unit.time_zone, now) ? 'closed' : 'open');
      const snaps = SURVEYS.map((s) => frozen.get(`${p}|${s}`)).filter((x): x is ResultSnapshotTable => !!x);
      const isFrozen = status === 'frozen' && snaps.length > 0;
      const profile = isFrozen ? shippedProfile(snaps[0]?.profile_code ?? '') : (l.profile ?? yearProfile);
      const counts = isFrozen ? snapshotFigures(snaps[0] as ResultSnapshotTable).counts : l;
      const survey = (s: PerceptionSurvey) => {
        const snap = frozen.get(`${p}|${s}`);
        if (!profile?.instruments[s]) return null;
        const f = isFrozen
          ? snap
            ? snapshotFigures(snap)
            : null
          : liveFigures(l.results[s] ?? computePerception(profile, accumulatePerception(profile, s, [])));
        if (!f) return null;
        const band = profile.perceptionBands.bands.find((b) => b.code === f.bandCode);
        const names = new Map(instrumentElements(profile, s).map((e) => [e.code, e.name]));
        const ws = worksheetValue(frozenIndex(s), p);
        return {
          index: num(locale, f.index),
          converted: num(locale, f.converted),
          band: band ? { code: band.code, label: bandLabel(band, s, locale) } : null,
          elements: f.elements.map((e) => ({
            code: e.code,
            name: names.get(e.code)?.[locale] ?? e.code,
            index: num(locale, e.index),
            converted: num(locale, e.converted),
            band: e.band,
          })),
          worksheet: { value: num(locale, ws.value), monthsUsed: ws.monthsUsed, incomplete: ws.incomplete },
        };
      };
      return {
        period: p,
        year,
        month: i + 1,
        status,
        closedAt: row?.closed_at ?? null,
        frozenAt: row?.frozen_at ?? null,
        frozenBy: row?.frozen_by ?? null,
        freezableFrom: freezableFrom(p, grace),
        canFreeze: status !== 'frozen' && pastGrace(p, unit.time_zone, now, grace),
        profileCode: profile?.code ?? null,
        source: isFrozen ? 'snapshot' : 'live',
        snapshotVersion: isFrozen ? Math.max(...snaps.map((x) => x.version)) : null,
        restated: isFrozen && snaps.some((x) => x.supersedes_id !== null),
        responses: counts.responses,
        eligible: counts.eligible,
        selected: isFrozen ? ((counts as Record<string, number>).selected ?? 0) : l.selected.length,
        spkp: survey('spkp'),
        spak: survey('spak'),
      };
    });
    return {
      unit: { id: unit.id, code: unit.code, name: unit.name, timeZone: unit.time_zone },
      year,
      graceDays: grace,
      months,
    };
  }

  /** The month's row, created on first need with the month's profile. */
  async function monthRow(
    db: Db,
    unit: { id: string; time_zone: string },
    year: number,
    month: number,
    profile: InstrumentProfile,
  ) {
    const now = isoNow(ctx.clock);
    const p = period(year, month);
    await repo.ensureMonth(db, {
      id: newId(),
      unit_id: unit.id,
      year,
      month,
      profile_code: profile.code,
      profile_version: profile.version,
      status: ended(p, unit.time_zone, nowMs()) ? 'closed' : 'open',
      recipients_full_completion: null,
      closed_at: ended(p, unit.time_zone, nowMs()) ? now : null,
      frozen_at: null,
      frozen_by: null,
      created_at: now,
      updated_at: now,
    });
    const row = (await repo.findMonth(db, unit.id, year, month)) as PerceptionMonthTable;
    await closeEnded(db, unit, [row]);
    return row;
  }

  function snapshotRows(
    unit: { id: string; code: string; name: string; time_zone: string },
    p: string,
    l: LiveMonth,
    profile: InstrumentProfile,
    actorId: string,
    version: (survey: PerceptionSurvey) => { version: number; supersedesId: string | null },
    reason: string | null,
  ): Insertable<ResultSnapshotTable>[] {
    const now = isoNow(ctx.clock);
    return SURVEYS.filter((s) => profile.instruments[s]).map((s) => {
      const r = l.results[s] ?? computePerception(profile, accumulatePerception(profile, s, []));
      const values: SnapshotValue[] = [
        ratValue('index', r.index, r.band?.code ?? null),
        ratValue('converted', r.converted),
        ...r.elements.flatMap((e) => [
          ratValue(`e.${e.code}`, e.index, e.band?.code ?? null),
          ratValue(`c.${e.code}`, e.converted),
        ]),
        intValue('nResponses', l.responses),
        intValue('nEligible', l.eligible),
        intValue('nSelected', l.selected.length),
      ];
      const json = JSON.stringify(values);
      const v = version(s);
      return {
        id: newId(),
        kind: repo.SNAPSHOT_KIND,
        scope_key: `unit:${unit.id}:${s}`,
        scope_json: JSON.stringify({
          unitId: unit.id,
          unitCode: unit.code,
          unitName: unit.name,
          timeZone: unit.time_zone,
          survey: s,
        }),
        unit_id: unit.id,
        unit_service_id: null,
        campaign_id: null,
        period_ref: p,
        source: 'computed',
        inputs_hash: createHash('sha256').update(json).digest('hex'),
        algorithm_version: ALGORITHM_VERSION,
        profile_code: profile.code,
        profile_version: profile.version,
        values_json: json,
        version: v.version,
        supersedes_id: v.supersedesId,
        restatement_reason: reason,
        frozen_at: now,
        frozen_by: actorId,
      };
    });
  }

  async function monthDto(actor: Actor, unitId: string, year: number, month: number, locale: Locale) {
    const y = await listYear(actor, unitId, year, locale);
    return y.months[month - 1] as PerceptionMonthDto;
  }

  /** Explicit close: the same rule as the lazy one, refused while the month runs in the unit's zone. */
  async function close(actor: Actor, unitId: string, year: number, month: number, locale: Locale) {
    perceptionPolicy.assertManage(actor);
    await perceptionPolicy.assertRead(ctx.db, actor, unitId);
    const unit = await loadUnit(ctx.db, unitId);
    const p = period(year, month);
    if (!ended(p, unit.time_zone, nowMs())) throw stateError('perception.notEnded', { period: p, timeZone: unit.time_zone });
    await ctx.db.transaction().execute(async (trx) => {
      const live = (await computeLive(trx, unitId, unit.time_zone, [p])).get(p) as LiveMonth;
      await monthRow(trx, unit, year, month, live.profile ?? (shippedProfile(FALLBACK_PROFILE) as InstrumentProfile));
    });
    return monthDto(actor, unitId, year, month, locale);
  }

  /** DOMAIN 6.8: closed + grace period → frozen, with the selection and IPP/IPAK snapshots (version 1). */
  async function freeze(actor: Actor, unitId: string, year: number, month: number, locale: Locale) {
    perceptionPolicy.assertManage(actor);
    await perceptionPolicy.assertRead(ctx.db, actor, unitId);
    const unit = await loadUnit(ctx.db, unitId);
    const p = period(year, month);
    const { graceDays: grace } = await graceDays();
    if (!ended(p, unit.time_zone, nowMs())) throw stateError('perception.notEnded', { period: p, timeZone: unit.time_zone });
    if (!pastGrace(p, unit.time_zone, nowMs(), grace))
      throw stateError('perception.graceNotOver', { period: p, date: freezableFrom(p, grace), days: grace });
    await ctx.db.transaction().execute(async (trx) => {
      const live = (await computeLive(trx, unitId, unit.time_zone, [p])).get(p) as LiveMonth;
      const profile = live.profile ?? (shippedProfile(FALLBACK_PROFILE) as InstrumentProfile);
      const row = await monthRow(trx, unit, year, month, profile);
      if (row.status === 'frozen') throw stateError('perception.alreadyFrozen', { period: p });
      const now = isoNow(ctx.clock);
      if (
        !(await repo.moveMonth(trx, row.id, 'closed', {
          status: 'frozen',
          frozen_at: now,
          frozen_by: actor.userId,
          updated_at: now,
        }))
      )
        throw stateError('perception.alreadyFrozen', { period: p });
      const selectedRank = new Map(live.selected.map((s) => [s.id, s.rank]));
      await repo.insertSelections(
        trx,
        live.eligibleIds.map((id) => ({
          perception_month_id: row.id,
          unit_id: unitId,
          response_id: id,
          eligible: 1,
          selected: selectedRank.has(id) ? 1 : 0,
          rank: selectedRank.get(id) ?? null,
        })),
      );
      const snaps = snapshotRows(unit, p, live, profile, actor.userId, () => ({ version: 1, supersedesId: null }), null);
      await repo.insertSnapshots(trx, snaps);
      await deps.audit.record(trx, {
        unitId,
        actor,
        entityType: 'perception_month',
        entityId: row.id,
        action: 'frozen',
        before: { status: 'closed' },
        after: {
          status: 'frozen',
          period: p,
          profile: profile.code,
          selected: live.selected.length,
          eligible: live.eligible,
          ...Object.fromEntries(SURVEYS.map((s) => [s, live.results[s]?.index?.toFixedTruncated(30) ?? null])),
        },
      });
    });
    return monthDto(actor, unitId, year, month, locale);
  }

  /** D30: a frozen month is never reopened; a correction recomputes into a new snapshot version with a reason. */
  async function restate(actor: Actor, unitId: string, year: number, month: number, reason: string, locale: Locale) {
    perceptionPolicy.assertManage(actor);
    await perceptionPolicy.assertRead(ctx.db, actor, unitId);
    const unit = await loadUnit(ctx.db, unitId);
    const p = period(year, month);
    await ctx.db.transaction().execute(async (trx) => {
      const row = await repo.findMonth(trx, unitId, year, month);
      if (row?.status !== 'frozen') throw stateError('perception.restate.notFrozen', { period: p });
      const profile = shippedProfile(row.profile_code) as InstrumentProfile;
      const live = (await computeLive(trx, unitId, unit.time_zone, [p])).get(p) as LiveMonth;
      if (live.profile && live.profile.code !== profile.code) throw stateError('perception.restate.profile', { period: p });
      const previous = await frozenSnapshots(trx, unitId, [p]);
      const snaps = snapshotRows(
        unit,
        p,
        live,
        profile,
        actor.userId,
        (s) => {
          const prev = previous.get(`${p}|${s}`);
          return { version: (prev?.version ?? 0) + 1, supersedesId: prev?.id ?? null };
        },
        reason,
      );
      await repo.insertSnapshots(trx, snaps);
      await deps.audit.record(trx, {
        unitId,
        actor,
        entityType: 'perception_month',
        entityId: row.id,
        action: 'restate',
        before: Object.fromEntries(
          SURVEYS.map((s) => {
            const prev = previous.get(`${p}|${s}`);
            return [s, prev ? { version: prev.version, index: snapshotFigures(prev).index?.toFixedTruncated(30) ?? null } : null];
          }),
        ),
        after: {
          period: p,
          ...Object.fromEntries(SURVEYS.map((s) => [s, { index: live.results[s]?.index?.toFixedTruncated(30) ?? null }])),
        },
        reason,
      });
    });
    return monthDto(actor, unitId, year, month, locale);
  }

  async function readGrace(actor: Actor) {
    perceptionPolicy.assertReadSettings(actor);
    return graceDays();
  }

  async function setGrace(actor: Actor, days: number) {
    perceptionPolicy.assertManage(actor);
    await ctx.db.transaction().execute(async (trx) => {
      const before = await graceDays(trx);
      await repo.writeSetting(trx, repo.GRACE_SETTING, String(days), isoNow(ctx.clock));
      await deps.audit.record(trx, {
        unitId: null,
        actor,
        entityType: 'app_setting',
        entityId: repo.GRACE_SETTING,
        action: 'update',
        before: { graceDays: before.graceDays },
        after: { graceDays: days },
      });
    });
    return graceDays();
  }

  return { listYear, close, freeze, restate, readGrace, setGrace, graceDays };
}

export type PerceptionService = ReturnType<typeof createPerceptionService>;
