/**
 * Kysely table types. Portable conventions (SQLite and PostgreSQL):
 * - ids are app-generated UUIDv7 text;
 * - timestamps are ISO-8601 UTC text (`2026-11-22T10:00:00.000Z`), dates are `YYYY-MM-DD` text;
 * - booleans are integers 0/1; JSON is text;
 * - counted numbers are integers, derived results are decimal strings at full precision.
 * Every unit-owned table carries `unit_id` (the future Citus distribution column).
 */
export type Bool = 0 | 1;

export interface OrgUnitTable {
  id: string;
  code: string;
  name: string;
  short_name: string;
  type: string;
  group_label: string | null;
  parent_id: string | null;
  location_qualifier: string | null;
  city: string | null;
  province: string | null;
  time_zone: string;
  is_public_service_unit: Bool;
  is_sakip_entity: Bool;
  satker_code: string | null;
  head_title: string | null;
  valid_from: string;
  valid_to: string | null;
  predecessor_id: string | null;
  version: number;
  active: Bool;
  created_at: string;
  updated_at: string;
}

export interface ServiceTypeTable {
  id: string;
  name: string;
  regulation_ref: string | null;
  standard_for_upt: Bool;
  active: Bool;
  created_at: string;
}

export interface UnitServiceTable {
  id: string;
  unit_id: string;
  service_type_id: string;
  application_name: string | null;
  application_url: string | null;
  delivery_mode: string;
  population_divisor: number;
  active: Bool;
  created_at: string;
  updated_at: string;
}

/** Service recipients per year; `population` null = printed "N/A". */
export interface UnitServicePopulationTable {
  unit_id: string;
  unit_service_id: string;
  year: number;
  population: number | null;
  source: string | null;
}

export interface PersonTable {
  id: string;
  full_name: string;
  nip: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
}

export interface AssignmentTable {
  id: string;
  person_id: string;
  unit_id: string;
  role_code: string;
  title: string;
  valid_from: string;
  valid_to: string | null;
  created_at: string;
}

export interface AppUserTable {
  id: string;
  username: string;
  full_name: string;
  nip: string | null;
  email: string | null;
  person_id: string | null;
  password_hash: string;
  must_change_password: Bool;
  failed_logins: number;
  locked_at: string | null;
  active: Bool;
  locale: string;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  id: string;
  user_id: string;
  role: string;
  /** null for global roles (system_admin, skm_coordinator, …). */
  unit_id: string | null;
  created_at: string;
}

export interface SessionTable {
  /** sha256 hex of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  absolute_expires_at: string;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RateLimitTable {
  key: string;
  window_start: number;
  count: number;
}

export interface AuditEventTable {
  id: string;
  /** `global` or a unit id: one hash chain per unit plus one for global data. */
  chain: string;
  seq: number;
  unit_id: string | null;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  chain: string;
  seq: number;
  hash: string;
}

export interface JobTable {
  id: string;
  kind: string;
  payload_json: string;
  status: string;
  run_at: string;
  locked_until: string | null;
  attempts: number;
  last_error: string | null;
  progress: number;
  created_at: string;
  updated_at: string;
}

export interface AppSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  org_unit: OrgUnitTable;
  service_type: ServiceTypeTable;
  unit_service: UnitServiceTable;
  unit_service_population: UnitServicePopulationTable;
  person: PersonTable;
  assignment: AssignmentTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  password_reset: PasswordResetTable;
  rate_limit: RateLimitTable;
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  job: JobTable;
  app_setting: AppSettingTable;
}
