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

// ---- Surveys (migration 0010-surveys; DOMAIN 4.6, 5.3–5.6, 6.1) ----

export type CampaignStatus = 'draft' | 'targets_set' | 'collecting' | 'validating' | 'reporting' | 'closed';
export type ResponseValidity = 'valid' | 'invalidation_proposed' | 'invalid';
export type ResponseChannel = 'link' | 'embedded' | 'paper_entry' | 'api';

export interface SkmCampaignTable {
  id: string;
  kind: 'skm' | 'perception';
  year: number;
  name: string;
  profile_code: string;
  profile_version: number;
  circular_ref: string | null;
  circular_date: string | null;
  prep_service_data_window: string | null;
  prep_target_window: string | null;
  processing_window: string | null;
  /** Local dates `YYYY-MM-DD`, inclusive (D17). */
  collection_start: string;
  collection_end: string;
  /** collection_end or the latest extension's new end. */
  effective_end: string;
  validity_matrix_due: string | null;
  report_due: string | null;
  periodicity_label: string;
  status: CampaignStatus;
  allow_embedding: Bool;
  embed_origins_json: string;
  is_demo: Bool;
  retention_days: number | null;
  personal_data_purged_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
}

export interface CampaignExtensionTable {
  id: string;
  campaign_id: string;
  previous_end: string;
  new_end: string;
  reason: string;
  letter_ref: string;
  decided_by: string | null;
  decided_at: string;
}

export interface CampaignUnitTable {
  campaign_id: string;
  unit_id: string;
  last_seq_no: number;
  added_at: string;
}

export interface CampaignTargetTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  unit_service_id: string;
  /** null = printed "N/A" (counts as 0). */
  prev_year_population: number | null;
  divisor: number;
  population_period: number;
  computed_target: number;
  target: number;
  overridden: Bool;
  override_reason: string | null;
  overridden_by: string | null;
  overridden_at: string | null;
  n_submitted: number;
  n_valid: number;
  n_counted: number;
  created_at: string;
  updated_at: string;
}

export interface SurveyLinkTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  unit_service_id: string | null;
  kind: 'unit' | 'service';
  token: string;
  short_alias: string | null;
  active: Bool;
  replaced_by: string | null;
  created_by: string | null;
  created_at: string;
  deactivated_at: string | null;
}

export interface SurveyResponseTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  unit_service_id: string;
  link_id: string | null;
  seq_no: number;
  submitted_at: string;
  client_submission_id: string;
  channel: ResponseChannel;
  entered_by: string | null;
  profile_code: string;
  profile_version: number;
  full_name_enc: string | null;
  phone_enc: string | null;
  institution_enc: string | null;
  phone_bidx: string | null;
  name_bidx: string | null;
  age: number | null;
  sex: string | null;
  education: string | null;
  occupation: string | null;
  completion_pct: number | null;
  suggestion: string | null;
  /** `{questionCode: score}`; blanks (paper entries) are absent keys. */
  answers_json: string;
  validity: ResponseValidity;
  ip_hmac: string | null;
  is_demo: Bool;
  duplicate_hint: 'phone' | 'name_service' | null;
  duplicate_of_id: string | null;
  locale: string | null;
  personal_purged_at: string | null;
  created_at: string;
}

export interface ResponseInvalidationTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  response_id: string;
  reason: 'duplicate' | 'not_a_customer' | 'unclear_identity';
  note: string | null;
  proposed_by: string;
  proposed_at: string;
  decision: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  reinstated_by: string | null;
  reinstated_at: string | null;
  reinstate_reason: string | null;
}

export interface ShortfallJustificationTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  unit_service_id: string;
  text: string;
  entered_by: string;
  entered_at: string;
}

export interface ResultSnapshotTable {
  id: string;
  kind: string;
  scope_key: string;
  scope_json: string;
  unit_id: string | null;
  unit_service_id: string | null;
  campaign_id: string | null;
  period_ref: string;
  source: 'computed' | 'imported';
  inputs_hash: string | null;
  algorithm_version: string;
  profile_code: string | null;
  profile_version: number | null;
  values_json: string;
  version: number;
  supersedes_id: string | null;
  restatement_reason: string | null;
  frozen_at: string;
  frozen_by: string | null;
}

export interface ApiKeyTable {
  id: string;
  unit_id: string;
  campaign_id: string;
  unit_service_id: string | null;
  name: string;
  key_hash: string;
  key_prefix: string;
  active: Bool;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ServiceTallyTable {
  campaign_id: string;
  unit_id: string;
  unit_service_id: string;
  question_code: string;
  sum: number;
  answered: number;
  updated_at: string;
}

export interface PerceptionMonthTable {
  id: string;
  unit_id: string;
  year: number;
  month: number;
  profile_code: string;
  profile_version: number;
  status: 'open' | 'closed' | 'frozen';
  recipients_full_completion: number | null;
  closed_at: string | null;
  frozen_at: string | null;
  frozen_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PerceptionSelectionTable {
  perception_month_id: string;
  unit_id: string;
  response_id: string;
  eligible: Bool;
  selected: Bool;
  rank: number | null;
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
  skm_campaign: SkmCampaignTable;
  campaign_extension: CampaignExtensionTable;
  campaign_unit: CampaignUnitTable;
  campaign_target: CampaignTargetTable;
  survey_link: SurveyLinkTable;
  survey_response: SurveyResponseTable;
  response_invalidation: ResponseInvalidationTable;
  shortfall_justification: ShortfallJustificationTable;
  result_snapshot: ResultSnapshotTable;
  api_key: ApiKeyTable;
  service_tally: ServiceTallyTable;
  perception_month: PerceptionMonthTable;
  perception_selection: PerceptionSelectionTable;
}
