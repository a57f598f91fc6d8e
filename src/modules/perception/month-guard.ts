import type { Db } from '../../db/connection.ts';
import { localMonth } from '../../domain/core/instant.ts';
import { shippedProfile } from '../../domain/profiles/shipped-profiles.ts';
import { AppError, AppErrorCode } from '../../http/app-error.ts';
import { t } from '../../shared/i18n/index.ts';
import * as repo from './perception.repository.ts';

/**
 * DOMAIN 6.8: invalidations may change eligibility only until the month is frozen. Cleansing calls this
 * before every validity change (in its transaction): a response that could be selected for a frozen
 * SPKP/SPAK month (100% completion, DOMAIN 6.4) must not move, or the frozen IPP/IPAK would no longer
 * match its data. 409 naming the month; a correction is a restatement.
 */
export async function assertPerceptionMonthNotFrozen(db: Db, responseId: string): Promise<void> {
  const f = await repo.responseMonthFacts(db, responseId);
  if (f?.completion_pct !== 100) return;
  const profile = shippedProfile(f.profile_code);
  if (!profile?.instruments.spkp && !profile?.instruments.spak) return;
  const p = localMonth(Date.parse(f.submitted_at), f.time_zone);
  const row = await repo.findMonth(db, f.unit_id, Number(p.slice(0, 4)), Number(p.slice(5, 7)));
  if (row?.status === 'frozen') {
    const params = { period: p };
    throw new AppError(AppErrorCode.INVALID_STATE, t('id', 'perception.frozenCleansing', params), {
      messageKey: 'perception.frozenCleansing',
      params,
    });
  }
}
