import type { CampaignStatus, SkmReportStatus, ValidityMatrixStatus } from '../../db/schema.ts';
import { forbidden } from '../../http/app-error.ts';
import { holdsRoleFor } from '../auth/access.ts';
import { type Actor, hasRole } from '../auth/actor.ts';
import type { CheckCode } from './skm-report.schema.ts';

/**
 * Who may do what with a unit's SKM report, and when it may be submitted (DOMAIN 3, 5.5, 5.6, 5.12.3).
 * The unit writes (operator or head), only the unit head submits, only the SKM coordinator returns or
 * accepts. Reading follows the unit scope (checked by the service with `requireUnitRead`).
 */

/** Campaign states in which a unit may hand its report in (after collection: DOMAIN 5.12.1). */
export const SUBMIT_CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['validating', 'reporting'];

export const skmReportPolicy = {
  canEdit: (actor: Actor, unitId: string): boolean =>
    holdsRoleFor(actor, 'unit_operator', unitId) || holdsRoleFor(actor, 'unit_head', unitId),
  assertEdit(actor: Actor, unitId: string): void {
    if (!skmReportPolicy.canEdit(actor, unitId)) throw forbidden();
  },
  /** The unit head approves by submitting (no four-eyes: the head signs the operator's draft). */
  canSubmit: (actor: Actor, unitId: string): boolean => holdsRoleFor(actor, 'unit_head', unitId),
  assertSubmit(actor: Actor, unitId: string): void {
    if (!skmReportPolicy.canSubmit(actor, unitId)) throw forbidden();
  },
  canReview: (actor: Actor): boolean => hasRole(actor, 'skm_coordinator'),
  assertReview(actor: Actor): void {
    if (!skmReportPolicy.canReview(actor)) throw forbidden();
  },
  /** Content, statement, matrix and justifications change only while the report is a draft of an open campaign. */
  editable: (status: SkmReportStatus, campaignStatus: CampaignStatus): boolean =>
    status === 'draft' && campaignStatus !== 'closed',
};

export interface ServiceShortfall {
  unitServiceId: string;
  serviceName: string;
  target: number;
  valid: number;
}

export interface ReadinessInput {
  statementUploaded: boolean;
  validityMatrix: ValidityMatrixStatus;
  invalidResponses: number;
  services: readonly ServiceShortfall[];
  /** Services with a justification on record. */
  justified: ReadonlySet<string>;
}

export interface Check {
  code: CheckCode;
  ok: boolean;
  /** i18n key and parameters; the service words it in the caller's language. */
  messageKey: string;
  params: Record<string, string | number>;
  unitServiceId: string | null;
  serviceName: string | null;
}

/** D5: a service whose valid responses fall short of its target needs a justification. */
export const shortfallOf = (s: Pick<ServiceShortfall, 'target' | 'valid'>): number => Math.max(0, s.target - s.valid);

/**
 * What DOMAIN 5.12.3 requires before submission: the signed statement, the validity matrix (NIHIL only
 * while the unit has no invalid response), and a justification for every service short of its target.
 * Every item is listed, met or not, so a screen and a refusal show the same list.
 */
export function readinessChecks(input: ReadinessInput): Check[] {
  const checks: Check[] = [
    {
      code: 'statement',
      ok: input.statementUploaded,
      messageKey: input.statementUploaded ? 'skmReport.check.statement.ok' : 'skmReport.check.statement.missing',
      params: {},
      unitServiceId: null,
      serviceName: null,
    },
  ];
  const matrix = input.validityMatrix;
  const nihilContradicted = matrix === 'nihil' && input.invalidResponses > 0;
  checks.push({
    code: 'validityMatrix',
    ok: matrix === 'submitted' || (matrix === 'nihil' && !nihilContradicted),
    messageKey:
      matrix === 'pending'
        ? 'skmReport.check.matrix.missing'
        : nihilContradicted
          ? 'skmReport.check.matrix.nihilContradicted'
          : matrix === 'nihil'
            ? 'skmReport.check.matrix.nihil'
            : 'skmReport.check.matrix.ok',
    params: { n: input.invalidResponses },
    unitServiceId: null,
    serviceName: null,
  });
  for (const s of input.services) {
    const shortfall = shortfallOf(s);
    if (shortfall === 0) continue;
    const ok = input.justified.has(s.unitServiceId);
    checks.push({
      code: 'shortfallJustification',
      ok,
      messageKey: ok ? 'skmReport.check.justification.ok' : 'skmReport.check.justification.missing',
      params: { service: s.serviceName, target: s.target, valid: s.valid, shortfall },
      unitServiceId: s.unitServiceId,
      serviceName: s.serviceName,
    });
  }
  return checks;
}

/** Late: still a draft after the deadline day (in the unit's own calendar). */
export const isLate = (status: SkmReportStatus, deadline: string | null, today: string): boolean =>
  status === 'draft' && deadline !== null && today > deadline;
