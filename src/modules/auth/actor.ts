/** Roles of DOMAIN §3 (the public `respondent` has no account). */
export const ROLES = [
  'unit_operator',
  'unit_head',
  'skm_coordinator',
  'inspectorate',
  'sakip_manager',
  'planning_bureau',
  'executive_viewer',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles bound to one unit; the others are agency-wide. */
export const UNIT_ROLES: readonly Role[] = ['unit_operator', 'unit_head', 'sakip_manager'];

export interface RoleGrant {
  role: Role;
  /** Unit for unit-scoped roles; null for agency-wide roles. */
  unitId: string | null;
}

/** The authenticated user as every service and policy sees it. */
export interface Actor {
  userId: string;
  username: string;
  fullName: string;
  grants: RoleGrant[];
  mustChangePassword: boolean;
  sessionId: string;
  locale: 'id' | 'en';
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean => actor.grants.some((g) => roles.includes(g.role));
