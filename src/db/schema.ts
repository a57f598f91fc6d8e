import type { Generated } from 'kysely';

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
  /** Migration 0030: who started the job and for which unit (who may read it). */
  created_by?: string | null;
  unit_id?: string | null;
  total?: number | null;
  processed?: number | null;
  /** `[{row, column, key, params}]`, rendered in the reader's language. */
  errors_json?: string | null;
  result_json?: string | null;
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
  /** 0020: 1 inside the D5 counted window of its service. */
  counted: Generated<Bool>;
  /** 0020: `YYYY-MM` of submitted_at in the unit's time zone (D17). */
  local_month: string | null;
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
  /** Migration 0030: where imported published values come from (document, page/lines). */
  source_note?: string | null;
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

/** 0020: per-service integer summary beside `service_tally` (counted responses only). */
export interface ServiceTallySummaryTable {
  campaign_id: string;
  unit_id: string;
  unit_service_id: string;
  respondents: number;
  complete: number;
  sum_z: number;
  sum_z2: number;
  updated_at: string;
}

export interface RtlRecommendationTable {
  id: string;
  basis_campaign_id: string | null;
  basis_year: number;
  number: number;
  type: 'grade_c_elements' | 'largest_declines' | 'lowest_elements' | 'custom';
  official_text: string;
  target_year: number;
  origin: 'generated' | 'custom' | 'imported';
  corrected: Bool;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RtlAssignmentTable {
  id: string;
  recommendation_id: string;
  unit_id: string;
  required_items_json: string;
  applicable: Bool;
  basis_snapshots_json: string;
  corrected: Bool;
  corrected_at: string | null;
  correction_note: string | null;
  plan_status: 'draft' | 'submitted' | 'approved';
  submitted_by: string | null;
  submitted_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActionPlanTable {
  id: string;
  unit_id: string;
  assignment_id: string | null;
  source: string;
  source_ref: string | null;
  all_services: Bool;
  unit_service_ids_json: string;
  element_codes_json: string;
  priority_rank: number | null;
  cause_analysis: string | null;
  action_text: string;
  sub_actions_json: string;
  timeline_raw: string | null;
  timeline_date: string | null;
  pic: string | null;
  suggestion_response_ids_json: string;
  implementation_status: 'planned' | 'in_progress' | 'done' | 'not_done';
  realisation_text: string | null;
  realised_at: string | null;
  obstacles: string | null;
  strategy_json: string | null;
  evaluation_status: 'unevaluated' | 'open' | 'close';
  seq: number;
  historical: Bool;
  counted: Bool;
  element_codes_raw: string | null;
  source_line: number | null;
  warnings_json: string;
  withdrawn_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface EvidenceTable {
  id: string;
  unit_id: string;
  owner_type: string;
  owner_id: string;
  kind: 'file' | 'url';
  blob_key: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  url: string | null;
  description: string | null;
  supersedes_id: string | null;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface MonitoringCycleTable {
  id: string;
  name: string;
  year: number;
  semester: number;
  basis_campaign_id: string | null;
  basis_year: number;
  assignment_letter_no: string | null;
  assignment_letter_date: string | null;
  cutoff_date: string;
  report_date: string | null;
  team_json: string;
  status: 'draft' | 'open' | 'cut_off' | 'reported' | 'closed';
  historical: Bool;
  previous_cycle_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  cut_off_at: string | null;
  reported_at: string | null;
  closed_at: string | null;
}

export interface ActionEvaluationTable {
  id: string;
  cycle_id: string;
  unit_id: string;
  action_plan_id: string;
  status: 'open' | 'close';
  reason_code: string | null;
  note: string | null;
  evaluation_date: string;
  evaluated_by: string | null;
  evaluated_at: string;
  warnings_json: string;
}

export interface ActionEvaluationUpdateTable {
  id: string;
  evaluation_id: string;
  unit_id: string;
  update_date: string;
  text: string;
  created_by: string | null;
  created_at: string;
}

export interface CycleUnitSummaryTable {
  id: string;
  cycle_id: string;
  unit_id: string;
  stage: 'cut_off' | 'reported';
  unit_type_label: string;
  jr: number;
  jru: number;
  jra: number;
  closed_count: number;
  pct: string | null;
  missing_json: string;
  open_elements_json: string;
  open_without_element: number;
  overdue_count: number;
  keterangan: string;
  frozen_at: string;
  frozen_by: string | null;
}

export interface PerceptionFollowupTable {
  id: string;
  unit_id: string;
  instrument: 'spkp' | 'spak';
  year: number;
  month: number;
  state: 'actions' | 'no_action_needed';
  justification: string | null;
  recorded_by: string | null;
  recorded_at: string;
  updated_at: string;
}

/* ---------- Issue 7: SAKIP performance (migration 0050) ---------- */

export interface PerfEntitySettingTable {
  unit_id: string;
  overall_method: 'mean_of_perspectives' | 'mean_of_sasaran';
  aggregation_cap: string | null;
  efficiency_rows: 'sasaran' | 'indicator';
  efficiency_total_method: 'pooled' | 'mean_of_all_rows';
  updated_by: string | null;
  updated_at: string;
}

export interface PerfPerspectiveTable {
  id: string;
  unit_id: string;
  code: string;
  name: string;
  sort_order: number;
  created_at: string;
}

export interface PerfSasaranTable {
  id: string;
  unit_id: string;
  perspective_id: string;
  code: string;
  name: string;
  level: string;
  sort_order: number;
  valid_from_year: number;
  valid_to_year: number | null;
  created_at: string;
  updated_at: string;
}

export interface PerfIndicatorTable {
  id: string;
  unit_id: string;
  sasaran_id: string;
  code: string;
  name: string;
  unit_of_measure: string;
  polarity: 'maximize' | 'minimize';
  minimize_formula: 'two_minus_ratio' | 'target_over_realisation' | null;
  formula_type: string;
  formula_params_json: string;
  frequency: string;
  target_pattern: string;
  data_source_text: string | null;
  responsible_team: string | null;
  weight: string;
  parent_indicator_id: string | null;
  /** Migration 0090: the indicator of the previous plan period this one renames or replaces. */
  predecessor_indicator_id: string | null;
  linked_campaign_id: string | null;
  linked_from_month: number | null;
  sort_order: number;
  valid_from_year: number;
  valid_to_year: number | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PerfTargetVersionTable {
  id: string;
  unit_id: string;
  indicator_id: string;
  year: number;
  source: 'renstra' | 'renstra_revision' | 'rkt' | 'pk' | 'pk_revision';
  version: number;
  label: string | null;
  annual_target: string | null;
  monthly_json: string;
  budget: string | null;
  in_force: Bool;
  document_ref: string | null;
  revision_request_id: string | null;
  created_by: string | null;
  created_at: string;
}

export interface PerfRealisationTable {
  id: string;
  unit_id: string;
  indicator_id: string;
  year: number;
  month: number;
  input_json: string;
  value: string | null;
  as_of_date: string | null;
  evidence_json: string;
  obstacles: string | null;
  note: string | null;
  status: 'draft' | 'submitted' | 'verified' | 'needs_revision';
  review_note: string | null;
  entered_by: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  verified_by: string | null;
  verified_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PerfPeriodLockTable {
  id: string;
  unit_id: string;
  year: number;
  quarter: number;
  finalised_by: string | null;
  finalised_at: string;
  result_json: string;
}

export interface PerfLapkinWorkflowTable {
  id: string;
  unit_id: string;
  year: number;
  quarter: number;
  status: 'draft' | 'reviewed' | 'finalised' | 'submitted';
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  submitted_to: string | null;
  updated_at: string;
}

export interface PerfPlanReviewTable {
  id: string;
  unit_id: string;
  year: number;
  status: 'submitted' | 'approved' | 'needs_revision';
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  note: string | null;
}

export interface PerfRevisionRequestTable {
  id: string;
  unit_id: string;
  year: number;
  status: 'submitted' | 'reviewed' | 'applied';
  letter_no: string | null;
  letter_date: string | null;
  pk_revision_ground: 'official_replaced' | 'strategy_change' | 'priority_change' | null;
  requested_by: string;
  requested_at: string;
  review_letter_no: string | null;
  decided_by: string | null;
  decided_at: string | null;
  applied_by: string | null;
  applied_at: string | null;
}

export interface PerfRevisionLineTable {
  id: string;
  request_id: string;
  unit_id: string;
  indicator_id: string;
  line_no: number;
  current_version_id: string;
  current_annual: string | null;
  proposed_annual: string | null;
  current_monthly_json: string;
  proposed_monthly_json: string;
  justification: string;
  check_json: string;
  verdict: 'agreed' | 'agreed_with_justification' | 'rejected' | 'flat_required' | null;
  reviewer_note: string | null;
  applied_version_id: string | null;
}

export interface PerfBudgetImportTable {
  id: string;
  unit_id: string;
  year: number;
  source: 'xlsx' | 'json';
  file_name: string | null;
  row_count: number;
  imported_by: string | null;
  imported_at: string;
}

export interface PerfBudgetRowTable {
  id: string;
  import_id: string;
  unit_id: string;
  year: number;
  row_no: number;
  kind: 'pagu' | 'blocked' | 'allocation' | 'plan' | 'realisation';
  month: number | null;
  spending_type: 'pegawai' | 'barang' | 'modal' | null;
  sasaran_id: string | null;
  indicator_id: string | null;
  shared_key: string | null;
  amount: string;
  note: string | null;
}

/** Migration 0090: a written LAPKIN section (DOMAIN 8.13); numbers are never typed here. */
export interface PerfNarrativeTable {
  id: string;
  unit_id: string;
  year: number;
  quarter: number;
  scope: 'entity' | 'sasaran' | 'indicator';
  scope_id: string;
  section: string;
  body: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

export interface PerfNkaTable {
  id: string;
  unit_id: string;
  year: number;
  month: number;
  eka: string;
  ikpa: string | null;
  ikpa_scores_json: string | null;
  source_note: string | null;
  updated_by: string | null;
  updated_at: string;
}

// ---- Reports (migration 0070-reports; DOMAIN 5.12.3, 5.13, 6.9) ----

export type SkmReportStatus = 'draft' | 'submitted' | 'accepted';
export type ValidityMatrixStatus = 'pending' | 'submitted' | 'nihil';

export interface SkmReportTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  status: SkmReportStatus;
  /** `Partial<Record<ReportSectionKey, string>>` as JSON. */
  sections_json: string;
  /** `[{activity, start, end}]` as JSON. */
  timeline_json: string;
  statement_evidence_id: string | null;
  validity_matrix_status: ValidityMatrixStatus;
  validity_matrix_at: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface IssuedDocumentTable {
  id: string;
  kind: string;
  format: string;
  campaign_id: string | null;
  unit_id: string | null;
  snapshot_version: number | null;
  blob_key: string | null;
  file_name: string;
  sha256: string | null;
  size_bytes: number | null;
  corrected: number;
  created_by: string | null;
  created_at: string;
}

export interface HolidayTable {
  id: string;
  date: string;
  name: string;
  unit_id: string | null;
  created_by: string | null;
  created_at: string;
}

/** Migration 0080 (issue 6 item 9): one RTL deadline reminder per action and WIB day. */
export interface RtlReminderTable {
  id: string;
  action_plan_id: string;
  unit_id: string;
  reminder_date: string;
  due_date: string;
  notified: number;
  email_to_json: string | null;
  emailed_at: string | null;
  email_attempts: number;
  email_error: string | null;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  unit_id: string | null;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_by: string | null;
  created_at: string;
  read_at: string | null;
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
  service_tally_summary: ServiceTallySummaryTable;
  perception_month: PerceptionMonthTable;
  perception_selection: PerceptionSelectionTable;
  rtl_recommendation: RtlRecommendationTable;
  rtl_assignment: RtlAssignmentTable;
  action_plan: ActionPlanTable;
  evidence: EvidenceTable;
  monitoring_cycle: MonitoringCycleTable;
  action_evaluation: ActionEvaluationTable;
  action_evaluation_update: ActionEvaluationUpdateTable;
  cycle_unit_summary: CycleUnitSummaryTable;
  perception_followup: PerceptionFollowupTable;
  perf_entity_setting: PerfEntitySettingTable;
  perf_perspective: PerfPerspectiveTable;
  perf_sasaran: PerfSasaranTable;
  perf_indicator: PerfIndicatorTable;
  perf_target_version: PerfTargetVersionTable;
  perf_realisation: PerfRealisationTable;
  perf_period_lock: PerfPeriodLockTable;
  perf_lapkin_workflow: PerfLapkinWorkflowTable;
  perf_plan_review: PerfPlanReviewTable;
  perf_revision_request: PerfRevisionRequestTable;
  perf_revision_line: PerfRevisionLineTable;
  perf_budget_import: PerfBudgetImportTable;
  perf_budget_row: PerfBudgetRowTable;
  perf_nka: PerfNkaTable;
  perf_narrative: PerfNarrativeTable;
  skm_report: SkmReportTable;
  issued_document: IssuedDocumentTable;
  holiday: HolidayTable;
  notification: NotificationTable;
  rtl_reminder: RtlReminderTable;
}
