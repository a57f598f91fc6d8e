import type { Db } from '../../db/connection.ts';
import type { ResponseValidity } from '../../db/schema.ts';
import type { InstrumentProfile } from '../../domain/profiles/profile.ts';
import { shippedProfile } from '../../domain/profiles/shipped-profiles.ts';
import { accumulate, emptyTally, type SkmAnswers, type SkmTally } from '../../domain/skm/tally.ts';
import { applyCountingRule, isWindowTruncated } from '../../domain/targets/counting.ts';
import * as repo from './response.repository.ts';

/**
 * The D5 counted window per campaign × service, kept incrementally: a new valid response that lands
 * after the window's last member (the normal case) only adds to integer counters and sums; anything
 * that moves the window (an invalidation, a reinstatement, a back-dated paper entry into a full
 * window) re-applies `applyCountingRule` over the service and rewrites its aggregates.
 */

/** D5: only `valid` responses count; a pending proposal is excluded until it is rejected. */
export const COUNTS_AS_VALID: readonly ResponseValidity[] = ['valid'];

export interface AcceptedResponse {
  id: string;
  campaignId: string;
  unitId: string;
  unitServiceId: string;
  /** ISO UTC text as stored. */
  submittedAt: string;
  seqNo: number;
  validity: ResponseValidity;
  answers: SkmAnswers;
  profileCode: string;
}

const profiles = new Map<string, InstrumentProfile | null>();
function profileOf(code: string): InstrumentProfile | null {
  if (!profiles.has(code)) {
    const p = shippedProfile(code) ?? null;
    // A profile without an SKM instrument (spkp-spak-4) has no SKM tally: counters only.
    profiles.set(code, p?.instruments.skm ? p : null);
  }
  return profiles.get(code) ?? null;
}

const later = (a: { submitted_at: string; seq_no: number }, at: string, seqNo: number) =>
  at > a.submitted_at || (at === a.submitted_at && seqNo > a.seq_no);

function toDelta(r: { campaignId: string; unitId: string; unitServiceId: string }, t: SkmTally): repo.TallyDelta {
  return {
    campaignId: r.campaignId,
    unitId: r.unitId,
    unitServiceId: r.unitServiceId,
    questionCodes: t.questionCodes,
    sums: t.sums,
    answered: t.answered,
    respondents: t.respondents,
    complete: t.complete,
    sumZ: Number(t.sumZ),
    sumZ2: Number(t.sumZ2),
  };
}

/** Where a new response lands in its service's counted window. */
export type WindowPlacement = 'counted' | 'outside' | 'recount';

/** The window as `submissionState` reads it before the response is stored. */
export interface WindowState {
  target: number | string;
  n_valid: number | string;
  last_counted_at: string | null;
  last_counted_seq_no: number | string | null;
}

/**
 * D5 for one new response, from the window before it: inside while the window is not truncated;
 * outside when the window is full and the response comes after its last member (the normal case);
 * a back-dated response entering a full window pushes the last member out, which needs a recount.
 */
export function placeInWindow(
  state: WindowState,
  r: Pick<AcceptedResponse, 'submittedAt' | 'seqNo' | 'validity'>,
): WindowPlacement {
  if (!COUNTS_AS_VALID.includes(r.validity)) return 'outside';
  if (!isWindowTruncated(Number(state.n_valid) + 1, Number(state.target))) return 'counted';
  if (state.last_counted_at === null) return 'outside';
  const last = { submitted_at: state.last_counted_at, seq_no: Number(state.last_counted_seq_no) };
  return later(last, r.submittedAt, r.seqNo) ? 'outside' : 'recount';
}

/**
 * Books a newly stored response (stored with `counted` = 1 exactly when `placement` is `counted`)
 * into the counters and, when it counts, into the tally. Runs in the submitting transaction, after
 * `submissionState` read `placement`'s inputs under the same lock. Returns whether it counts.
 */
export async function recordAccepted(
  trx: Db,
  r: AcceptedResponse,
  placement: WindowPlacement,
  now = new Date().toISOString(),
): Promise<boolean> {
  // A recount rewrites every counter of the service, the new response included.
  if (placement === 'recount') {
    await recountService(trx, r.campaignId, r.unitServiceId, now);
    return true;
  }
  const valid = COUNTS_AS_VALID.includes(r.validity) ? 1 : 0;
  const counted = placement === 'counted' ? 1 : 0;
  await repo.bumpTargetCounters(trx, r.campaignId, r.unitServiceId, { submitted: 1, valid, counted }, now);
  const profile = counted ? profileOf(r.profileCode) : null;
  if (profile) await repo.addTally(trx, toDelta(r, accumulate(profile, [r.answers])), now);
  return counted === 1;
}

/**
 * Re-applies the counting rule over every response of the service and rewrites its counters, tally
 * and the per-response `counted` flags. Call after any validity change (inside its transaction).
 */
export async function recountService(
  trx: Db,
  campaignId: string,
  unitServiceId: string,
  now = new Date().toISOString(),
): Promise<{ submitted: number; valid: number; counted: number }> {
  const target = await repo.targetOfService(trx, campaignId, unitServiceId);
  if (!target) throw new Error(`No target for service ${unitServiceId} in campaign ${campaignId}`);
  const campaign = await trx
    .selectFrom('skm_campaign')
    .select('profile_code')
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow();
  const rows = await repo.responsesOfService(trx, campaignId, unitServiceId);
  const result = applyCountingRule(
    rows.map((x) => ({
      row: x,
      submittedAt: Date.parse(x.submitted_at),
      seqNo: x.seq_no,
      valid: COUNTS_AS_VALID.includes(x.validity),
    })),
    Number(target.target),
  );
  const countedIds = new Set(result.counted.map((c) => c.row.id));
  const turnOn = rows.filter((x) => x.counted !== 1 && countedIds.has(x.id)).map((x) => x.id);
  const turnOff = rows.filter((x) => x.counted === 1 && !countedIds.has(x.id)).map((x) => x.id);
  for (let i = 0; i < turnOn.length; i += 500) await repo.markCounted(trx, turnOn.slice(i, i + 500), 1);
  for (let i = 0; i < turnOff.length; i += 500) await repo.markCounted(trx, turnOff.slice(i, i + 500), 0);

  await repo.clearTally(trx, campaignId, unitServiceId);
  const profile = profileOf(campaign.profile_code);
  if (profile && result.counted.length) {
    const tally = accumulate(
      profile,
      result.counted.map((c) => JSON.parse(c.row.answers_json) as SkmAnswers),
    );
    await repo.addTally(trx, toDelta({ campaignId, unitId: target.unit_id, unitServiceId }, tally), now);
  }
  const counters = { n_submitted: result.submitted, n_valid: result.valid, n_counted: result.counted.length };
  await repo.setTargetCounters(trx, campaignId, unitServiceId, counters, now);
  return { submitted: result.submitted, valid: result.valid, counted: result.counted.length };
}

/**
 * The merged SKM tally of the counted responses of a campaign, a unit or some services, from the
 * stored integer aggregates (no response scan). Feed it to `computeIkm`.
 */
export async function readTally(db: Db, campaignId: string, scope: repo.TallyScope = {}): Promise<SkmTally> {
  const campaign = await db.selectFrom('skm_campaign').select('profile_code').where('id', '=', campaignId).executeTakeFirst();
  const profile = campaign ? profileOf(campaign.profile_code) : null;
  if (!profile) throw new Error(`Campaign ${campaignId} has no SKM instrument`);
  const tally = emptyTally(profile);
  const { questions, summaries } = await repo.tallyRows(db, campaignId, scope);
  const index = new Map(tally.questionCodes.map((q, i) => [q, i]));
  for (const q of questions) {
    const i = index.get(q.question_code);
    if (i === undefined) continue;
    tally.sums[i] = Number(q.sum ?? 0);
    tally.answered[i] = Number(q.answered ?? 0);
  }
  const s = summaries[0];
  if (s) {
    tally.respondents = Number(s.respondents ?? 0);
    tally.complete = Number(s.complete ?? 0);
    tally.sumZ = BigInt(s.sum_z ?? '0');
    tally.sumZ2 = BigInt(s.sum_z2 ?? '0');
  }
  return tally;
}
