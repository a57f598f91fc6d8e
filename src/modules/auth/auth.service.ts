import type { AuditService } from '../audit/audit.service.ts';
import type { OrganisationService } from '../organisation/organisation.service.ts';
import type { ServiceContext } from '../service-context.ts';
import type { Actor } from './actor.ts';

// Placeholder until accounts land.
export function createAuthService(_ctx: ServiceContext, _deps: { audit: AuditService; organisation: OrganisationService }) {
  return {
    /** Creates the first system_admin if no user exists; returns the generated password when one was made up. */
    async ensureAdmin(
      _username: string,
      _password: string | undefined,
    ): Promise<{ created: boolean; generatedPassword?: string }> {
      return { created: false };
    },
    /** Resolves a session cookie token to its actor, sliding the idle expiry; null when invalid. */
    async authenticate(_token: string): Promise<Actor | null> {
      return null;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
