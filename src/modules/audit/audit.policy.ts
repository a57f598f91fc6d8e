import { forbidden } from '../../http/app-error.ts';
import { type Actor, hasRole } from '../auth/actor.ts';

/** The audit trail is read by administrators and the Inspectorate, across every unit (DOMAIN §3). */
export const canReadAudit = (actor: Actor): boolean => hasRole(actor, 'system_admin', 'inspectorate');

export function assertCanReadAudit(actor: Actor): void {
  if (!canReadAudit(actor)) throw forbidden();
}
