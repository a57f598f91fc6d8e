/** Shapes of the issue-2 API as the admin UI reads them. */
export type Role =
  | 'unit_operator'
  | 'unit_head'
  | 'skm_coordinator'
  | 'inspectorate'
  | 'sakip_manager'
  | 'planning_bureau'
  | 'executive_viewer'
  | 'system_admin';

export const ROLES: Role[] = [
  'system_admin',
  'skm_coordinator',
  'inspectorate',
  'planning_bureau',
  'executive_viewer',
  'unit_head',
  'unit_operator',
  'sakip_manager',
];
/** Roles bound to one unit (the form asks for the unit). */
export const UNIT_ROLES: Role[] = ['unit_operator', 'unit_head', 'sakip_manager'];

export interface RoleGrant {
  role: Role;
  unitId: string | null;
  unitName?: string | null;
}

export type Locale = 'id' | 'en';

export interface Me {
  id: string;
  username: string;
  fullName: string;
  locale: Locale;
  mustChangePassword: boolean;
  roles: RoleGrant[];
}

export interface User {
  id: string;
  username: string;
  fullName: string;
  nip: string | null;
  email: string | null;
  active: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  roles: RoleGrant[];
  createdAt: string;
}

export const UNIT_TYPES = ['agency', 'eselon1', 'bureau', 'directorate', 'centre', 'bbpom', 'bpom', 'loka', 'other'] as const;
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export const DELIVERY_MODES = ['online', 'offline', 'email', 'mixed'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export interface Unit {
  id: string;
  code: string;
  name: string;
  shortName: string;
  type: string;
  groupLabel: string | null;
  parentId: string | null;
  parentName: string | null;
  city: string | null;
  province: string | null;
  timeZone: string;
  isPublicServiceUnit: boolean;
  isSakipEntity: boolean;
  satkerCode: string | null;
  headTitle: string | null;
  validFrom: string;
  validTo: string | null;
  predecessorId: string | null;
  version: number;
  active: boolean;
  serviceCount: number;
}

export interface ServiceType {
  id: string;
  name: string;
  standardForUpt: boolean;
  active: boolean;
}

export interface UnitService {
  id: string;
  unitId: string;
  serviceTypeId: string;
  name: string;
  applicationName: string | null;
  applicationUrl: string | null;
  deliveryMode: DeliveryMode;
  populationDivisor: number;
  active: boolean;
  populations: { year: number; population: number | null }[];
}

export interface Assignment {
  id: string;
  personId: string;
  fullName: string;
  nip: string | null;
  roleCode: string;
  title: string;
  validFrom: string;
  validTo: string | null;
}

export interface Signatory {
  title: string;
  fullName: string;
  nip: string | null;
  acting: boolean;
}

export interface AuditEvent {
  id: string;
  at: string;
  chain: string;
  seq: number;
  unitId: string | null;
  unitName: string | null;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditVerify {
  ok: boolean;
  chains: number;
  events: number;
  problems: { chain: string; seq: number; problem: string }[];
}
