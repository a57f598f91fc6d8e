import { AppError, AppErrorCode, notFound } from '../../http/app-error.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newToken } from '../../shared/ids.ts';
import { requireRoleForUnit } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import { paperInstant } from './paper-entry.dates.ts';
import type { PaperResponseBody } from './paper-entry.schema.ts';
import type { SubmitResult } from './response.schema.ts';
import type { ResponseService } from './submit-response.service.ts';
import * as matrixRepo from './validity-matrix.repository.ts';

/**
 * Paper questionnaires typed in by the unit (DOMAIN 5.3, issue 4 item 6): channel `paper_entry`, the
 * operator as `enteredBy`, the date on the form as `submittedAt`, blanks allowed per question. All
 * checks and the write itself are W1's `submit`.
 */

/** The unit's operator enters its paper forms; the coordinator may help any unit. */
export const assertDataEntry = (actor: Actor, unitId: string): Actor =>
  requireRoleForUnit(actor, ['unit_operator', 'skm_coordinator'], unitId);

/** W1 names fields without the `body.` prefix; HTTP callers see the path of their JSON body. */
export function prefixFields(err: unknown, prefix: string): unknown {
  if (err instanceof AppError && err.code === AppErrorCode.VALIDATION && err.fields.length) {
    return new AppError(err.code, err.message, {
      messageKey: err.messageKey,
      ...(err.params ? { params: err.params } : {}),
      fields: err.fields.map((f) => ({ ...f, field: `${prefix}${f.field}` })),
    });
  }
  return err;
}

export function createPaperEntryService(ctx: ServiceContext, deps: { responses: ResponseService }) {
  async function enter(
    actor: Actor,
    campaignId: string,
    unitId: string,
    body: PaperResponseBody,
    locale: Locale,
  ): Promise<SubmitResult> {
    assertDataEntry(actor, unitId);
    const cu = await matrixRepo.campaignAndUnit(ctx.db, campaignId, unitId);
    if (!cu) throw notFound('Kampanye survei');
    const ms = paperInstant(body.submittedAt, cu.time_zone);
    if (ms === null) {
      throw new AppError(AppErrorCode.VALIDATION, t('id', 'error.validation'), {
        messageKey: 'error.validation',
        fields: [{ field: 'body.submittedAt', message: t(locale, 'paper.submittedAt') }],
      });
    }
    try {
      return await deps.responses.submit({
        campaignId,
        unitId,
        unitServiceId: body.unitServiceId,
        channel: 'paper_entry',
        clientSubmissionId: body.clientSubmissionId ?? `paper_${newToken(16)}`,
        submittedAt: new Date(ms).toISOString(),
        enteredBy: actor.userId,
        respondent: body.respondent,
        completionPct: body.completionPct ?? null,
        answers: body.answers,
        suggestion: body.suggestion ?? null,
        locale,
      });
    } catch (err) {
      throw prefixFields(err, 'body.');
    }
  }

  return { enter };
}

export type PaperEntryService = ReturnType<typeof createPaperEntryService>;
