import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { SkmCampaignTable, SurveyResponseTable } from '../../db/schema.ts';
import { localMonth, parseInstant } from '../../domain/core/instant.ts';
import type { InstrumentProfile } from '../../domain/profiles/profile.ts';
import { shippedProfile } from '../../domain/profiles/shipped-profiles.ts';
import { AppError, AppErrorCode, type FieldIssue, notFound } from '../../http/app-error.ts';
import { hitCounter } from '../../http/rate-limit-store.ts';
import { createPersonalDataCrypto, type PersonalDataCrypto } from '../../shared/crypto/personal-data.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { localDate } from '../surveys/local-date.ts';
import { type AcceptedResponse, placeInWindow, recordAccepted, recountService, type WindowPlacement } from './counted-window.ts';
import * as repo from './response.repository.ts';
import {
  buildResponseSchema,
  CLIENT_SUBMISSION_ID,
  ONLINE_CHANNELS,
  type SubmitInput,
  type SubmitResult,
  type ValidatedResponse,
} from './response.schema.ts';

/**
 * Storing a survey response (DOMAIN 5.3, 5.6, D17): validation against the campaign's profile,
 * `seqNo` per campaign × unit, encrypted personal fields with blind indexes, duplicate hints that
 * only flag, idempotency through `clientSubmissionId`, and the counted window. The response row
 * is itself the append-only record of a public submission, so it is not copied to the audit trail.
 */

/** DOMAIN 5.6: the same name for the same service within 60 minutes is a hint. */
const NAME_WINDOW_MS = 60 * 60_000;

/** Paper questionnaires and imports may be entered after the collection period ended. */
const BACKFILL_STATUSES = ['collecting', 'validating'];

export type DuplicateHint = 'phone' | 'name_service';

const lastLocal = new Map<string, { minute: number; day: string; month: string }>();

/**
 * The local date and month of an instant in a zone (D17), remembered per zone for the current
 * minute: Intl formatting costs more than the rest of a submission's checks, and a local date only
 * changes on a whole minute (every zone's offset today is whole minutes).
 */
function localDayAndMonth(ms: number, timeZone: string): { day: string; month: string } {
  const minute = Math.floor(ms / 60_000);
  let hit = lastLocal.get(timeZone);
  if (hit?.minute !== minute) {
    hit = { minute, day: localDate(new Date(ms), timeZone), month: localMonth(ms, timeZone) };
    lastLocal.set(timeZone, hit);
  }
  return hit;
}

function validationError(fields: FieldIssue[]): AppError {
  return new AppError(AppErrorCode.VALIDATION, 'Data yang dikirim tidak valid', { messageKey: 'error.validation', fields });
}

function stateError(key: string, locale: Locale, params: Record<string, string | number> = {}): AppError {
  return new AppError(AppErrorCode.INVALID_STATE, t(locale, key, params), { messageKey: key, params });
}

const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err?.message ?? '');
};

/** A fixed-window counter (table `rate_limit`, shared by every app server) a submission books. */
export interface SubmitLimit {
  key: string;
  max: number;
  windowMs: number;
}

export interface SubmitOptions {
  /**
   * Booked first in the submission's own transaction, so one commit carries counters and response.
   * Over a limit nothing else is read or checked: 429 (`params.seconds` until the window ends), and
   * the rollback leaves the counter at its limit, which keeps refusing until the window ends.
   */
  limits?: readonly SubmitLimit[];
}

interface Prepared {
  context: SubmitContext;
  input: SubmitInput;
  data: ValidatedResponse;
  submittedAt: string;
  localMonth: string;
  answers: Record<string, number>;
  phoneBidx: string | null;
  nameBidx: string | null;
}

/** What a submission reads before it writes (one statement, `repo.submitContext`). */
interface SubmitContext {
  campaign: Pick<
    SkmCampaignTable,
    'id' | 'status' | 'is_demo' | 'collection_start' | 'effective_end' | 'profile_code' | 'profile_version'
  >;
  profile: InstrumentProfile;
  /** The unit's time zone; undefined when the unit is not in the campaign. */
  timeZone: string | undefined;
  /** The unit of the submitted service's target; undefined when the service is not in the campaign. */
  targetUnitId: string | undefined;
  existing: SubmitResult | undefined;
}

export function createResponseService(ctx: ServiceContext, _deps: { audit: AuditService }) {
  let cryptoCache: PersonalDataCrypto | undefined;
  const crypto = (): PersonalDataCrypto => {
    if (!cryptoCache) {
      if (!ctx.config.secretKey) throw new Error('MUTU_SECRET_KEY is not configured');
      cryptoCache = createPersonalDataCrypto(ctx.config.secretKey);
    }
    return cryptoCache;
  };
  const replayOf = (hit: { id: string; seq_no: number; duplicate_hint: string | null }): SubmitResult => ({
    responseId: hit.id,
    seqNo: Number(hit.seq_no),
    replayed: true,
    duplicateHint: hit.duplicate_hint,
  });

  // PostgreSQL: the window read also locks the target row (SQLite serialises writers anyway).
  const lockRows = ctx.engine === 'postgres';

  async function loadContext(db: Db, input: SubmitInput): Promise<SubmitContext> {
    const row = await repo.submitContext(db, input.campaignId, input.unitId, input.unitServiceId, input.clientSubmissionId ?? '');
    if (!row) throw notFound('Kampanye survei');
    const profile = shippedProfile(row.profile_code);
    if (!profile || profile.version !== row.profile_version)
      throw new Error(`Unknown profile ${row.profile_code} v${row.profile_version}`);
    return {
      campaign: row,
      profile,
      timeZone: row.unit_id ? (row.time_zone ?? undefined) : undefined,
      targetUnitId: row.target_unit_id ?? undefined,
      existing: row.existing_id
        ? replayOf({ id: row.existing_id, seq_no: Number(row.existing_seq_no), duplicate_hint: row.existing_duplicate_hint })
        : undefined,
    };
  }

  /** Every check that needs no write; issues are prefixed (e.g. `3.answers.A1` for bulk row 3). */
  function prepare(c: SubmitContext, input: SubmitInput, prefix = ''): Prepared {
    const locale = input.locale ?? 'id';
    const issues: FieldIssue[] = [];
    const field = (f: string) => `${prefix}${f}`;
    const { campaign, profile } = c;
    const online = ONLINE_CHANNELS.includes(input.channel);

    if (!CLIENT_SUBMISSION_ID.test(input.clientSubmissionId ?? ''))
      issues.push({ field: field('clientSubmissionId'), message: t(locale, 'responses.clientSubmissionId') });

    if (input.isDemo && campaign.is_demo !== 1) throw stateError('responses.demoInRealCampaign', locale);
    if (!(online ? campaign.status === 'collecting' : BACKFILL_STATUSES.includes(campaign.status)))
      throw stateError('responses.notCollecting', locale);

    const timeZone = c.timeZone;
    if (timeZone === undefined) throw stateError('responses.unitNotInCampaign', locale);
    if (c.targetUnitId !== input.unitId)
      issues.push({ field: field('unitServiceId'), message: t(locale, 'responses.serviceNotInCampaign') });

    let submittedMs = ctx.clock.now().getTime();
    if (input.submittedAt !== undefined) {
      if (online && !input.isDemo) {
        issues.push({ field: field('submittedAt'), message: t(locale, 'responses.submittedAtNotAllowed') });
      } else {
        const ms = parseInstant(input.submittedAt);
        if (ms === null) issues.push({ field: field('submittedAt'), message: t(locale, 'responses.submittedAtInvalid') });
        else submittedMs = ms;
      }
    }
    // D17: the window is local dates in the unit's zone, both ends inclusive.
    const local = localDayAndMonth(submittedMs, timeZone);
    const day = local.day;
    if (day < campaign.collection_start || day > campaign.effective_end) {
      const params = { date: day, start: campaign.collection_start, end: campaign.effective_end };
      if (input.submittedAt !== undefined)
        issues.push({ field: field('submittedAt'), message: t(locale, 'responses.outsideWindow', params) });
      else throw stateError('responses.notCollecting', locale);
    }

    const parsed = buildResponseSchema(profile, input.channel, locale).safeParse({
      respondent: input.respondent ?? {},
      completionPct: input.completionPct ?? null,
      answers: input.answers ?? {},
      suggestion: input.suggestion ?? null,
    });
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push({ field: field(i.path.map(String).join('.')), message: i.message });
    }
    if (issues.length || !parsed.success) throw validationError(issues);

    const answers: Record<string, number> = {};
    for (const [k, v] of Object.entries(parsed.data.answers)) if (typeof v === 'number') answers[k] = v;
    const pd = crypto();
    return {
      context: c,
      input,
      data: parsed.data,
      submittedAt: new Date(submittedMs).toISOString(),
      localMonth: local.month,
      answers,
      phoneBidx: pd.phoneIndex(parsed.data.respondent.phone),
      nameBidx: pd.nameIndex(parsed.data.respondent.fullName),
    };
  }

  /** The state read under the seqNo lock: counted window and duplicate candidates (DOMAIN 5.6). */
  function stateOf(w: Db, p: Prepared) {
    const at = Date.parse(p.submittedAt);
    return repo.submissionState(
      w,
      {
        campaignId: p.input.campaignId,
        unitId: p.input.unitId,
        unitServiceId: p.input.unitServiceId,
        phoneBidx: p.phoneBidx,
        nameBidx: p.nameBidx,
        nameFrom: new Date(at - NAME_WINDOW_MS).toISOString(),
        nameTo: new Date(at + NAME_WINDOW_MS).toISOString(),
      },
      lockRows,
    );
  }

  /** The same phone wins over the same name: the hint names the earliest earlier response. */
  const hintOf = (s: { phone_of: string | null; name_of: string | null }): { hint: DuplicateHint | null; of: string | null } =>
    s.phone_of
      ? { hint: 'phone', of: s.phone_of }
      : s.name_of
        ? { hint: 'name_service', of: s.name_of }
        : { hint: null, of: null };

  const acceptedOf = (p: Prepared, seqNo: number): AcceptedResponse => ({
    id: newId(),
    campaignId: p.input.campaignId,
    unitId: p.input.unitId,
    unitServiceId: p.input.unitServiceId,
    submittedAt: p.submittedAt,
    seqNo,
    validity: 'valid',
    answers: p.answers,
    profileCode: p.context.profile.code,
  });

  function row(
    p: Prepared,
    a: AcceptedResponse,
    dup: { hint: DuplicateHint | null; of: string | null },
    placement: WindowPlacement,
  ): Insertable<SurveyResponseTable> {
    const pd = crypto();
    const r = p.data.respondent;
    const c = p.context;
    const now = ctx.clock.now().toISOString();
    return {
      id: a.id,
      campaign_id: a.campaignId,
      unit_id: a.unitId,
      unit_service_id: a.unitServiceId,
      link_id: p.input.linkId ?? null,
      seq_no: a.seqNo,
      submitted_at: a.submittedAt,
      client_submission_id: p.input.clientSubmissionId,
      channel: p.input.channel,
      entered_by: p.input.enteredBy ?? null,
      profile_code: c.profile.code,
      profile_version: c.profile.version,
      full_name_enc: pd.encryptOptional(r.fullName, 'full_name'),
      phone_enc: pd.encryptOptional(r.phone, 'phone'),
      institution_enc: pd.encryptOptional(r.institution, 'institution'),
      phone_bidx: p.phoneBidx,
      name_bidx: p.nameBidx,
      age: r.age ?? null,
      sex: r.sex ?? null,
      education: r.education ?? null,
      occupation: r.occupation ?? null,
      completion_pct: p.data.completionPct ?? null,
      suggestion: p.data.suggestion || null,
      answers_json: JSON.stringify(p.answers),
      validity: 'valid',
      ip_hmac: p.input.ipAddress ? pd.ipHash(p.input.ipAddress) : null,
      is_demo: c.campaign.is_demo === 1 ? 1 : 0,
      duplicate_hint: dup.hint,
      duplicate_of_id: dup.of,
      locale: p.input.locale ?? null,
      personal_purged_at: null,
      created_at: now,
      counted: placement === 'counted' ? 1 : 0,
      local_month: p.localMonth,
    };
  }

  /** Runs every check of `submit` without storing (the form uses it to list all problems at once). */
  async function validate(input: SubmitInput): Promise<void> {
    prepare(await loadContext(ctx.db, input), input);
  }

  /** Stores one response in its own transaction (or the caller's, when `trx` is given). */
  async function submit(input: SubmitInput, trx?: Db, opts: SubmitOptions = {}): Promise<SubmitResult> {
    const write = async (w: Db): Promise<SubmitResult> => {
      for (const l of opts.limits ?? []) {
        const hit = await hitCounter(w, l.key, l.windowMs, ctx.clock.now().getTime());
        if (hit.current > l.max) {
          const params = { seconds: Math.max(1, Math.ceil(hit.ttl / 1000)) };
          throw new AppError(AppErrorCode.RATE_LIMITED, t(input.locale ?? 'id', 'error.rateLimited', params), {
            messageKey: 'error.rateLimited',
            params,
          });
        }
      }
      // Read in the writing transaction: the checks see the campaign as the insert commits against it.
      const c = await loadContext(w, input);
      if (c.existing) return c.existing;
      const p = prepare(c, input);
      // The seqNo update locks campaign × unit: the window and hint candidates below see a settled unit.
      const seqNo = await repo.nextSeqNo(w, input.campaignId, input.unitId);
      const state = await stateOf(w, p);
      const dup = hintOf(state);
      const accepted = acceptedOf(p, seqNo);
      const placement = placeInWindow(state, accepted);
      const r = row(p, accepted, dup, placement);
      await repo.insertResponse(w, r);
      await recordAccepted(w, accepted, placement, r.created_at);
      return { responseId: r.id, seqNo, replayed: false, duplicateHint: dup.hint };
    };

    if (trx) return write(trx);
    try {
      return await ctx.db.transaction().execute(write);
    } catch (e) {
      // A concurrent double tap lost the race on the unique key: answer like a replay.
      if (isUniqueViolation(e)) {
        const hit = await repo.findBySubmissionId(ctx.db, input.campaignId, input.clientSubmissionId);
        if (hit) return replayOf(hit);
      }
      throw e;
    }
  }

  /**
   * Bulk (import, demo) inside the caller's transaction: validates every input first and reports all
   * problems at once (`<index>.<field>`), then stores all of them and recounts the touched services.
   * Replays (known clientSubmissionId) are answered without storing.
   */
  async function submitMany(trx: Db, inputs: readonly SubmitInput[]): Promise<SubmitResult[]> {
    const prepared: (Prepared | SubmitResult)[] = [];
    const issues: FieldIssue[] = [];
    const seen = new Map<string, number>();
    for (const [i, input] of inputs.entries()) {
      const key = `${input.campaignId}|${input.clientSubmissionId}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        prepared.push({ responseId: '', seqNo: -1 - earlier, replayed: true, duplicateHint: null });
        continue;
      }
      seen.set(key, i);
      const c = await loadContext(trx, input);
      if (c.existing) {
        prepared.push(c.existing);
        continue;
      }
      try {
        prepared.push(prepare(c, input, `${i}.`));
      } catch (e) {
        if (e instanceof AppError && e.code === AppErrorCode.VALIDATION) issues.push(...e.fields);
        else if (e instanceof AppError)
          issues.push({ field: `${i}`, message: t(input.locale ?? 'id', e.messageKey ?? '', e.params) });
        else throw e;
        prepared.push({ responseId: '', seqNo: 0, replayed: false, duplicateHint: null });
      }
    }
    if (issues.length) throw validationError(issues);

    const results: SubmitResult[] = [];
    const touched = new Map<string, string>();
    for (const p of prepared) {
      if (!('data' in p)) {
        // An in-batch repeat points back at the earlier result (encoded in seqNo as −1 − index).
        results.push(p.seqNo < 0 ? { ...(results[-1 - p.seqNo] as SubmitResult), replayed: true } : p);
        continue;
      }
      const seqNo = await repo.nextSeqNo(trx, p.input.campaignId, p.input.unitId);
      const dup = hintOf(await stateOf(trx, p));
      // Stored outside the window; the recount below places every touched service at once.
      const r = row(p, acceptedOf(p, seqNo), dup, 'outside');
      await repo.insertResponse(trx, r);
      touched.set(`${r.campaign_id}|${r.unit_service_id}`, r.campaign_id);
      results.push({ responseId: r.id, seqNo, replayed: false, duplicateHint: dup.hint });
    }
    const now = ctx.clock.now().toISOString();
    for (const [key, campaignId] of touched) await recountService(trx, campaignId, key.split('|')[1] as string, now);
    return results;
  }

  return { submit, submitMany, validate, crypto };
}

export type ResponseService = ReturnType<typeof createResponseService>;
