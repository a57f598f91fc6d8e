import { sql } from 'kysely';
import { isoNow } from '../../shared/clock.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ServiceContext } from '../service-context.ts';
import * as repo from './retention.repository.ts';

/**
 * Retention of respondents' personal data (DOMAIN 4.8, issue 4 item 5): a configurable period after a
 * campaign closes (`RETENTION_DAYS`, default 365; a campaign may set its own), after which the encrypted
 * name, phone and institution and their blind indexes are set to null. Answers, respondent profile fields
 * (age, sex, education, occupation), validity and every count stay, so every index is unchanged. One audit
 * event per campaign with the number of responses purged; each pass is recorded in the `job` table. On
 * PostgreSQL a transaction-scoped advisory lock lets one server at a time run a pass.
 */

export const DEFAULT_RETENTION_DAYS = 365;
const JOB_KIND = 'retention_purge';
const LOCK_KEY = 740_040_005;
const DAY = 86_400_000;

export interface RetentionCampaign {
  campaignId: string;
  name: string;
  year: number;
  closedAt: string;
  retentionDays: number;
  /** Date and time from which the personal fields may be purged. */
  purgeFrom: string;
  responses: number;
}

export interface RetentionRun {
  dryRun: boolean;
  skipped: 'locked' | null;
  at: string;
  campaigns: RetentionCampaign[];
  purgedResponses: number;
}

export function createRetentionService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const defaultDays = () => ctx.config.retentionDays ?? DEFAULT_RETENTION_DAYS;

  /** The period the public privacy notice states for a campaign. */
  const retentionDaysOf = (campaign: { retention_days: number | null }) => campaign.retention_days ?? defaultDays();

  async function due(db: typeof ctx.db, nowMs: number): Promise<RetentionCampaign[]> {
    const out: RetentionCampaign[] = [];
    for (const c of await repo.closedUnpurgedCampaigns(db)) {
      const days = retentionDaysOf(c);
      const from = Date.parse(c.closed_at as string) + days * DAY;
      if (Number.isNaN(from) || from > nowMs) continue;
      out.push({
        campaignId: c.id,
        name: c.name,
        year: c.year,
        closedAt: c.closed_at as string,
        retentionDays: days,
        purgeFrom: new Date(from).toISOString(),
        responses: await repo.countWithPersonalData(db, c.id),
      });
    }
    return out;
  }

  /** One pass: every closed campaign past its retention period; `dryRun` lists them and changes nothing. */
  async function purge(opts: { dryRun?: boolean } = {}): Promise<RetentionRun> {
    const at = isoNow(ctx.clock);
    const nowMs = ctx.clock.now().getTime();
    if (opts.dryRun) {
      const campaigns = await due(ctx.db, nowMs);
      return { dryRun: true, skipped: null, at, campaigns, purgedResponses: 0 };
    }
    const result = await ctx.db.transaction().execute(async (trx) => {
      if (ctx.engine === 'postgres') {
        const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`.execute(trx);
        if (!rows[0]?.ok) return null;
      }
      const campaigns = await due(trx, nowMs);
      let purgedResponses = 0;
      const done: RetentionCampaign[] = [];
      for (const c of campaigns) {
        if (!(await repo.markCampaignPurged(trx, c.campaignId, at))) continue;
        const n = await repo.purgeResponses(trx, c.campaignId, at);
        purgedResponses += n;
        done.push({ ...c, responses: n });
        await deps.audit.record(trx, {
          unitId: null,
          actor: null,
          entityType: 'skm_campaign',
          entityId: c.campaignId,
          action: 'personal_data_purged',
          after: { responses: n, retentionDays: c.retentionDays, closedAt: c.closedAt },
          reason: `Masa retensi ${c.retentionDays} hari setelah survei ditutup telah berakhir`,
        });
      }
      await repo.recordJob(trx, {
        id: `${JOB_KIND}:${at.slice(0, 10)}`,
        kind: JOB_KIND,
        payload: { at },
        result: { campaigns: done.map((c) => ({ id: c.campaignId, responses: c.responses })), purgedResponses },
        status: 'succeeded',
        now: at,
      });
      return { campaigns: done, purgedResponses };
    });
    if (!result) return { dryRun: false, skipped: 'locked', at, campaigns: [], purgedResponses: 0 };
    return { dryRun: false, skipped: null, at, ...result };
  }

  /**
   * In-process timer on every server (SQLite: the only one; PostgreSQL: the advisory lock keeps passes apart):
   * a first pass shortly after start, then every 6 hours. Returns a stop function.
   */
  function startScheduler(log: { error: (obj: object, msg: string) => void }, everyMs = 6 * 3_600_000) {
    const tick = () => {
      purge().catch((err) => log.error({ err }, 'retention purge failed'));
    };
    const first = setTimeout(tick, 60_000);
    const timer = setInterval(tick, everyMs);
    first.unref();
    timer.unref();
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }

  return { purge, retentionDaysOf, defaultDays, startScheduler };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
