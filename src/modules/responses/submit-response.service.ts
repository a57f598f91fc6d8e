import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { SkmCampaignTable, SurveyResponseTable } from '../../db/schema.ts';
import { localMonth, parseInstant } from '../../domain/core/instant.ts';
import type { InstrumentProfile } from '../../domain/profiles/profile.ts';
import { shippedProfile } from '../../domain/profiles/shipped-profiles.ts';
import { AppError, AppErrorCode, type FieldIssue, notFound } from '../../http/app-error.ts';
import { createPersonalDataCrypto, type PersonalDataCrypto } from '../../shared/crypto/personal-data.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ServiceContext } from '../service-context.ts';
import * as campaignRepo from '../surveys/campaign.repository.ts';
import { localDate } from '../surveys/local-date.ts';
import { recordAccepted, recountService } from './counted-window.ts';
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

interface Prepared {
  input: SubmitInput;
  data: ValidatedResponse;
  submittedAt: string;
  localMonth: string;
  answers: Record<string, number>;
}

interface CampaignContext {
  campaign: SkmCampaignTable;
  profile: InstrumentProfile;
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

  async function loadCampaign(db: Db, campaignId: string): Promise<CampaignContext> {
    const campaign = await campaignRepo.findCampaign(db, campaignId);
    if (!campaign) throw notFound('Kampanye survei');
    const profile = shippedProfile(campaign.profile_code);
    if (!profile || profile.version !== campaign.profile_version)
      throw new Error(`Unknown profile ${campaign.profile_code} v${campaign.profile_version}`);
    return { campaign, profile };
  }

  /** Every check that needs no write; issues are prefixed (e.g. `3.answers.A1` for bulk row 3). */
  async function prepare(db: Db, c: CampaignContext, input: SubmitInput, prefix = ''): Promise<Prepared> {
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

    const unit = await repo.campaignUnit(db, campaign.id, input.unitId);
    if (!unit) throw stateError('responses.unitNotInCampaign', locale);
    const target = await repo.targetOfService(db, campaign.id, input.unitServiceId);
    if (!target || target.unit_id !== input.unitId)
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
    const day = localDate(new Date(submittedMs), unit.time_zone);
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
    return {
      input,
      data: parsed.data,
      submittedAt: new Date(submittedMs).toISOString(),
      localMonth: localMonth(submittedMs, unit.time_zone),
      answers,
    };
  }

  async function duplicateHint(
    db: Db,
    p: Prepared,
    phoneBidx: string | null,
    nameBidx: string | null,
  ): Promise<{ hint: DuplicateHint | null; of: string | null }> {
    const { campaignId, unitId, unitServiceId } = p.input;
    if (phoneBidx) {
      const hit = await repo.firstWithPhone(db, campaignId, unitId, phoneBidx);
      if (hit) return { hint: 'phone', of: hit.id };
    }
    if (nameBidx) {
      const at = Date.parse(p.submittedAt);
      const from = new Date(at - NAME_WINDOW_MS).toISOString();
      const to = new Date(at + NAME_WINDOW_MS).toISOString();
      const hit = await repo.firstWithNameNear(db, campaignId, unitServiceId, nameBidx, from, to);
      if (hit) return { hint: 'name_service', of: hit.id };
    }
    return { hint: null, of: null };
  }

  function row(c: CampaignContext, p: Prepared, seqNo: number, dup: { hint: DuplicateHint | null; of: string | null }) {
    const pd = crypto();
    const r = p.data.respondent;
    const now = ctx.clock.now().toISOString();
    const out: Insertable<SurveyResponseTable> = {
      id: newId(),
      campaign_id: c.campaign.id,
      unit_id: p.input.unitId,
      unit_service_id: p.input.unitServiceId,
      link_id: p.input.linkId ?? null,
      seq_no: seqNo,
      submitted_at: p.submittedAt,
      client_submission_id: p.input.clientSubmissionId,
      channel: p.input.channel,
      entered_by: p.input.enteredBy ?? null,
      profile_code: c.profile.code,
      profile_version: c.profile.version,
      full_name_enc: pd.encryptOptional(r.fullName, 'full_name'),
      phone_enc: pd.encryptOptional(r.phone, 'phone'),
      institution_enc: pd.encryptOptional(r.institution, 'institution'),
      phone_bidx: pd.phoneIndex(r.phone),
      name_bidx: pd.nameIndex(r.fullName),
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
      counted: 0,
      local_month: p.localMonth,
    };
    return out;
  }

  const replayOf = (hit: { id: string; seq_no: number; duplicate_hint: string | null }): SubmitResult => ({
    responseId: hit.id,
    seqNo: Number(hit.seq_no),
    replayed: true,
    duplicateHint: hit.duplicate_hint,
  });

  /** Runs every check of `submit` without storing (the form uses it to list all problems at once). */
  async function validate(input: SubmitInput): Promise<void> {
    await prepare(ctx.db, await loadCampaign(ctx.db, input.campaignId), input);
  }

  /** Stores one response in its own transaction (or the caller's, when `trx` is given). */
  async function submit(input: SubmitInput, trx?: Db): Promise<SubmitResult> {
    const db = trx ?? ctx.db;
    const existing = await repo.findBySubmissionId(db, input.campaignId, input.clientSubmissionId ?? '');
    if (existing) return replayOf(existing);
    const c = await loadCampaign(db, input.campaignId);
    const p = await prepare(db, c, input);
    const pd = crypto();
    const phoneBidx = pd.phoneIndex(p.data.respondent.phone);
    const nameBidx = pd.nameIndex(p.data.respondent.fullName);

    const write = async (w: Db): Promise<SubmitResult> => {
      // The seqNo update locks campaign × unit: hint lookups and the window below see a settled unit.
      const seqNo = await repo.nextSeqNo(w, input.campaignId, input.unitId);
      const dup = await duplicateHint(w, p, phoneBidx, nameBidx);
      const r = row(c, p, seqNo, dup);
      await repo.insertResponse(w, r);
      await recordAccepted(
        w,
        {
          id: r.id,
          campaignId: r.campaign_id,
          unitId: r.unit_id,
          unitServiceId: r.unit_service_id,
          submittedAt: r.submitted_at,
          seqNo,
          validity: 'valid',
          answers: p.answers,
          profileCode: c.profile.code,
        },
        r.created_at,
      );
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
    const campaigns = new Map<string, CampaignContext>();
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
      const existing = await repo.findBySubmissionId(trx, input.campaignId, input.clientSubmissionId ?? '');
      if (existing) {
        prepared.push(replayOf(existing));
        continue;
      }
      let c = campaigns.get(input.campaignId);
      if (!c) {
        c = await loadCampaign(trx, input.campaignId);
        campaigns.set(input.campaignId, c);
      }
      try {
        prepared.push(await prepare(trx, c, input, `${i}.`));
      } catch (e) {
        if (e instanceof AppError && e.code === AppErrorCode.VALIDATION) issues.push(...e.fields);
        else if (e instanceof AppError)
          issues.push({ field: `${i}`, message: t(input.locale ?? 'id', e.messageKey ?? '', e.params) });
        else throw e;
        prepared.push({ responseId: '', seqNo: 0, replayed: false, duplicateHint: null });
      }
    }
    if (issues.length) throw validationError(issues);

    const pd = crypto();
    const results: SubmitResult[] = [];
    const touched = new Map<string, string>();
    for (const p of prepared) {
      if (!('data' in p)) {
        // An in-batch repeat points back at the earlier result (encoded in seqNo as −1 − index).
        results.push(p.seqNo < 0 ? { ...(results[-1 - p.seqNo] as SubmitResult), replayed: true } : p);
        continue;
      }
      const c = campaigns.get(p.input.campaignId) as CampaignContext;
      const seqNo = await repo.nextSeqNo(trx, p.input.campaignId, p.input.unitId);
      const dup = await duplicateHint(trx, p, pd.phoneIndex(p.data.respondent.phone), pd.nameIndex(p.data.respondent.fullName));
      const r = row(c, p, seqNo, dup);
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
