import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { ResultSnapshotTable, SkmCampaignTable } from '../../db/schema.ts';
import { localMonth } from '../../domain/core/instant.ts';
import { Rational } from '../../domain/core/rational.ts';
import { accumulatePerception, bandLabel, computePerception, type PerceptionSurvey } from '../../domain/perception/perception.ts';
import { addMonths, selectPerMonth, worksheetValue } from '../../domain/perception/selection.ts';
import { type InstrumentProfile, instrumentElements } from '../../domain/profiles/profile.ts';
import { shippedProfile } from '../../domain/profiles/shipped-profiles.ts';
import { type RespondentFacts, respondentProfile } from '../../domain/skm/respondent-profile.ts';
import { emptyTally, mergeTallies, type SkmTally } from '../../domain/skm/tally.ts';
import { AppError, AppErrorCode, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { maskInstitution, maskName, maskPhone } from '../../shared/crypto/masking.ts';
import { createPersonalDataCrypto, normaliseName } from '../../shared/crypto/personal-data.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import * as perceptionRepo from '../perception/perception.repository.ts';
import { readTally } from '../responses/counted-window.ts';
import type { ServiceContext } from '../service-context.ts';
import * as campaignRepo from '../surveys/campaign.repository.ts';
import { type ResponseRowView, writeResponsesXlsx } from './results.export.ts';
import {
  ALGORITHM_VERSION,
  ciDto,
  figuresFromTally,
  figuresFromValues,
  figuresToValues,
  gradeDto,
  inputsHash,
  num,
  PROFILE_DIMS,
  type ScopeCounts,
  type ScopeFigures,
  type SnapshotValue,
} from './results.figures.ts';
import { resultsPolicy } from './results.policy.ts';
import * as repo from './results.repository.ts';
import type { ResponsesQuery } from './results.schema.ts';

type CampaignUnit = Awaited<ReturnType<typeof campaignRepo.campaignUnits>>[number];
type TargetRow = Awaited<ReturnType<typeof campaignRepo.targets>>[number];

/** A scope computed live or read from a snapshot, before it is shaped for JSON. */
interface ServiceScope {
  unitServiceId: string;
  serviceName: string;
  figures: ScopeFigures;
  snapshotId?: string;
}
interface UnitScope {
  unit: { id: string; code: string; name: string; timeZone: string };
  figures: ScopeFigures;
  services: ServiceScope[];
  snapshotId?: string;
}

const CACHE_LIMIT = 500;
const RESTATED_NOTE = { id: 'dikoreksi pada laporan berikutnya', en: 'corrected in a later report' } as const;

export function createResultsService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const crypto = createPersonalDataCrypto(ctx.config.secretKey ?? '');
  /** Live results keyed by scope, reused while the fingerprint of their inputs is unchanged. */
  const cache = new Map<string, { fingerprint: string; value: unknown }>();

  const profileOf = (c: SkmCampaignTable): InstrumentProfile => {
    const p = shippedProfile(c.profile_code);
    if (!p || p.version !== c.profile_version) throw new Error(`Unknown profile ${c.profile_code} v${c.profile_version}`);
    return p;
  };

  /** IKM results need an SKM instrument (a standalone SPKP/SPAK campaign has only perception results). */
  const skmProfileOf = (c: SkmCampaignTable): InstrumentProfile => {
    const p = profileOf(c);
    if (!p.instruments.skm)
      throw new AppError(AppErrorCode.INVALID_STATE, t('id', 'results.noSkm'), { messageKey: 'results.noSkm' });
    return p;
  };

  /** The campaign if the actor sees at least one of its units (404 otherwise, like the campaign pages). */
  async function visibleCampaign(actor: Actor, campaignId: string) {
    const c = await campaignRepo.findCampaign(ctx.db, campaignId);
    if (!c) throw notFound('Kampanye survei');
    const scope = await resultsPolicy.scope(ctx.db, actor);
    const units = await campaignRepo.campaignUnits(ctx.db, campaignId);
    const visibleUnits = scope.all ? units : units.filter((u) => scope.unitIds.has(u.id));
    if (!visibleUnits.length) throw notFound('Kampanye survei');
    return { campaign: c, units, visibleUnits, scope };
  }

  async function visibleUnit(actor: Actor, campaignId: string, unitId: string) {
    const v = await visibleCampaign(actor, campaignId);
    const unit = v.units.find((u) => u.id === unitId);
    resultsPolicy.assertUnitVisible(v.scope, unitId);
    if (!unit) throw notFound('Unit');
    return { ...v, unit };
  }

  const sumCounts = (rows: readonly ScopeCounts[]): ScopeCounts =>
    rows.reduce(
      (a, r) => ({
        target: a.target + r.target,
        submitted: a.submitted + r.submitted,
        valid: a.valid + r.valid,
        counted: a.counted + r.counted,
      }),
      { target: 0, submitted: 0, valid: 0, counted: 0 },
    );
  const countsOf = (r: TargetRow): ScopeCounts => ({
    target: r.target,
    submitted: r.n_submitted,
    valid: r.n_valid,
    counted: r.n_counted,
  });
  const unitView = (u: CampaignUnit) => ({ id: u.id, code: u.code, name: u.name, timeZone: u.time_zone });

  /** DOMAIN 5.9 over the counted responses of a unit (grouped in SQL, expanded for the domain function). */
  async function unitRespondentProfile(db: Db, profile: InstrumentProfile, campaignId: string, unitId: string) {
    const groups = await repo.countedProfileGroups(db, campaignId, unitId);
    const facts: RespondentFacts[] = [];
    for (const g of groups) {
      const f: RespondentFacts = { sex: g.sex, education: g.education, occupation: g.occupation, age: g.age };
      for (let i = Number(g.n); i > 0; i--) facts.push(f);
    }
    return respondentProfile(profile, facts);
  }

  /** Live figures of one unit: one stored tally per service, pooled by merging tallies (D4). */
  async function computeUnit(
    db: Db,
    c: SkmCampaignTable,
    unit: CampaignUnit,
    targets: readonly TargetRow[],
    withProfile: boolean,
  ): Promise<UnitScope> {
    const profile = profileOf(c);
    const services: ServiceScope[] = [];
    const tallies: SkmTally[] = [];
    for (const row of targets) {
      const tally = await readTally(db, c.id, { unitId: unit.id, unitServiceIds: [row.unit_service_id] });
      tallies.push(tally);
      services.push({
        unitServiceId: row.unit_service_id,
        serviceName: row.service_name,
        figures: figuresFromTally(profile, tally, countsOf(row)),
      });
    }
    const pooled = tallies.length ? mergeTallies(tallies[0] as SkmTally, ...tallies.slice(1)) : emptyTally(profile);
    const rp = withProfile ? await unitRespondentProfile(db, profile, c.id, unit.id) : null;
    return {
      unit: unitView(unit),
      services,
      figures: figuresFromTally(profile, pooled, sumCounts(targets.map(countsOf)), rp),
    };
  }

  /** Live figures of every unit and of BPOM (pooled over all units, never a mean of unit indices). */
  async function computeCampaign(db: Db, c: SkmCampaignTable, withServices: boolean) {
    const profile = profileOf(c);
    const [units, targets] = await Promise.all([campaignRepo.campaignUnits(db, c.id), campaignRepo.targets(db, c.id)]);
    const byUnit = new Map<string, TargetRow[]>();
    for (const r of targets) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
    const out: UnitScope[] = [];
    const tallies: SkmTally[] = [];
    for (const u of units) {
      const rows = byUnit.get(u.id) ?? [];
      if (withServices) {
        const scope = await computeUnit(db, c, u, rows, true);
        out.push(scope);
        continue;
      }
      const tally = await readTally(db, c.id, { unitId: u.id });
      tallies.push(tally);
      out.push({ unit: unitView(u), services: [], figures: figuresFromTally(profile, tally, sumCounts(rows.map(countsOf))) });
    }
    if (withServices) {
      // Pool from the stored tallies once more per unit: merging per-service tallies equals the unit tally.
      for (const u of units) tallies.push(await readTally(db, c.id, { unitId: u.id }));
    }
    const pooled = tallies.length ? mergeTallies(tallies[0] as SkmTally, ...tallies.slice(1)) : emptyTally(profile);
    const agency = figuresFromTally(profile, pooled, sumCounts(targets.map(countsOf)));
    return { units: out, agency };
  }

  // ---- JSON shapes ----

  function scopeDto(profile: InstrumentProfile, f: ScopeFigures, locale: Locale) {
    const names = new Map(instrumentElements(profile, 'skm').map((e) => [e.code, e.name]));
    const { target, submitted, valid, counted } = f.counts;
    return {
      target,
      submitted,
      valid,
      counted,
      // D5: shortfall = max(0, target − valid); progress = valid against the target.
      shortfall: Math.max(0, target - valid),
      progressPct: num(locale, target > 0 ? Rational.of(valid * 100, target) : null),
      respondents: f.respondents,
      ikm: num(locale, f.ikm),
      weightedSum: num(locale, f.weightedSum),
      grade: gradeDto(profile, f.gradeCode, locale),
      ci95: ciDto(locale, f.ci95),
      elements: f.elements.map((e) => ({
        code: e.code,
        name: names.get(e.code)?.[locale] ?? e.code,
        nrr: num(locale, e.nrr),
        value: num(locale, e.value),
        grade: gradeDto(profile, e.gradeCode, locale),
      })),
    };
  }

  function profileDto(profile: InstrumentProfile, f: ScopeFigures, locale: Locale) {
    if (!f.profile) return null;
    const labels: Record<string, Map<string, string>> = {};
    const field = (code: string) => profile.respondentFields.find((x) => x.code === code)?.options ?? [];
    for (const d of ['sex', 'education', 'occupation'] as const)
      labels[d] = new Map(field(d).map((o) => [o.code, o.label[locale]]));
    labels.ageBand = new Map(profile.ageBands.map((b) => [b.code, b.label[locale]]));
    const notGiven = locale === 'en' ? 'Not given' : 'Tidak diisi';
    const out: Record<string, unknown> = { respondents: f.profile.respondents };
    for (const d of PROFILE_DIMS) {
      out[d] = f.profile.dims[d].map((r) => ({
        code: r.code,
        label: labels[d]?.get(r.code) ?? (r.code === 'not_given' ? notGiven : r.code),
        count: r.count,
        pct: num(locale, r.pct),
      }));
    }
    return out as {
      respondents: number;
      sex: ProfileRowDto[];
      education: ProfileRowDto[];
      occupation: ProfileRowDto[];
      ageBand: ProfileRowDto[];
    };
  }

  const campaignHead = (c: SkmCampaignTable) => ({
    id: c.id,
    name: c.name,
    year: c.year,
    status: c.status,
    profileCode: c.profile_code,
    profileVersion: c.profile_version,
    isDemo: c.is_demo === 1,
  });

  // ---- Frozen reads ----

  async function frozenCampaign(db: Db, c: SkmCampaignTable, unitId?: string) {
    const rows = await repo.latestSnapshots(db, c.id, unitId);
    if (!rows.length) return null;
    const values = (r: ResultSnapshotTable) => figuresFromValues(JSON.parse(r.values_json) as SnapshotValue[]);
    const scopeOf = (r: ResultSnapshotTable) => JSON.parse(r.scope_json) as SnapshotScope;
    const agencyRow = rows.find((r) => r.kind === repo.SNAPSHOT_KINDS.agency);
    const units: UnitScope[] = rows
      .filter((r) => r.kind === repo.SNAPSHOT_KINDS.unit)
      .map((r) => {
        const s = scopeOf(r);
        return {
          unit: { id: s.unitId as string, code: s.unitCode ?? '', name: s.unitName ?? '', timeZone: s.timeZone ?? '' },
          figures: values(r),
          snapshotId: r.id,
          services: rows
            .filter((x) => x.kind === repo.SNAPSHOT_KINDS.service && x.unit_id === r.unit_id)
            .map((x) => ({ x, order: scopeOf(x).order ?? 0 }))
            .sort((a, b) => a.order - b.order)
            .map(({ x }) => ({
              unitServiceId: x.unit_service_id as string,
              serviceName: scopeOf(x).serviceName ?? '',
              figures: values(x),
              snapshotId: x.id,
            })),
        };
      })
      .sort((a, b) => a.unit.name.localeCompare(b.unit.name));
    const version = Math.max(...rows.map((r) => r.version));
    return {
      agency: agencyRow ? values(agencyRow) : null,
      units,
      version,
      restated: rows.some((r) => r.supersedes_id !== null),
      etag: createHash('sha256')
        .update(
          rows
            .map((r) => r.id)
            .sort()
            .join(','),
        )
        .digest('base64url')
        .slice(0, 27),
    };
  }

  // ---- Public operations ----

  const FROZEN_STATUSES = ['closed'];

  /** ETag of the unit results, and the body unless `ifNoneMatch` still matches. */
  async function unitResults(actor: Actor, campaignId: string, unitId: string, locale: Locale, ifNoneMatch?: string) {
    const { campaign: c, unit } = await visibleUnit(actor, campaignId, unitId);
    const profile = skmProfileOf(c);
    if (FROZEN_STATUSES.includes(c.status)) {
      const frozen = await frozenCampaign(ctx.db, c, unitId);
      const u = frozen?.units.find((x) => x.unit.id === unitId);
      if (frozen && u) {
        const etag = `W/"s-${frozen.etag}-${locale}"`;
        if (ifNoneMatch === etag) return { etag, body: null };
        return { etag, body: unitBody(profile, c, u, locale, { source: 'snapshot' as const, version: frozen.version }) };
      }
    }
    const fingerprint = await repo.liveFingerprint(ctx.db, campaignId, unitId);
    const etag = `W/"l-${createHash('sha256').update(`${fingerprint}|${unitId}|${locale}`).digest('base64url').slice(0, 27)}"`;
    if (ifNoneMatch === etag) return { etag, body: null };
    const key = `unit|${campaignId}|${unitId}|${locale}`;
    const hit = cache.get(key);
    if (hit && hit.fingerprint === fingerprint) return { etag, body: hit.value as ReturnType<typeof unitBody> };
    const targets = await campaignRepo.targets(ctx.db, campaignId, [unitId]);
    const scope = await computeUnit(ctx.db, c, unit, targets, true);
    const body = unitBody(profile, c, scope, locale, { source: 'live' as const, version: null });
    remember(key, fingerprint, body);
    return { etag, body };
  }

  function unitBody(
    profile: InstrumentProfile,
    c: SkmCampaignTable,
    u: UnitScope,
    locale: Locale,
    src: { source: 'live' | 'snapshot'; version: number | null },
  ) {
    return {
      campaign: campaignHead(c),
      unit: u.unit,
      source: src.source,
      snapshotVersion: src.version,
      elements: instrumentElements(profile, 'skm').map((e) => ({ code: e.code, name: e.name[locale] })),
      total: scopeDto(profile, u.figures, locale),
      services: u.services.map((s) => ({
        unitServiceId: s.unitServiceId,
        serviceName: s.serviceName,
        ...scopeDto(profile, s.figures, locale),
      })),
      respondentProfile: profileDto(profile, u.figures, locale),
      generatedAt: isoNow(ctx.clock),
    };
  }

  async function campaignResults(actor: Actor, campaignId: string, locale: Locale, ifNoneMatch?: string) {
    const { campaign: c, scope } = await visibleCampaign(actor, campaignId);
    const profile = skmProfileOf(c);
    const scopeTag = scope.all ? 'all' : [...scope.unitIds].sort().join(',');
    const filterUnits = (units: UnitScope[]) => (scope.all ? units : units.filter((u) => scope.unitIds.has(u.unit.id)));
    const body = (agency: ScopeFigures, units: UnitScope[], src: { source: 'live' | 'snapshot'; version: number | null }) => ({
      campaign: campaignHead(c),
      source: src.source,
      snapshotVersion: src.version,
      elements: instrumentElements(profile, 'skm').map((e) => ({ code: e.code, name: e.name[locale] })),
      bpom: scopeDto(profile, agency, locale),
      units: filterUnits(units).map((u) => ({
        unitId: u.unit.id,
        code: u.unit.code,
        name: u.unit.name,
        ...scopeDto(profile, u.figures, locale),
      })),
      generatedAt: isoNow(ctx.clock),
    });
    if (FROZEN_STATUSES.includes(c.status)) {
      const frozen = await frozenCampaign(ctx.db, c);
      if (frozen?.agency) {
        const etag = `W/"s-${frozen.etag}-${locale}-${hashShort(scopeTag)}"`;
        if (ifNoneMatch === etag) return { etag, body: null };
        return { etag, body: body(frozen.agency, frozen.units, { source: 'snapshot', version: frozen.version }) };
      }
    }
    const fingerprint = await repo.liveFingerprint(ctx.db, campaignId, null);
    const etag = `W/"l-${hashShort(`${fingerprint}|${locale}|${scopeTag}`)}"`;
    if (ifNoneMatch === etag) return { etag, body: null };
    const key = `campaign|${campaignId}`;
    let hit = cache.get(key) as { fingerprint: string; value: Awaited<ReturnType<typeof computeCampaign>> } | undefined;
    if (!hit || hit.fingerprint !== fingerprint) {
      hit = { fingerprint, value: await computeCampaign(ctx.db, c, false) };
      remember(key, fingerprint, hit.value);
    }
    return { etag, body: body(hit.value.agency, hit.value.units, { source: 'live', version: null }) };
  }

  function remember(key: string, fingerprint: string, value: unknown) {
    cache.delete(key);
    cache.set(key, { fingerprint, value });
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }

  /** SPKP and SPAK per month (DOMAIN 6.4-6.6): first 30 eligible per month in the unit's time zone. */
  async function perception(
    actor: Actor,
    campaignId: string,
    unitId: string,
    range: { from?: string; to?: string },
    locale: Locale,
  ) {
    const { campaign: c, unit } = await visibleUnit(actor, campaignId, unitId);
    const profile = profileOf(c);
    const surveys = (['spkp', 'spak'] as const).filter((s) => profile.instruments[s]);
    const nowMonth = localMonth(ctx.clock.now().getTime(), unit.time_zone);
    const endMonth = c.effective_end.slice(0, 7);
    const from = range.from ?? c.collection_start.slice(0, 7);
    const to = range.to ?? (nowMonth < endMonth ? nowMonth : endMonth);
    if (to < from) {
      const message = locale === 'en' ? '"to" must not be before "from"' : 'Bulan akhir tidak boleh sebelum bulan awal';
      throw new AppError(AppErrorCode.VALIDATION, message, {
        messageKey: 'error.validation',
        fields: [{ field: 'query.to', message }],
      });
    }
    const months: string[] = [];
    for (let m = from; m <= to && months.length < 36; m = addMonths(m, 1)) months.push(m);
    if (!surveys.length) return { campaignId, unitId, timeZone: unit.time_zone, available: false, surveys: [], months: [] };
    // Two months before `from` feed the first worksheet windows (D23).
    const rows = await repo.perceptionCandidates(ctx.db, campaignId, unitId, addMonths(from, -2), to);
    const candidates = rows.map((r) => ({
      submittedAt: Date.parse(r.submitted_at),
      seqNo: r.seq_no,
      completionPct: r.completion_pct ?? 0,
      valid: r.validity === 'valid',
      answers: JSON.parse(r.answers_json) as Record<string, number | null>,
    }));
    const selections = new Map(selectPerMonth(candidates, unit.time_zone).map((s) => [s.month, s]));
    const allMonths = [addMonths(from, -2), addMonths(from, -1), ...months];
    // DOMAIN 6.8: a month the inspectorate froze is read from its snapshot (newest version), so the
    // dashboard and the monthly report no longer move with later cleansing; other months are live.
    const frozen = await frozenPerceptionMonths(unitId, allMonths);
    type Figures = {
      index: Rational | null;
      converted: Rational | null;
      band: { code: string; label: string } | null;
      elements: { code: string; name: string; index: Rational | null; converted: Rational | null; band: string | null }[];
    };
    const perSurvey = new Map<PerceptionSurvey, { month: string; index: Rational | null; figures: Figures }[]>();
    for (const s of surveys) {
      const names = new Map(instrumentElements(profile, s).map((e) => [e.code, e.name[locale]]));
      perSurvey.set(
        s,
        allMonths.map((m) => {
          const snap = frozen.get(m)?.surveys.get(s);
          if (snap) {
            const band = profile.perceptionBands.bands.find((b) => b.code === snap.bandCode);
            const figures: Figures = {
              index: snap.index,
              converted: snap.converted,
              band: band ? { code: band.code, label: bandLabel(band, s, locale) } : null,
              elements: snap.elements.map((e) => ({ ...e, name: names.get(e.code) ?? e.code })),
            };
            return { month: m, index: snap.index, figures };
          }
          const selected = selections.get(m)?.selected ?? [];
          const r = computePerception(
            profile,
            accumulatePerception(
              profile,
              s,
              selected.map((x) => x.answers),
            ),
          );
          const figures: Figures = {
            index: r.index,
            converted: r.converted,
            band: r.band ? { code: r.band.code, label: (locale === 'en' ? r.labelEn : r.label) ?? r.band.label } : null,
            elements: r.elements.map((e) => ({
              code: e.code,
              name: e.name[locale],
              index: e.index,
              converted: e.converted,
              band: e.band?.code ?? null,
            })),
          };
          return { month: m, index: r.index, figures };
        }),
      );
    }
    return {
      campaignId,
      unitId,
      timeZone: unit.time_zone,
      available: true,
      surveys,
      months: months.map((m) => {
        const sel = selections.get(m);
        const counts = frozen.get(m)?.counts ?? {
          responses: sel?.responses.length ?? 0,
          eligible: sel?.eligible.length ?? 0,
          selected: sel?.selected.length ?? 0,
        };
        return {
          month: m,
          ...counts,
          ...Object.fromEntries(
            surveys.map((s) => {
              const monthly = perSurvey.get(s) ?? [];
              const f = monthly.find((x) => x.month === m)?.figures;
              const ws = worksheetValue(monthly, m);
              return [
                s,
                {
                  index: num(locale, f?.index ?? null),
                  converted: num(locale, f?.converted ?? null),
                  band: f?.band ?? null,
                  elements: (f?.elements ?? []).map((e) => ({
                    code: e.code,
                    name: e.name,
                    index: num(locale, e.index),
                    converted: num(locale, e.converted),
                    band: e.band,
                  })),
                  worksheet: { value: num(locale, ws.value), monthsUsed: ws.monthsUsed, incomplete: ws.incomplete },
                },
              ];
            }),
          ),
        };
      }),
    };
  }

  /** Frozen SPKP/SPAK months of the unit among `months`, with the newest snapshot of each survey. */
  async function frozenPerceptionMonths(unitId: string, months: readonly string[]) {
    const wanted = new Set(months);
    const frozenPeriods: string[] = [];
    for (const year of new Set(months.map((m) => Number(m.slice(0, 4))))) {
      for (const r of await perceptionRepo.monthsOfUnit(ctx.db, unitId, year)) {
        const p = `${r.year}-${String(r.month).padStart(2, '0')}`;
        if (r.status === 'frozen' && wanted.has(p)) frozenPeriods.push(p);
      }
    }
    const exact = (v: { exact?: string | null } | undefined) => {
      if (!v?.exact) return null;
      const [n, d] = v.exact.split('/');
      return Rational.of(BigInt(n as string), BigInt(d ?? '1'));
    };
    const out = new Map<
      string,
      {
        counts: { responses: number; eligible: number; selected: number };
        surveys: Map<
          string,
          {
            index: Rational | null;
            converted: Rational | null;
            bandCode: string | null;
            elements: { code: string; index: Rational | null; converted: Rational | null; band: string | null }[];
          }
        >;
      }
    >();
    // Ordered by period then version: the newest version (a restatement, D30) wins.
    for (const row of await perceptionRepo.snapshotsOfUnit(ctx.db, unitId, frozenPeriods)) {
      const values = JSON.parse(row.values_json) as { key: string; exact?: string | null; class?: string | null }[];
      const byKey = new Map(values.map((v) => [v.key, v]));
      const month = out.get(row.period_ref) ?? {
        counts: {
          responses: Number(byKey.get('nResponses')?.exact ?? 0),
          eligible: Number(byKey.get('nEligible')?.exact ?? 0),
          selected: Number(byKey.get('nSelected')?.exact ?? 0),
        },
        surveys: new Map(),
      };
      month.surveys.set(row.scope_key.split(':').at(-1) as string, {
        index: exact(byKey.get('index')),
        converted: exact(byKey.get('converted')),
        bandCode: byKey.get('index')?.class ?? null,
        elements: values
          .filter((v) => v.key.startsWith('e.'))
          .map((v) => ({
            code: v.key.slice(2),
            index: exact(v),
            converted: exact(byKey.get(`c.${v.key.slice(2)}`)),
            band: v.class ?? null,
          })),
      });
      out.set(row.period_ref, month);
    }
    return out;
  }

  // ---- Responses: list and export ----

  function personalView(r: repo.ResponseRow, clear: boolean) {
    const dec = (v: string | null, col: PersonalColumn) => {
      if (v === null) return null;
      try {
        return crypto.decrypt(v, col);
      } catch {
        return null;
      }
    };
    const name = dec(r.full_name_enc, 'full_name');
    const phone = dec(r.phone_enc, 'phone');
    const institution = dec(r.institution_enc, 'institution');
    if (clear) return { fullName: name, phone, institution };
    return { fullName: maskName(name), phone: maskPhone(phone), institution: maskInstitution(institution) };
  }

  function rowView(r: repo.ResponseRow, clear: boolean): ResponseRowView {
    return {
      id: r.id,
      seqNo: r.seq_no,
      submittedAt: r.submitted_at,
      channel: r.channel,
      unitServiceId: r.unit_service_id,
      serviceName: r.service_name,
      ...personalView(r, clear),
      age: r.age,
      sex: r.sex,
      education: r.education,
      occupation: r.occupation,
      completionPct: r.completion_pct,
      suggestion: r.suggestion,
      answers: JSON.parse(r.answers_json) as Record<string, number>,
      validity: r.validity,
      counted: Number(r.counted) === 1,
      duplicateHint: r.duplicate_hint,
      isDemo: Number(r.is_demo) === 1,
      personalMasked: !clear,
    };
  }

  async function responseFilter(actor: Actor, campaignId: string, unitId: string, q: ResponsesQuery) {
    const { campaign } = await visibleUnit(actor, campaignId, unitId);
    const clear = resultsPolicy.mayReadPersonal(actor, unitId);
    const f: repo.ResponseFilter = { campaignId, unitId, unitServiceId: q.serviceId, validity: q.validity };
    const text = q.q?.trim();
    if (text) {
      if (/^\d+$/.test(text)) f.seqNo = Number(text);
      f.serviceText = text;
      // Names are searchable only by roles that may read them: a masked reader cannot probe for a name.
      if (clear) {
        f.nameBidx = crypto.nameIndex(text) ?? undefined;
        const needle = normaliseName(text);
        if (needle) {
          const ids: string[] = [];
          for (const r of await repo.encryptedNames(ctx.db, {
            campaignId,
            unitId,
            unitServiceId: q.serviceId,
            validity: q.validity,
          })) {
            try {
              if (normaliseName(crypto.decrypt(r.full_name_enc as string, 'full_name'))?.includes(needle)) ids.push(r.id);
            } catch {
              // an undecryptable value matches nothing
            }
          }
          f.ids = ids;
        }
      }
    }
    return { campaign, f, clear };
  }

  async function listResponses(actor: Actor, campaignId: string, unitId: string, q: ResponsesQuery) {
    const { f, clear } = await responseFilter(actor, campaignId, unitId, q);
    const { rows, total } = await repo.listResponses(ctx.db, f, q.page, q.pageSize);
    return { items: rows.map((r) => rowView(r, clear)), total, page: q.page, pageSize: q.pageSize, personalMasked: !clear };
  }

  async function exportResponses(actor: Actor, campaignId: string, unitId: string, q: ResponsesQuery, locale: Locale) {
    const { campaign, f, clear } = await responseFilter(actor, campaignId, unitId, q);
    const profile = profileOf(campaign);
    const unit = (await campaignRepo.campaignUnits(ctx.db, campaignId)).find((u) => u.id === unitId);
    const batches = async function* () {
      let after = 0;
      for (;;) {
        const rows = await repo.responseBatch(ctx.db, f, after, 2000);
        if (!rows.length) return;
        yield rows.map((r) => rowView(r, clear));
        after = (rows.at(-1) as repo.ResponseRow).seq_no;
      }
    };
    const buffer = await writeResponsesXlsx({
      profile,
      locale,
      title: `${campaign.name} – ${unit?.name ?? unitId}`,
      masked: !clear,
      batches: batches(),
    });
    const safe = `${unit?.code ?? unitId}-${campaign.year}`.replace(/[^\w.-]+/g, '_');
    return { buffer, filename: `responden-${safe}.xlsx` };
  }

  // ---- Freezing and restatement (DOMAIN 4.6, 5.10, D4, D30) ----

  async function snapshotRows(trx: Db, c: SkmCampaignTable, actorId: string | null, version: number) {
    const profile = profileOf(c);
    const live = await computeCampaign(trx, c, true);
    const now = isoNow(ctx.clock);
    const base = {
      campaign_id: c.id,
      period_ref: repo.campaignPeriodRef(c.id),
      source: 'computed' as const,
      algorithm_version: ALGORITHM_VERSION,
      profile_code: profile.code,
      profile_version: profile.version,
      version,
      supersedes_id: null as string | null,
      restatement_reason: null as string | null,
      frozen_at: now,
      frozen_by: actorId,
    };
    const row = (kind: string, scopeKey: string, scope: SnapshotScope, f: ScopeFigures): Insertable<ResultSnapshotTable> => ({
      ...base,
      id: newId(),
      kind,
      scope_key: scopeKey,
      scope_json: JSON.stringify(scope),
      unit_id: scope.unitId ?? null,
      unit_service_id: scope.unitServiceId ?? null,
      inputs_hash: inputsHash(f),
      values_json: JSON.stringify(figuresToValues(f)),
    });
    const rows: Insertable<ResultSnapshotTable>[] = [
      row(repo.SNAPSHOT_KINDS.agency, 'agency', { campaignId: c.id, year: c.year }, live.agency),
    ];
    for (const u of live.units) {
      const unitScope = {
        campaignId: c.id,
        year: c.year,
        unitId: u.unit.id,
        unitCode: u.unit.code,
        unitName: u.unit.name,
        timeZone: u.unit.timeZone,
      };
      rows.push(row(repo.SNAPSHOT_KINDS.unit, `unit:${u.unit.id}`, unitScope, u.figures));
      for (const [i, s] of u.services.entries()) {
        const scope = { ...unitScope, unitServiceId: s.unitServiceId, serviceName: s.serviceName, order: i };
        rows.push(row(repo.SNAPSHOT_KINDS.service, `service:${s.unitServiceId}`, scope, s.figures));
      }
    }
    return { rows, agency: live.agency };
  }

  /** Called inside the `closed` transition's transaction: version 1 of every scope (idempotent). */
  async function freezeSnapshots(trx: Db, campaignId: string, actor: Actor | null): Promise<number> {
    const c = await campaignRepo.findCampaign(trx, campaignId);
    if (!c) throw notFound('Kampanye survei');
    if (!profileOf(c).instruments.skm || (await repo.maxSnapshotVersion(trx, campaignId)) > 0) return 0;
    const { rows, agency } = await snapshotRows(trx, c, actor?.userId ?? null, 1);
    await repo.insertSnapshots(trx, rows);
    await deps.audit.record(trx, {
      unitId: null,
      actor,
      entityType: 'skm_campaign',
      entityId: campaignId,
      action: 'results_frozen',
      after: {
        version: 1,
        snapshots: rows.length,
        nCounted: agency.counts.counted,
        ikm: agency.ikm?.toFixedTruncated(30) ?? null,
      },
    });
    return rows.length;
  }

  /** D30: recompute from the current data into a new version of every scope; old versions stay. */
  async function restate(actor: Actor, campaignId: string, reason: string, locale: Locale) {
    resultsPolicy.assertRestate(actor);
    await visibleCampaign(actor, campaignId);
    const result = await ctx.db.transaction().execute(async (trx) => {
      const c = await campaignRepo.findCampaignForUpdate(trx, ctx.engine, campaignId);
      if (!c) throw notFound('Kampanye survei');
      skmProfileOf(c);
      if (c.status !== 'closed') {
        throw new AppError(AppErrorCode.INVALID_STATE, t('id', 'results.restate.notClosed'), {
          messageKey: 'results.restate.notClosed',
        });
      }
      const previous = await repo.latestSnapshots(trx, campaignId);
      const version = (await repo.maxSnapshotVersion(trx, campaignId)) + 1;
      const { rows, agency } = await snapshotRows(trx, c, actor.userId, version);
      const prevByScope = new Map(previous.map((p) => [`${p.kind}|${p.scope_key}`, p]));
      for (const r of rows) {
        r.supersedes_id = prevByScope.get(`${r.kind}|${r.scope_key}`)?.id ?? null;
        r.restatement_reason = reason;
      }
      await repo.insertSnapshots(trx, rows);
      const prevAgency = previous.find((p) => p.kind === repo.SNAPSHOT_KINDS.agency);
      const prevIkm = prevAgency
        ? ((JSON.parse(prevAgency.values_json) as SnapshotValue[]).find((v) => v.key === 'IKM')?.published ?? null)
        : null;
      const changed = rows.filter((r) => r.inputs_hash !== prevByScope.get(`${r.kind}|${r.scope_key}`)?.inputs_hash).length;
      await deps.audit.record(trx, {
        unitId: null,
        actor,
        entityType: 'skm_campaign',
        entityId: campaignId,
        action: 'restate',
        before: { version: version - 1, ikm: prevIkm },
        after: {
          version,
          ikm: agency.ikm ? agency.ikm.toFixedTruncated(30) : null,
          snapshots: rows.length,
          changedScopes: changed,
        },
        reason,
      });
      return { version, snapshots: rows.length, changedScopes: changed };
    });
    return { campaignId, ...result, reason, note: RESTATED_NOTE[locale] };
  }

  async function listSnapshots(actor: Actor, campaignId: string, locale: Locale) {
    const { scope } = await visibleCampaign(actor, campaignId);
    const rows = await repo.snapshotsOfCampaign(ctx.db, campaignId);
    const supersededBy = new Map(rows.filter((r) => r.supersedes_id).map((r) => [r.supersedes_id as string, r.id]));
    const items = rows
      .filter((r) => r.kind === repo.SNAPSHOT_KINDS.agency || scope.all || (r.unit_id !== null && scope.unitIds.has(r.unit_id)))
      .map((r) => {
        const values = JSON.parse(r.values_json) as SnapshotValue[];
        const ikm = values.find((v) => v.key === 'IKM');
        const s = JSON.parse(r.scope_json) as SnapshotScope;
        const superseded = supersededBy.get(r.id) ?? null;
        return {
          id: r.id,
          kind: r.kind,
          scopeKey: r.scope_key,
          unitId: r.unit_id,
          unitName: s.unitName ?? null,
          unitServiceId: r.unit_service_id,
          serviceName: s.serviceName ?? null,
          version: r.version,
          supersedesId: r.supersedes_id,
          supersededBy: superseded,
          restatementReason: r.restatement_reason,
          note: superseded ? RESTATED_NOTE[locale] : null,
          frozenAt: r.frozen_at,
          frozenBy: r.frozen_by,
          inputsHash: r.inputs_hash,
          algorithmVersion: r.algorithm_version,
          profileCode: r.profile_code,
          profileVersion: r.profile_version,
          nCounted: Number(values.find((v) => v.key === 'nCounted')?.exact ?? 0),
          ikm: { fullPrecision: ikm?.fullPrecision ?? null, published: ikm?.published ?? null, grade: ikm?.class ?? null },
          values,
        };
      });
    return { items, total: items.length };
  }

  /**
   * The figures behind `unitResults` at full precision (per question S_q/n_q/NRR, weights, W_e, T),
   * read the same way: the newest snapshot of a closed campaign, else live. For documents that print
   * the calculation sheet (Laporan SKM, Hasil Olah Data): same source as the dashboard, no second path.
   */
  async function unitFigures(actor: Actor, campaignId: string, unitId: string) {
    const { campaign: c, unit } = await visibleUnit(actor, campaignId, unitId);
    const profile = skmProfileOf(c);
    if (FROZEN_STATUSES.includes(c.status)) {
      const frozen = await frozenCampaign(ctx.db, c, unitId);
      const u = frozen?.units.find((x) => x.unit.id === unitId);
      if (frozen && u) return { campaign: c, profile, source: 'snapshot' as const, snapshotVersion: frozen.version, scope: u };
    }
    const targets = await campaignRepo.targets(ctx.db, campaignId, [unitId]);
    const scope = await computeUnit(ctx.db, c, unit, targets, true);
    return { campaign: c, profile, source: 'live' as const, snapshotVersion: null, scope };
  }

  return {
    unitResults,
    campaignResults,
    unitFigures,
    perception,
    listResponses,
    exportResponses,
    freezeSnapshots,
    restate,
    listSnapshots,
  };
}

interface ProfileRowDto {
  code: string;
  label: string;
  count: number;
  pct: { value: number | null; display: string };
}

interface SnapshotScope {
  campaignId: string;
  year: number;
  unitId?: string;
  unitCode?: string;
  unitName?: string;
  timeZone?: string;
  unitServiceId?: string;
  serviceName?: string;
  order?: number;
}

type PersonalColumn = 'full_name' | 'phone' | 'institution';

const hashShort = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 27);

export type ResultsService = ReturnType<typeof createResultsService>;
