import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { isoNow } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import { requireRole } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { NotificationService } from '../notifications/notification.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { addDays, longDateId, todayWib } from './action-plans.common.ts';
import { type MailMessage, sendMail } from './smtp.ts';

/** Items due within this many days are reminded (issue 6 item 9). */
export const REMINDER_HORIZON_DAYS = 14;
const JOB_KIND = 'rtl_reminders';
const UNIT_ROLES = ['unit_operator', 'unit_head'];
const MAX_MAIL_ATTEMPTS = 3;
/** Fixed key of the PostgreSQL advisory lock: one server at a time runs the daily pass. */
const LOCK_KEY = 740_060_009;

export interface ReminderRun {
  date: string;
  skipped: 'locked' | null;
  due: number;
  created: number;
  notified: number;
  emailed: number;
  emailFailed: number;
}

/**
 * Daily RTL deadline reminders: every undone, unclosed action due within 14 days gets one reminder row per WIB day
 * (unique per action and day, so no item is notified twice a day whichever server runs), an in-app notification to
 * the unit's operators and head, and, when SMTP is configured, one mail per unit listing its items. The pass is
 * recorded in the `job` table (one row per day); on PostgreSQL a transaction-scoped advisory lock keeps servers apart.
 */
export function createReminderService(
  ctx: ServiceContext,
  deps: { notifications: NotificationService; mailer?: (url: string, msg: MailMessage) => Promise<void> },
) {
  const mailer = deps.mailer ?? ((url, msg) => sendMail(url, msg));

  async function createReminders(trx: Db, today: string) {
    const horizon = addDays(today, REMINDER_HORIZON_DAYS);
    const due = await trx
      .selectFrom('action_plan as a')
      .innerJoin('org_unit as u', 'u.id', 'a.unit_id')
      .select(['a.id', 'a.unit_id', 'a.action_text', 'a.timeline_date', 'u.name as unit_name'])
      .where('a.withdrawn_at', 'is', null)
      .where('a.historical', '=', 0)
      .where('a.implementation_status', '!=', 'done')
      .where('a.evaluation_status', '!=', 'close')
      .where('a.timeline_date', '>=', today)
      .where('a.timeline_date', '<=', horizon)
      .orderBy('a.timeline_date')
      .execute();
    const already = new Set(
      due.length
        ? (
            await trx
              .selectFrom('rtl_reminder')
              .select('action_plan_id')
              .where('reminder_date', '=', today)
              .where(
                'action_plan_id',
                'in',
                due.map((d) => d.id),
              )
              .execute()
          ).map((r) => r.action_plan_id)
        : [],
    );
    const now = isoNow(ctx.clock);
    let created = 0;
    let notified = 0;
    for (const a of due) {
      if (already.has(a.id)) continue;
      const dueDate = a.timeline_date as string;
      const days = Math.round((Date.parse(dueDate) - Date.parse(today)) / 86_400_000);
      const short = a.action_text.length > 120 ? `${a.action_text.slice(0, 117)}…` : a.action_text;
      notified += await deps.notifications.notifyRoles(
        UNIT_ROLES,
        a.unit_id,
        {
          kind: 'rtl_due',
          title: t('id', 'actionPlans.reminder.title', { days }),
          body: t('id', 'actionPlans.reminder.body', { unit: a.unit_name, action: short, date: longDateId(dueDate) }),
          link: `/app/rtl/unit/${a.unit_id}`,
        },
        null,
        trx,
      );
      await trx
        .insertInto('rtl_reminder')
        .values({
          id: newId(),
          action_plan_id: a.id,
          unit_id: a.unit_id,
          reminder_date: today,
          due_date: dueDate,
          notified: 1,
          email_to_json: null,
          emailed_at: null,
          email_attempts: 0,
          email_error: null,
          created_at: now,
        })
        .execute();
      created++;
    }
    return { due: due.length, created, notified };
  }

  async function recordJob(trx: Db, today: string, result: object) {
    const id = `${JOB_KIND}:${today}`;
    const now = isoNow(ctx.clock);
    const existing = await trx.selectFrom('job').select(['id', 'attempts']).where('id', '=', id).executeTakeFirst();
    if (existing)
      await trx
        .updateTable('job')
        .set({ status: 'done', attempts: existing.attempts + 1, result_json: JSON.stringify(result), updated_at: now })
        .where('id', '=', id)
        .execute();
    else
      await trx
        .insertInto('job')
        .values({
          id,
          kind: JOB_KIND,
          payload_json: JSON.stringify({ date: today }),
          status: 'done',
          run_at: now,
          locked_until: null,
          attempts: 1,
          last_error: null,
          progress: 100,
          created_at: now,
          updated_at: now,
          result_json: JSON.stringify(result),
        })
        .execute();
  }

  /** One mail per unit for today's reminders not yet mailed; each row is claimed before sending (no double mail). */
  async function sendMails(today: string) {
    const url = ctx.config.smtpUrl;
    if (!url) return { emailed: 0, emailFailed: 0 };
    const pending = await ctx.db
      .selectFrom('rtl_reminder as r')
      .innerJoin('action_plan as a', 'a.id', 'r.action_plan_id')
      .innerJoin('org_unit as u', 'u.id', 'r.unit_id')
      .select(['r.id', 'r.unit_id', 'r.due_date', 'r.email_attempts', 'a.action_text', 'u.name as unit_name'])
      .where('r.reminder_date', '=', today)
      .where('r.emailed_at', 'is', null)
      .where('r.email_attempts', '<', MAX_MAIL_ATTEMPTS)
      .orderBy('r.unit_id')
      .orderBy('r.due_date')
      .execute();
    let emailed = 0;
    let emailFailed = 0;
    for (const unitId of [...new Set(pending.map((p) => p.unit_id))]) {
      const claimed: typeof pending = [];
      for (const p of pending.filter((x) => x.unit_id === unitId)) {
        const r = await ctx.db
          .updateTable('rtl_reminder')
          .set({ email_attempts: p.email_attempts + 1 })
          .where('id', '=', p.id)
          .where('email_attempts', '=', p.email_attempts)
          .where('emailed_at', 'is', null)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 1) claimed.push(p);
      }
      if (!claimed.length) continue;
      const to = (
        await ctx.db
          .selectFrom('user_role as r')
          .innerJoin('app_user as u', 'u.id', 'r.user_id')
          .select('u.email')
          .where('r.role', 'in', UNIT_ROLES)
          .where('r.unit_id', '=', unitId)
          .where('u.active', '=', 1)
          .where('u.email', 'is not', null)
          .distinct()
          .execute()
      )
        .map((r) => r.email as string)
        .filter(Boolean);
      const ids = claimed.map((c) => c.id);
      if (!to.length) {
        await ctx.db.updateTable('rtl_reminder').set({ email_error: 'no recipient' }).where('id', 'in', ids).execute();
        continue;
      }
      const unitName = claimed[0]?.unit_name ?? '';
      const text = [
        `Yth. ${unitName},`,
        '',
        `Rencana aksi berikut jatuh tempo dalam ${REMINDER_HORIZON_DAYS} hari:`,
        ...claimed.map((c) => `- ${longDateId(c.due_date)}: ${c.action_text}`),
        '',
        'Mohon catat realisasi dan unggah data dukung di Mutu.',
      ].join('\n');
      try {
        await mailer(url, {
          from: ctx.config.smtpFrom ?? 'Mutu <mutu@localhost>',
          to,
          subject: `Mutu: ${claimed.length} rencana aksi jatuh tempo (${unitName})`,
          text,
        });
        await ctx.db
          .updateTable('rtl_reminder')
          .set({ emailed_at: isoNow(ctx.clock), email_to_json: JSON.stringify(to), email_error: null })
          .where('id', 'in', ids)
          .execute();
        emailed += claimed.length;
      } catch (err) {
        await ctx.db
          .updateTable('rtl_reminder')
          .set({ email_error: String((err as Error).message ?? err).slice(0, 500) })
          .where('id', 'in', ids)
          .execute();
        emailFailed += claimed.length;
      }
    }
    return { emailed, emailFailed };
  }

  /** The daily pass; safe to call any number of times a day and from several servers. */
  async function runDaily(): Promise<ReminderRun> {
    const today = todayWib(ctx.clock.now());
    const counts = await ctx.db.transaction().execute(async (trx) => {
      if (ctx.engine === 'postgres') {
        const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`.execute(trx);
        if (!rows[0]?.ok) return null;
      }
      const c = await createReminders(trx, today);
      await recordJob(trx, today, c);
      return c;
    });
    if (!counts) return { date: today, skipped: 'locked', due: 0, created: 0, notified: 0, emailed: 0, emailFailed: 0 };
    const mail = await sendMails(today);
    return { date: today, skipped: null, ...counts, ...mail };
  }

  /** Manual trigger (inspectorate, administrator): the same idempotent pass. */
  async function runNow(actor: Actor) {
    requireRole(actor, ['inspectorate', 'system_admin']);
    return runDaily();
  }

  /**
   * In-process timer (every server; the advisory lock and the per-day rows make it safe): a first pass shortly after
   * start, then hourly, so the day's pass happens soon after midnight WIB. Returns a stop function.
   */
  function startScheduler(log: { error: (obj: object, msg: string) => void }, everyMs = 3_600_000) {
    const tick = () => {
      runDaily().catch((err) => log.error({ err }, 'RTL reminder pass failed'));
    };
    const first = setTimeout(tick, 30_000);
    const timer = setInterval(tick, everyMs);
    first.unref();
    timer.unref();
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }

  return { runDaily, runNow, startScheduler };
}

export type ReminderService = ReturnType<typeof createReminderService>;
