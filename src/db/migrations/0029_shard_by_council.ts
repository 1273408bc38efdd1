import { sql, type Kysely } from 'kysely';

/**
 * Ready to shard by council (decision 0024). Every table holding a council's rows can be
 * spread over several PostgreSQL servers by `council_id` (Citus distributes such a table by a
 * column, and each council's rows of every table then live together on one server):
 *
 * - every primary key begins with `council_id`: (council_id, id), or council_id before the
 *   columns of a key that was not `id`. A distributed table's primary and unique keys must
 *   hold its distribution column, so every unique key that lacked it gains it too (two rows
 *   that were unique before still are: the old columns remain in the key);
 * - every foreign key from one council's table to another names council_id on both sides,
 *   `(council_id, x_id) references other (council_id, id)`, so the database itself refuses a
 *   row that points into another council. Row-level security filters what a request sees; it
 *   does not check the row a foreign key points at, and an owner's or system's write bypasses
 *   it altogether. Each key keeps its ON DELETE behaviour; the one that sets null sets only its
 *   own column (`on delete set null (x_id)`), never council_id. Foreign keys to `councils`
 *   stay as they are: councils is the one global table a council's rows refer to;
 * - every such foreign key is served by an index that begins (council_id, x_id), added here
 *   where migration 0025 did not already give one.
 *
 * The statements were read off the catalogue after migration 0028 and are written out, so
 * that what this migration does can be read, and so that it does the same on every database.
 * `src/db/sharding.test.ts` holds every table, now and later, to the same three rules.
 *
 * In three steps, each grouped by table: the foreign keys between councils' tables go (they
 * depend on the keys that change); the keys are made again with council_id first; the foreign
 * keys come back carrying council_id, with their indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // 1. Foreign keys between councils' tables, which hang on the primary keys about to change.
  await sql`
    alter table account_links
      drop constraint account_links_created_by_fkey,
      drop constraint account_links_person_id_fkey;
    alter table agenda_comments
      drop constraint agenda_comments_author_id_fkey,
      drop constraint agenda_comments_meeting_id_fkey;
    alter table agenda_items
      drop constraint agenda_items_matter,
      drop constraint agenda_items_meeting_id_fkey,
      drop constraint agenda_items_request_id_fkey;
    alter table agenda_papers
      drop constraint agenda_papers_agenda_item_id_fkey,
      drop constraint agenda_papers_created_by_fkey,
      drop constraint agenda_papers_document,
      drop constraint agenda_papers_meeting_id_fkey,
      drop constraint agenda_papers_request_id_fkey;
    alter table agenda_requests
      drop constraint agenda_requests_decided_by_fkey,
      drop constraint agenda_requests_meeting_id_fkey,
      drop constraint agenda_requests_recorded_by_fkey,
      drop constraint agenda_requests_requested_by_fkey;
    alter table agreed_actions
      drop constraint agreed_actions_decided_by_fkey,
      drop constraint agreed_actions_meeting_id_fkey,
      drop constraint agreed_actions_recorded_by_fkey,
      drop constraint agreed_actions_resolution_id_fkey,
      drop constraint agreed_actions_task_id_fkey;
    alter table appointment_candidates
      drop constraint appointment_candidates_appointment_id_fkey,
      drop constraint appointment_candidates_paper_document_id_fkey;
    alter table appointment_panel
      drop constraint appointment_panel_appointment_id_fkey,
      drop constraint appointment_panel_person_id_fkey;
    alter table appointment_scores
      drop constraint appointment_scores_candidate_id_fkey,
      drop constraint appointment_scores_scorer_id_fkey;
    alter table appointments
      drop constraint appointments_created_by_fkey,
      drop constraint appointments_resolution_id_fkey;
    alter table bulletin_recipients
      drop constraint bulletin_recipients_bulletin_id_council_id_fkey,
      drop constraint bulletin_recipients_person_id_fkey;
    alter table bulletins
      drop constraint bulletins_author_id_fkey;
    alter table calendar_feeds
      drop constraint calendar_feeds_person_id_fkey;
    alter table committee_members
      drop constraint committee_members_committee_id_fkey,
      drop constraint committee_members_person_id_fkey;
    alter table committees
      drop constraint committees_chair_id_fkey,
      drop constraint committees_vice_chair_id_fkey;
    alter table concern_cases
      drop constraint concern_cases_about_person_id_fkey,
      drop constraint concern_cases_passed_on_by_fkey,
      drop constraint concern_cases_personnel_committee_id_fkey,
      drop constraint concern_cases_raised_by_fkey;
    alter table concern_disclosures
      drop constraint concern_disclosures_case_id_council_id_fkey,
      drop constraint concern_disclosures_disclosed_by_fkey,
      drop constraint concern_disclosures_person_id_fkey;
    alter table concern_entries
      drop constraint concern_entries_author_id_fkey,
      drop constraint concern_entries_case_id_council_id_fkey,
      drop constraint concern_entries_contact_id_fkey;
    alter table concern_handlers
      drop constraint concern_handlers_case_id_council_id_fkey,
      drop constraint concern_handlers_person_id_fkey;
    alter table concern_stages
      drop constraint concern_stages_case_id_council_id_fkey;
    alter table conduct_acknowledgements
      drop constraint conduct_acknowledgements_person_id_fkey;
    alter table conduct_referrals
      drop constraint conduct_referrals_contact_id_fkey,
      drop constraint conduct_referrals_councillor_id_fkey,
      drop constraint conduct_referrals_referred_by_fkey;
    alter table confidential_recipients
      drop constraint confidential_recipients_document_id_council_id_fkey,
      drop constraint confidential_recipients_issued_by_fkey,
      drop constraint confidential_recipients_person_id_fkey;
    alter table contact_report_recipients
      drop constraint contact_report_recipients_person_id_fkey,
      drop constraint contact_report_recipients_report_id_council_id_fkey;
    alter table contact_reports
      drop constraint contact_reports_councillor_id_fkey,
      drop constraint contact_reports_reporter_id_fkey;
    alter table dispensation_items
      drop constraint dispensation_items_agenda_item_id_fkey,
      drop constraint dispensation_items_dispensation_id_council_id_fkey;
    alter table dispensation_matters
      drop constraint dispensation_matters_dispensation_id_council_id_fkey,
      drop constraint dispensation_matters_matter_id_council_id_fkey;
    alter table dispensations
      drop constraint dispensations_decided_by_fkey,
      drop constraint dispensations_person_id_fkey,
      drop constraint dispensations_requested_by_fkey,
      drop constraint dispensations_resolution_id_fkey;
    alter table document_files
      drop constraint document_files_document_id_council_id_fkey;
    alter table document_matters
      drop constraint document_matters_document_id_council_id_fkey,
      drop constraint document_matters_matter_id_council_id_fkey;
    alter table documents
      drop constraint documents_uploaded_by_fkey;
    alter table enquiries
      drop constraint enquiries_councillor_id_fkey;
    alter table enquiry_messages
      drop constraint enquiry_messages_author_id_fkey,
      drop constraint enquiry_messages_enquiry_id_council_id_fkey;
    alter table equipment_loans
      drop constraint equipment_loans_issued_by_fkey,
      drop constraint equipment_loans_item_id_fkey,
      drop constraint equipment_loans_person_id_fkey;
    alter table group_members
      drop constraint group_members_group_id_fkey,
      drop constraint group_members_person_id_fkey;
    alter table group_notices
      drop constraint group_notices_group_id_council_id_fkey,
      drop constraint group_notices_report_id_council_id_fkey;
    alter table group_reports
      drop constraint group_reports_author_id_fkey,
      drop constraint group_reports_group_id_council_id_fkey,
      drop constraint group_reports_request_id_fkey;
    alter table group_requests
      drop constraint group_requests_assigned_to_fkey,
      drop constraint group_requests_decided_by_fkey,
      drop constraint group_requests_group_id_council_id_fkey,
      drop constraint group_requests_requested_by_fkey;
    alter table induction_reminders
      drop constraint induction_reminders_person_id_fkey;
    alter table interest_matters
      drop constraint interest_matters_interest_id_council_id_fkey,
      drop constraint interest_matters_matter_id_council_id_fkey;
    alter table interest_nil_returns
      drop constraint interest_nil_returns_person_id_fkey,
      drop constraint interest_nil_returns_recorded_by_fkey;
    alter table interests
      drop constraint interests_person_id_fkey,
      drop constraint interests_recorded_by_fkey,
      drop constraint interests_supersedes_council_id_fkey;
    alter table meeting_attendance
      drop constraint meeting_attendance_meeting_id_fkey,
      drop constraint meeting_attendance_person_id_fkey,
      drop constraint meeting_attendance_recorded_by_fkey;
    alter table meeting_declarations
      drop constraint meeting_declarations_agenda_item_id_fkey,
      drop constraint meeting_declarations_dispensation_id_council_id_fkey,
      drop constraint meeting_declarations_meeting_id_fkey,
      drop constraint meeting_declarations_person_id_fkey,
      drop constraint meeting_declarations_recorded_by_fkey;
    alter table meetings
      drop constraint meetings_committee_id_fkey,
      drop constraint meetings_created_by_fkey,
      drop constraint meetings_minutes_approved_at_fkey;
    alter table officer_interests
      drop constraint officer_interests_matter_id_council_id_fkey,
      drop constraint officer_interests_person_id_fkey;
    alter table officer_report_versions
      drop constraint officer_report_versions_changed_by_fkey,
      drop constraint officer_report_versions_report_id_council_id_fkey;
    alter table officer_report_views
      drop constraint officer_report_views_councillor_id_fkey,
      drop constraint officer_report_views_report_id_council_id_fkey;
    alter table officer_reports
      drop constraint officer_reports_agenda_item_id_fkey,
      drop constraint officer_reports_author_id_fkey;
    alter table officer_tasks
      drop constraint officer_tasks_assigned_to_fkey,
      drop constraint officer_tasks_created_by_fkey,
      drop constraint officer_tasks_resolution_id_fkey;
    alter table outbox_messages
      drop constraint outbox_messages_meeting_id_fkey,
      drop constraint outbox_messages_posted_by_fkey,
      drop constraint outbox_messages_recipient_id_fkey;
    alter table political_groups
      drop constraint political_groups_leader_id_fkey;
    alter table protocol_acknowledgements
      drop constraint protocol_acknowledgements_person_id_fkey,
      drop constraint protocol_acknowledgements_version_id_fkey;
    alter table protocol_clauses
      drop constraint protocol_clauses_version_id_fkey;
    alter table protocol_versions
      drop constraint protocol_versions_based_on_fkey,
      drop constraint protocol_versions_drafted_by_fkey,
      drop constraint protocol_versions_resolution_id_fkey;
    alter table resolutions
      drop constraint resolutions_agenda_item_id_fkey,
      drop constraint resolutions_meeting_id_fkey,
      drop constraint resolutions_recorded_by_fkey;
    alter table retention_holds
      drop constraint retention_holds_placed_by_fkey;
    alter table sessions
      drop constraint sessions_person_id_fkey;
    alter table staff_messages
      drop constraint staff_messages_recipient_id_fkey,
      drop constraint staff_messages_sender_id_fkey;
    alter table subject_access_reminders
      drop constraint subject_access_reminders_request_id_council_id_fkey;
    alter table subject_access_requests
      drop constraint subject_access_requests_person_id_fkey,
      drop constraint subject_access_requests_recorded_by_fkey,
      drop constraint subject_access_requests_sent_by_fkey;
    alter table summons_preferences
      drop constraint summons_preferences_person_id_fkey;
    alter table task_notes
      drop constraint task_notes_author_id_fkey,
      drop constraint task_notes_task_id_fkey;
    alter table training_plans
      drop constraint training_plans_recorded_by_fkey,
      drop constraint training_plans_resolution_id_fkey;
    alter table training_records
      drop constraint training_records_certificate_document_id_fkey,
      drop constraint training_records_person_id_fkey,
      drop constraint training_records_recorded_by_fkey,
      drop constraint training_records_requirement_id_fkey;
    alter table training_reminders
      drop constraint training_reminders_person_id_fkey,
      drop constraint training_reminders_requirement_id_fkey;
    alter table training_requests
      drop constraint training_requests_closed_by_fkey,
      drop constraint training_requests_person_id_fkey;
    alter table two_step_challenges
      drop constraint two_step_challenges_person_id_fkey;
    alter table two_step_recovery_codes
      drop constraint two_step_recovery_codes_person_id_fkey;
    alter table two_step_secrets
      drop constraint two_step_secrets_person_id_fkey;
  `.execute(db);

  // 2. Primary keys, and unique keys, with council_id first.
  await sql`
    -- account_links
    alter table account_links drop constraint account_links_pkey, add primary key (council_id, id);
    alter table account_links
      drop constraint account_links_token_hash_key,
      add constraint account_links_council_id_token_hash_key unique (council_id, token_hash);
    -- agenda_comments
    alter table agenda_comments drop constraint agenda_comments_pkey, add primary key (council_id, id);
    -- agenda_items
    alter table agenda_items drop constraint agenda_items_pkey, add primary key (council_id, id);
    alter table agenda_items
      drop constraint agenda_items_meeting_id_position_key,
      add constraint agenda_items_council_id_meeting_id_position_key unique (council_id, meeting_id, position);
    -- agenda_papers
    alter table agenda_papers drop constraint agenda_papers_pkey, add primary key (council_id, id);
    drop index agenda_papers_document_item;
    create unique index agenda_papers_document_item on agenda_papers (council_id, document_id, agenda_item_id) where (document_id IS NOT NULL);
    -- agenda_requests
    alter table agenda_requests drop constraint agenda_requests_pkey, add primary key (council_id, id);
    -- agreed_actions
    alter table agreed_actions drop constraint agreed_actions_pkey, add primary key (council_id, id);
    -- appointment_candidates
    alter table appointment_candidates
      drop constraint appointment_candidates_pkey,
      add primary key (council_id, id);
    -- appointment_panel
    alter table appointment_panel
      drop constraint appointment_panel_pkey,
      add primary key (council_id, appointment_id, person_id);
    -- appointment_scores
    alter table appointment_scores drop constraint appointment_scores_pkey, add primary key (council_id, id);
    -- appointments
    alter table appointments drop constraint appointments_pkey, add primary key (council_id, id);
    -- audit_log
    alter table audit_log drop constraint audit_log_pkey, add primary key (council_id, id);
    -- bulletin_recipients
    alter table bulletin_recipients
      drop constraint bulletin_recipients_pkey,
      add primary key (council_id, bulletin_id, person_id);
    -- bulletins
    alter table bulletins drop constraint bulletins_pkey, add primary key (council_id, id);
    alter table bulletins drop constraint bulletins_id_council_id_key; -- the primary key now
    -- calendar_feeds
    alter table calendar_feeds drop constraint calendar_feeds_pkey, add primary key (council_id, person_id);
    alter table calendar_feeds
      drop constraint calendar_feeds_token_hash_key,
      add constraint calendar_feeds_council_id_token_hash_key unique (council_id, token_hash);
    -- committee_members
    alter table committee_members
      drop constraint committee_members_pkey,
      add primary key (council_id, committee_id, person_id);
    -- committees
    alter table committees drop constraint committees_pkey, add primary key (council_id, id);
    -- concern_cases
    alter table concern_cases drop constraint concern_cases_pkey, add primary key (council_id, id);
    alter table concern_cases drop constraint concern_cases_id_council_id_key; -- the primary key now
    -- concern_disclosures
    alter table concern_disclosures
      drop constraint concern_disclosures_pkey,
      add primary key (council_id, id);
    -- concern_entries
    alter table concern_entries drop constraint concern_entries_pkey, add primary key (council_id, id);
    -- concern_handlers
    alter table concern_handlers
      drop constraint concern_handlers_pkey,
      add primary key (council_id, case_id, person_id);
    -- concern_stages
    alter table concern_stages drop constraint concern_stages_pkey, add primary key (council_id, id);
    alter table concern_stages
      drop constraint concern_stages_case_id_stage_key,
      add constraint concern_stages_council_id_case_id_stage_key unique (council_id, case_id, stage);
    -- conduct_referrals
    alter table conduct_referrals drop constraint conduct_referrals_pkey, add primary key (council_id, id);
    alter table conduct_referrals drop constraint conduct_referrals_id_council_id_key; -- the primary key now
    -- confidential_recipients
    alter table confidential_recipients
      drop constraint confidential_recipients_pkey,
      add primary key (council_id, document_id, person_id);
    -- contact_report_recipients
    alter table contact_report_recipients
      drop constraint contact_report_recipients_pkey,
      add primary key (council_id, report_id, person_id);
    -- contact_reports
    alter table contact_reports drop constraint contact_reports_pkey, add primary key (council_id, id);
    alter table contact_reports drop constraint contact_reports_id_council_id_key; -- the primary key now
    -- dispensation_items
    alter table dispensation_items
      drop constraint dispensation_items_pkey,
      add primary key (council_id, dispensation_id, agenda_item_id);
    -- dispensation_matters
    alter table dispensation_matters
      drop constraint dispensation_matters_pkey,
      add primary key (council_id, dispensation_id, matter_id);
    -- dispensations
    alter table dispensations drop constraint dispensations_pkey, add primary key (council_id, id);
    alter table dispensations drop constraint dispensations_id_council_id_key; -- the primary key now
    -- document_files
    alter table document_files drop constraint document_files_pkey, add primary key (council_id, document_id);
    -- document_matters
    alter table document_matters
      drop constraint document_matters_pkey,
      add primary key (council_id, document_id, matter_id);
    -- documents
    alter table documents drop constraint documents_pkey, add primary key (council_id, id);
    alter table documents drop constraint documents_id_council_id_key; -- the primary key now
    -- enquiries
    alter table enquiries drop constraint enquiries_pkey, add primary key (council_id, id);
    alter table enquiries drop constraint enquiries_id_council_id_key; -- the primary key now
    -- enquiry_messages
    alter table enquiry_messages drop constraint enquiry_messages_pkey, add primary key (council_id, id);
    -- equipment_items
    alter table equipment_items drop constraint equipment_items_pkey, add primary key (council_id, id);
    -- equipment_loans
    alter table equipment_loans drop constraint equipment_loans_pkey, add primary key (council_id, id);
    drop index equipment_one_holder;
    create unique index equipment_one_holder on equipment_loans (council_id, item_id) where (returned_on IS NULL);
    -- external_contacts
    alter table external_contacts drop constraint external_contacts_pkey, add primary key (council_id, id);
    -- group_members
    alter table group_members
      drop constraint group_members_pkey,
      add primary key (council_id, group_id, person_id);
    -- group_notices
    alter table group_notices drop constraint group_notices_pkey, add primary key (council_id, id);
    alter table group_notices
      drop constraint group_notices_report_id_group_id_key,
      add constraint group_notices_council_id_report_id_group_id_key unique (council_id, report_id, group_id);
    -- group_reports
    alter table group_reports drop constraint group_reports_pkey, add primary key (council_id, id);
    alter table group_reports drop constraint group_reports_id_council_id_key; -- the primary key now
    -- group_requests
    alter table group_requests drop constraint group_requests_pkey, add primary key (council_id, id);
    alter table group_requests drop constraint group_requests_id_council_id_key; -- the primary key now
    -- induction_reminders
    alter table induction_reminders
      drop constraint induction_reminders_pkey,
      add primary key (council_id, person_id, item, due_on);
    -- interest_matters
    alter table interest_matters
      drop constraint interest_matters_pkey,
      add primary key (council_id, interest_id, matter_id);
    -- interest_nil_returns
    alter table interest_nil_returns
      drop constraint interest_nil_returns_pkey,
      add primary key (council_id, id);
    -- interests
    alter table interests drop constraint interests_pkey, add primary key (council_id, id);
    alter table interests drop constraint interests_id_council_id_key; -- the primary key now
    -- jobs
    alter table jobs drop constraint jobs_pkey, add primary key (council_id, id);
    -- matters
    alter table matters drop constraint matters_pkey, add primary key (council_id, id);
    alter table matters drop constraint matters_id_council_id_key; -- the primary key now
    -- meeting_attendance
    alter table meeting_attendance
      drop constraint meeting_attendance_pkey,
      add primary key (council_id, meeting_id, person_id);
    -- meeting_declarations
    alter table meeting_declarations
      drop constraint meeting_declarations_pkey,
      add primary key (council_id, id);
    alter table meeting_declarations
      drop constraint meeting_declarations_agenda_item_id_person_id_stage_key,
      add constraint meeting_declarations_one_per_person_item_stage unique (council_id, agenda_item_id, person_id, stage);
    -- meetings
    alter table meetings drop constraint meetings_pkey, add primary key (council_id, id);
    -- mourning_days
    alter table mourning_days drop constraint mourning_days_pkey, add primary key (council_id, id);
    -- officer_interests
    alter table officer_interests drop constraint officer_interests_pkey, add primary key (council_id, id);
    -- officer_report_versions
    alter table officer_report_versions
      drop constraint officer_report_versions_pkey,
      add primary key (council_id, report_id, version);
    -- officer_report_views
    alter table officer_report_views
      drop constraint officer_report_views_pkey,
      add primary key (council_id, id);
    -- officer_reports
    alter table officer_reports drop constraint officer_reports_pkey, add primary key (council_id, id);
    alter table officer_reports drop constraint officer_reports_id_council_id_key; -- the primary key now
    -- officer_tasks
    alter table officer_tasks drop constraint officer_tasks_pkey, add primary key (council_id, id);
    -- outbox_messages
    alter table outbox_messages drop constraint outbox_messages_pkey, add primary key (council_id, id);
    -- people
    alter table people drop constraint people_pkey, add primary key (council_id, id);
    -- political_groups
    alter table political_groups drop constraint political_groups_pkey, add primary key (council_id, id);
    alter table political_groups drop constraint political_groups_id_council; -- the primary key now
    -- protocol_acknowledgements
    alter table protocol_acknowledgements
      drop constraint protocol_acknowledgements_pkey,
      add primary key (council_id, version_id, person_id);
    -- protocol_clauses
    alter table protocol_clauses drop constraint protocol_clauses_pkey, add primary key (council_id, id);
    alter table protocol_clauses
      drop constraint protocol_clauses_version_id_number_key,
      add constraint protocol_clauses_council_id_version_id_number_key unique (council_id, version_id, number);
    alter table protocol_clauses
      drop constraint protocol_clauses_version_id_position_key,
      add constraint protocol_clauses_council_id_version_id_position_key unique (council_id, version_id, position);
    -- protocol_versions
    alter table protocol_versions drop constraint protocol_versions_pkey, add primary key (council_id, id);
    -- resolutions
    alter table resolutions drop constraint resolutions_pkey, add primary key (council_id, id);
    alter table resolutions drop constraint resolutions_id_council_id_key; -- the primary key now
    -- retention_holds
    alter table retention_holds drop constraint retention_holds_pkey, add primary key (council_id, id);
    -- sessions
    alter table sessions drop constraint sessions_pkey, add primary key (council_id, id);
    -- staff_messages
    alter table staff_messages drop constraint staff_messages_pkey, add primary key (council_id, id);
    alter table staff_messages drop constraint staff_messages_id_council_id_key; -- the primary key now
    -- subject_access_reminders
    alter table subject_access_reminders
      drop constraint subject_access_reminders_pkey,
      add primary key (council_id, request_id, kind, deadline);
    -- subject_access_requests
    alter table subject_access_requests
      drop constraint subject_access_requests_pkey,
      add primary key (council_id, id);
    alter table subject_access_requests drop constraint subject_access_requests_id_council_id_key; -- the primary key now
    -- summons_preferences
    alter table summons_preferences
      drop constraint summons_preferences_pkey,
      add primary key (council_id, person_id);
    -- task_notes
    alter table task_notes drop constraint task_notes_pkey, add primary key (council_id, id);
    -- training_plans
    alter table training_plans drop constraint training_plans_pkey, add primary key (council_id, id);
    -- training_records
    alter table training_records drop constraint training_records_pkey, add primary key (council_id, id);
    -- training_reminders
    alter table training_reminders
      drop constraint training_reminders_pkey,
      add primary key (council_id, person_id, requirement_id, due_on);
    -- training_requests
    alter table training_requests drop constraint training_requests_pkey, add primary key (council_id, id);
    -- training_requirements
    alter table training_requirements
      drop constraint training_requirements_pkey,
      add primary key (council_id, id);
    -- two_step_challenges
    alter table two_step_challenges
      drop constraint two_step_challenges_pkey,
      add primary key (council_id, id);
    alter table two_step_challenges
      drop constraint two_step_challenges_token_hash_key,
      add constraint two_step_challenges_council_id_token_hash_key unique (council_id, token_hash);
    -- two_step_recovery_codes
    alter table two_step_recovery_codes
      drop constraint two_step_recovery_codes_pkey,
      add primary key (council_id, id);
    -- two_step_secrets
    alter table two_step_secrets
      drop constraint two_step_secrets_pkey,
      add primary key (council_id, person_id);
  `.execute(db);

  // 3. Foreign keys carrying council_id on both sides, each served by an index on its columns.
  await sql`
    -- account_links
    alter table account_links add constraint account_links_created_by_fkey
      foreign key (council_id, created_by) references people (council_id, id);
    alter table account_links add constraint account_links_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- agenda_comments
    alter table agenda_comments add constraint agenda_comments_author_id_fkey
      foreign key (council_id, author_id) references people (council_id, id);
    alter table agenda_comments add constraint agenda_comments_meeting_id_fkey
      foreign key (council_id, meeting_id) references meetings (council_id, id) on delete cascade;
    -- agenda_items
    alter table agenda_items add constraint agenda_items_matter_id_fkey
      foreign key (council_id, matter_id) references matters (council_id, id);
    create index agenda_items_council_matter_id on agenda_items (council_id, matter_id);
    alter table agenda_items add constraint agenda_items_meeting_id_fkey
      foreign key (council_id, meeting_id) references meetings (council_id, id) on delete cascade;
    alter table agenda_items add constraint agenda_items_request_id_fkey
      foreign key (council_id, request_id) references agenda_requests (council_id, id);
    -- agenda_papers
    alter table agenda_papers add constraint agenda_papers_agenda_item_id_fkey
      foreign key (council_id, agenda_item_id) references agenda_items (council_id, id) on delete cascade;
    alter table agenda_papers add constraint agenda_papers_created_by_fkey
      foreign key (council_id, created_by) references people (council_id, id);
    alter table agenda_papers add constraint agenda_papers_document_id_fkey
      foreign key (council_id, document_id) references documents (council_id, id) on delete cascade;
    create index agenda_papers_council_document_id on agenda_papers (council_id, document_id);
    alter table agenda_papers add constraint agenda_papers_meeting_id_fkey
      foreign key (council_id, meeting_id) references meetings (council_id, id) on delete cascade;
    alter table agenda_papers add constraint agenda_papers_request_id_fkey
      foreign key (council_id, request_id) references agenda_requests (council_id, id);
    -- agenda_requests
    alter table agenda_requests add constraint agenda_requests_decided_by_fkey
      foreign key (council_id, decided_by) references people (council_id, id);
    alter table agenda_requests add constraint agenda_requests_meeting_id_fkey
      foreign key (council_id, meeting_id) references meetings (council_id, id);
    alter table agenda_requests add constraint agenda_requests_recorded_by_fkey
      foreign key (council_id, recorded_by) references people (council_id, id);
    alter table agenda_requests add constraint agenda_requests_requested_by_fkey
      foreign key (council_id, requested_by) references people (council_id, id);
    -- agreed_actions
    alter table agreed_actions add constraint agreed_actions_decided_by_fkey
      foreign key (council_id, decided_by) references people (council_id, id);
    alter table agreed_actions add constraint agreed_actions_meeting_id_fkey
      foreign key (council_id, meeting_id) references meetings (council_id, id);
    alter table agreed_actions add constraint agreed_actions_recorded_by_fkey
      foreign key (council_id, recorded_by) references people (council_id, id);
    alter table agreed_actions add constraint agreed_actions_resolution_id_fkey
      foreign key (council_id, resolution_id) references resolutions (council_id, id);
    alter table agreed_actions add constraint agreed_actions_task_id_fkey
      foreign key (council_id, task_id) references officer_tasks (council_id, id);
    -- appointment_candidates
    alter table appointment_candidates add constraint appointment_candidates_appointment_id_fkey
      foreign key (council_id, appointment_id) references appointments (council_id, id) on delete cascade;
    alter table appointment_candidates add constraint appointment_candidates_paper_document_id_fkey
      foreign key (council_id, paper_document_id) references documents (council_id, id);
    -- appointment_panel
    alter table appointment_panel add constraint appointment_panel_appointment_id_fkey
      foreign key (council_id, appointment_id) references appointments (council_id, id) on delete cascade;
    alter table appointment_panel add constraint appointment_panel_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- appointment_scores
    alter table appointment_scores add constraint appointment_scores_candidate_id_fkey
      foreign key (council_id, candidate_id) references appointment_candidates (council_id, id) on delete cascade;
    alter table appointment_scores add constraint appointment_scores_scorer_id_fkey
      foreign key (council_id, scorer_id) references people (council_id, id);
    -- appointments
    alter table appointments add constraint appointments_created_by_fkey
      foreign key (council_id, created_by) references people (council_id, id);
    alter table appointments add constraint appointments_resolution_id_fkey
      foreign key (council_id, resolution_id) references resolutions (council_id, id);
    -- bulletin_recipients
    alter table bulletin_recipients add constraint bulletin_recipients_bulletin_id_fkey
      foreign key (council_id, bulletin_id) references bulletins (council_id, id) on delete cascade;
    alter table bulletin_recipients add constraint bulletin_recipients_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- bulletins
    alter table bulletins add constraint bulletins_author_id_fkey
      foreign key (council_id, author_id) references people (council_id, id);
    -- calendar_feeds
    alter table calendar_feeds add constraint calendar_feeds_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- committee_members
    alter table committee_members add constraint committee_members_committee_id_fkey
      foreign key (council_id, committee_id) references committees (council_id, id) on delete cascade;
    alter table committee_members add constraint committee_members_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- committees
    alter table committees add constraint committees_chair_id_fkey
      foreign key (council_id, chair_id) references people (council_id, id);
    alter table committees add constraint committees_vice_chair_id_fkey
      foreign key (council_id, vice_chair_id) references people (council_id, id);
    -- concern_cases
    alter table concern_cases add constraint concern_cases_about_person_id_fkey
      foreign key (council_id, about_person_id) references people (council_id, id);
    alter table concern_cases add constraint concern_cases_passed_on_by_fkey
      foreign key (council_id, passed_on_by) references people (council_id, id);
    alter table concern_cases add constraint concern_cases_personnel_committee_id_fkey
      foreign key (council_id, personnel_committee_id) references committees (council_id, id);
    alter table concern_cases add constraint concern_cases_raised_by_fkey
      foreign key (council_id, raised_by) references people (council_id, id);
    -- concern_disclosures
    alter table concern_disclosures add constraint concern_disclosures_case_id_fkey
      foreign key (council_id, case_id) references concern_cases (council_id, id) on delete cascade;
    create index concern_disclosures_council_case_id on concern_disclosures (council_id, case_id);
    alter table concern_disclosures add constraint concern_disclosures_disclosed_by_fkey
      foreign key (council_id, disclosed_by) references people (council_id, id);
    alter table concern_disclosures add constraint concern_disclosures_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- concern_entries
    alter table concern_entries add constraint concern_entries_author_id_fkey
      foreign key (council_id, author_id) references people (council_id, id);
    alter table concern_entries add constraint concern_entries_case_id_fkey
      foreign key (council_id, case_id) references concern_cases (council_id, id) on delete cascade;
    alter table concern_entries add constraint concern_entries_contact_id_fkey
      foreign key (council_id, contact_id) references external_contacts (council_id, id);
    -- concern_handlers
    alter table concern_handlers add constraint concern_handlers_case_id_fkey
      foreign key (council_id, case_id) references concern_cases (council_id, id) on delete cascade;
    alter table concern_handlers add constraint concern_handlers_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- concern_stages
    alter table concern_stages add constraint concern_stages_case_id_fkey
      foreign key (council_id, case_id) references concern_cases (council_id, id) on delete cascade;
    -- conduct_acknowledgements
    alter table conduct_acknowledgements add constraint conduct_acknowledgements_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- conduct_referrals
    alter table conduct_referrals add constraint conduct_referrals_contact_id_fkey
      foreign key (council_id, contact_id) references external_contacts (council_id, id);
    alter table conduct_referrals add constraint conduct_referrals_councillor_id_fkey
      foreign key (council_id, councillor_id) references people (council_id, id);
    alter table conduct_referrals add constraint conduct_referrals_referred_by_fkey
      foreign key (council_id, referred_by) references people (council_id, id);
    -- confidential_recipients
    alter table confidential_recipients add constraint confidential_recipients_document_id_fkey
      foreign key (council_id, document_id) references documents (council_id, id) on delete cascade;
    alter table confidential_recipients add constraint confidential_recipients_issued_by_fkey
      foreign key (council_id, issued_by) references people (council_id, id);
    alter table confidential_recipients add constraint confidential_recipients_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- contact_report_recipients
    alter table contact_report_recipients add constraint contact_report_recipients_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    alter table contact_report_recipients add constraint contact_report_recipients_report_id_fkey
      foreign key (council_id, report_id) references contact_reports (council_id, id) on delete cascade;
    -- contact_reports
    alter table contact_reports add constraint contact_reports_councillor_id_fkey
      foreign key (council_id, councillor_id) references people (council_id, id);
    alter table contact_reports add constraint contact_reports_reporter_id_fkey
      foreign key (council_id, reporter_id) references people (council_id, id);
    -- dispensation_items
    alter table dispensation_items add constraint dispensation_items_agenda_item_id_fkey
      foreign key (council_id, agenda_item_id) references agenda_items (council_id, id) on delete cascade;
    create index dispensation_items_council_agenda_item_id on dispensation_items (council_id, agenda_item_id);
    alter table dispensation_items add constraint dispensation_items_dispensation_id_fkey
      foreign key (council_id, dispensation_id) references dispensations (council_id, id) on delete cascade;
    -- dispensation_matters
    alter table dispensation_matters add constraint dispensation_matters_dispensation_id_fkey
      foreign key (council_id, dispensation_id) references dispensations (council_id, id) on delete cascade;
    alter table dispensation_matters add constraint dispensation_matters_matter_id_fkey
      foreign key (council_id, matter_id) references matters (council_id, id);
    -- dispensations
    alter table dispensations add constraint dispensations_decided_by_fkey
      foreign key (council_id, decided_by) references people (council_id, id);
    create index dispensations_council_decided_by on dispensations (council_id, decided_by);
    alter table dispensations add constraint dispensations_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    alter table dispensations add constraint dispensations_requested_by_fkey
      foreign key (council_id, requested_by) references people (council_id, id);
    create index dispensations_council_requested_by on dispensations (council_id, requested_by);
    alter table dispensations add constraint dispensations_resolution_id_fkey
      foreign key (council_id, resolution_id) references resolutions (council_id, id);
    create index dispensations_council_resolution_id on dispensations (council_id, resolution_id);
    -- document_files
    alter table document_files add constraint document_files_document_id_fkey
      foreign key (council_id, document_id) references documents (council_id, id) on delete cascade;
    -- document_matters
    alter table document_matters add constraint document_matters_document_id_fkey
      foreign key (council_id, document_id) references documents (council_id, id) on delete cascade;
    alter table document_matters add constraint document_matters_matter_id_fkey
      foreign key (council_id, matter_id) references matters (council_id, id);
    create index document_matters_council_matter_id on document_matters (council_id, matter_id);
    -- documents
    alter table documents add constraint documents_uploaded_by_fkey
      foreign key (council_id, uploaded_by) references people (council_id, id);
    -- enquiries
    alter table enquiries add constraint enquiries_councillor_id_fkey
      foreign key (council_id, councillor_id) references people (council_id, id);
    -- enquiry_messages
    alter table enquiry_messages add constraint enquiry_messages_author_id_fkey
      foreign key (council_id, author_id) references people (council_id, id);
    alter table enquiry_messages add constraint enquiry_messages_enquiry_id_fkey
      foreign key (council_id, enquiry_id) references enquiries (council_id, id) on delete cascade;
    create index enquiry_messages_council_enquiry_id on enquiry_messages (council_id, enquiry_id);
    -- equipment_loans
    alter table equipment_loans add constraint equipment_loans_issued_by_fkey
      foreign key (council_id, issued_by) references people (council_id, id);
    alter table equipment_loans add constraint equipment_loans_item_id_fkey
      foreign key (council_id, item_id) references equipment_items (council_id, id);
    create index equipment_loans_council_item_id on equipment_loans (council_id, item_id);
    alter table equipment_loans add constraint equipment_loans_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- group_members
    alter table group_members add constraint group_members_group_id_fkey
      foreign key (council_id, group_id) references political_groups (council_id, id) on delete cascade;
    alter table group_members add constraint group_members_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- group_notices
    alter table group_notices add constraint group_notices_group_id_fkey
      foreign key (council_id, group_id) references political_groups (council_id, id) on delete cascade;
    alter table group_notices add constraint group_notices_report_id_fkey
      foreign key (council_id, report_id) references group_reports (council_id, id) on delete cascade;
    -- group_reports
    alter table group_reports add constraint group_reports_author_id_fkey
      foreign key (council_id, author_id) references people (council_id, id);
    alter table group_reports add constraint group_reports_group_id_fkey
      foreign key (council_id, group_id) references political_groups (council_id, id) on delete cascade;
    alter table group_reports add constraint group_reports_request_id_fkey
      foreign key (council_id, request_id) references group_requests (council_id, id);
    -- group_requests
    alter table group_requests add constraint group_requests_assigned_to_fkey
      foreign key (council_id, assigned_to) references people (council_id, id);
    alter table group_requests add constraint group_requests_decided_by_fkey
      foreign key (council_id, decided_by) references people (council_id, id);
    alter table group_requests add constraint group_requests_group_id_fkey
      foreign key (council_id, group_id) references political_groups (council_id, id) on delete cascade;
    create index group_requests_council_group_id on group_requests (council_id, group_id);
    alter table group_requests add constraint group_requests_requested_by_fkey
      foreign key (council_id, requested_by) references people (council_id, id);
    -- induction_reminders
    alter table induction_reminders add constraint induction_reminders_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- interest_matters
    alter table interest_matters add constraint interest_matters_interest_id_fkey
      foreign key (council_id, interest_id) references interests (council_id, id) on delete cascade;
    alter table interest_matters add constraint interest_matters_matter_id_fkey
      foreign key (council_id, matter_id) references matters (council_id, id);
    create index interest_matters_council_matter_id on interest_matters (council_id, matter_id);
    -- interest_nil_returns
    alter table interest_nil_returns add constraint interest_nil_returns_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    alter table interest_nil_returns add constraint interest_nil_returns_recorded_by_fkey
      foreign key (council_id, recorded_by) references people (council_id, id);
    -- interests
    alter table interests add constraint interests_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    create index interests_council_person_id on interests (council_id, person_id);
    alter table interests add constraint interests_recorded_by_fkey
      foreign key (council_id, recorded_by) references people (council_id, id);
    alter table interests add constraint interests_supersedes_fkey
      foreign key (council_id, supersedes) references interests (council_id, id);
    create index interests_council_supersedes on interests (council_id, supersedes);
    -- meeting_attendance
    alter table meeting_attendance add constraint meeting_attendance_meeting_id_fkey
      foreign key (council_id, meeting_id) references meetings (council_id, id) on delete cascade;
    alter table meeting_attendance add constraint meeting_attendance_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    alter table meeting_attendance add constraint meeting_attendance_recorded_by_fkey
      foreign key (council_id, recorded_by) references people (council_id, id);
    -- meeting_declarations
    alter table meeting_declarations add constraint meeting_declarations_agenda_item_id_fkey
      foreign key (council_id, agenda_item_id) references agenda_items (council_id, id) on delete cascade;
    alter table meeting_declarations add constraint meeting_declarations_dispensation_id_fkey
      foreign key (council_id, dispensation_id) references dispensations (council_id, id);
    alter table meeting_declarations add constraint meeting_declarations_meeting_id_fkey
      foreign key (council_id, meeting_id) references meetings (council_id, id) on delete cascade;
    alter table meeting_declarations add constraint meeting_declarations_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    create index meeting_declarations_council_person_id on meeting_declarations (council_id, person_id);
    alter table meeting_declarations add constraint meeting_declarations_recorded_by_fkey
      foreign key (council_id, recorded_by) references people (council_id, id);
    create index meeting_declarations_council_recorded_by on meeting_declarations (council_id, recorded_by);
    -- meetings
    alter table meetings add constraint meetings_committee_id_fkey
      foreign key (council_id, committee_id) references committees (council_id, id);
    alter table meetings add constraint meetings_created_by_fkey
      foreign key (council_id, created_by) references people (council_id, id);
    alter table meetings add constraint meetings_minutes_approved_at_fkey
      foreign key (council_id, minutes_approved_at) references meetings (council_id, id);
    -- officer_interests
    alter table officer_interests add constraint officer_interests_matter_id_fkey
      foreign key (council_id, matter_id) references matters (council_id, id);
    create index officer_interests_council_matter_id on officer_interests (council_id, matter_id);
    alter table officer_interests add constraint officer_interests_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- officer_report_versions
    alter table officer_report_versions add constraint officer_report_versions_changed_by_fkey
      foreign key (council_id, changed_by) references people (council_id, id);
    alter table officer_report_versions add constraint officer_report_versions_report_id_fkey
      foreign key (council_id, report_id) references officer_reports (council_id, id) on delete cascade;
    -- officer_report_views
    alter table officer_report_views add constraint officer_report_views_councillor_id_fkey
      foreign key (council_id, councillor_id) references people (council_id, id);
    alter table officer_report_views add constraint officer_report_views_report_id_fkey
      foreign key (council_id, report_id) references officer_reports (council_id, id) on delete cascade;
    -- officer_reports
    alter table officer_reports add constraint officer_reports_agenda_item_id_fkey
      foreign key (council_id, agenda_item_id) references agenda_items (council_id, id) on delete set null (agenda_item_id);
    alter table officer_reports add constraint officer_reports_author_id_fkey
      foreign key (council_id, author_id) references people (council_id, id);
    -- officer_tasks
    alter table officer_tasks add constraint officer_tasks_assigned_to_fkey
      foreign key (council_id, assigned_to) references people (council_id, id);
    alter table officer_tasks add constraint officer_tasks_created_by_fkey
      foreign key (council_id, created_by) references people (council_id, id);
    alter table officer_tasks add constraint officer_tasks_resolution_id_fkey
      foreign key (council_id, resolution_id) references resolutions (council_id, id);
    -- outbox_messages
    alter table outbox_messages add constraint outbox_messages_meeting_id_fkey
      foreign key (council_id, meeting_id) references meetings (council_id, id);
    alter table outbox_messages add constraint outbox_messages_posted_by_fkey
      foreign key (council_id, posted_by) references people (council_id, id);
    alter table outbox_messages add constraint outbox_messages_recipient_id_fkey
      foreign key (council_id, recipient_id) references people (council_id, id);
    -- political_groups
    alter table political_groups add constraint political_groups_leader_id_fkey
      foreign key (council_id, leader_id) references people (council_id, id);
    -- protocol_acknowledgements
    alter table protocol_acknowledgements add constraint protocol_acknowledgements_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    alter table protocol_acknowledgements add constraint protocol_acknowledgements_version_id_fkey
      foreign key (council_id, version_id) references protocol_versions (council_id, id) on delete cascade;
    -- protocol_clauses
    alter table protocol_clauses add constraint protocol_clauses_version_id_fkey
      foreign key (council_id, version_id) references protocol_versions (council_id, id) on delete cascade;
    -- protocol_versions
    alter table protocol_versions add constraint protocol_versions_based_on_fkey
      foreign key (council_id, based_on) references protocol_versions (council_id, id);
    alter table protocol_versions add constraint protocol_versions_drafted_by_fkey
      foreign key (council_id, drafted_by) references people (council_id, id);
    alter table protocol_versions add constraint protocol_versions_resolution_id_fkey
      foreign key (council_id, resolution_id) references resolutions (council_id, id);
    -- resolutions
    alter table resolutions add constraint resolutions_agenda_item_id_fkey
      foreign key (council_id, agenda_item_id) references agenda_items (council_id, id);
    alter table resolutions add constraint resolutions_meeting_id_fkey
      foreign key (council_id, meeting_id) references meetings (council_id, id);
    alter table resolutions add constraint resolutions_recorded_by_fkey
      foreign key (council_id, recorded_by) references people (council_id, id);
    -- retention_holds
    alter table retention_holds add constraint retention_holds_placed_by_fkey
      foreign key (council_id, placed_by) references people (council_id, id);
    -- sessions
    alter table sessions add constraint sessions_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    create index sessions_council_person_id on sessions (council_id, person_id);
    -- staff_messages
    alter table staff_messages add constraint staff_messages_recipient_id_fkey
      foreign key (council_id, recipient_id) references people (council_id, id);
    alter table staff_messages add constraint staff_messages_sender_id_fkey
      foreign key (council_id, sender_id) references people (council_id, id);
    -- subject_access_reminders
    alter table subject_access_reminders add constraint subject_access_reminders_request_id_fkey
      foreign key (council_id, request_id) references subject_access_requests (council_id, id) on delete cascade;
    -- subject_access_requests
    alter table subject_access_requests add constraint subject_access_requests_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    alter table subject_access_requests add constraint subject_access_requests_recorded_by_fkey
      foreign key (council_id, recorded_by) references people (council_id, id);
    alter table subject_access_requests add constraint subject_access_requests_sent_by_fkey
      foreign key (council_id, sent_by) references people (council_id, id);
    -- summons_preferences
    alter table summons_preferences add constraint summons_preferences_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- task_notes
    alter table task_notes add constraint task_notes_author_id_fkey
      foreign key (council_id, author_id) references people (council_id, id);
    alter table task_notes add constraint task_notes_task_id_fkey
      foreign key (council_id, task_id) references officer_tasks (council_id, id) on delete cascade;
    create index task_notes_council_task_id on task_notes (council_id, task_id);
    -- training_plans
    alter table training_plans add constraint training_plans_recorded_by_fkey
      foreign key (council_id, recorded_by) references people (council_id, id);
    alter table training_plans add constraint training_plans_resolution_id_fkey
      foreign key (council_id, resolution_id) references resolutions (council_id, id);
    -- training_records
    alter table training_records add constraint training_records_certificate_document_id_fkey
      foreign key (council_id, certificate_document_id) references documents (council_id, id);
    alter table training_records add constraint training_records_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    alter table training_records add constraint training_records_recorded_by_fkey
      foreign key (council_id, recorded_by) references people (council_id, id);
    alter table training_records add constraint training_records_requirement_id_fkey
      foreign key (council_id, requirement_id) references training_requirements (council_id, id);
    -- training_reminders
    alter table training_reminders add constraint training_reminders_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    alter table training_reminders add constraint training_reminders_requirement_id_fkey
      foreign key (council_id, requirement_id) references training_requirements (council_id, id) on delete cascade;
    -- training_requests
    alter table training_requests add constraint training_requests_closed_by_fkey
      foreign key (council_id, closed_by) references people (council_id, id);
    alter table training_requests add constraint training_requests_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- two_step_challenges
    alter table two_step_challenges add constraint two_step_challenges_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- two_step_recovery_codes
    alter table two_step_recovery_codes add constraint two_step_recovery_codes_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
    -- two_step_secrets
    alter table two_step_secrets add constraint two_step_secrets_person_id_fkey
      foreign key (council_id, person_id) references people (council_id, id);
  `.execute(db);
}

/** No new table. */
export const TENANT_TABLES: readonly string[] = [];
