import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_meetings.js';
import * as m0003 from './0003_documents.js';
import * as m0004 from './0004_agenda_matters.js';
import * as m0005 from './0005_jobs.js';
import * as m0006 from './0006_enquiries.js';
import * as m0007 from './0007_decisions.js';
import * as m0008 from './0008_bulletins.js';
import * as m0009 from './0009_messages.js';
import * as m0010 from './0010_enquiry_followups.js';
import * as m0011 from './0011_attendance.js';
import * as m0012 from './0012_languages.js';
import * as m0013 from './0013_meeting_papers.js';
import * as m0014 from './0014_audit_anchor.js';
import * as m0015 from './0015_accounts.js';
import * as m0016 from './0016_political_groups.js';
import * as m0017 from './0017_concerns.js';
import * as m0018 from './0018_training.js';
import * as m0019 from './0019_protocol_versions.js';
import * as m0020 from './0020_meeting_notice.js';
import * as m0021 from './0021_backups.js';
import * as m0022 from './0022_two_step.js';
import * as m0023 from './0023_case_disclosure.js';
import * as m0024 from './0024_data_protection.js';
import * as m0025 from './0025_lookup_indexes.js';
import * as m0026 from './0026_metrics_reads.js';
import * as m0027 from './0027_postal_summons.js';
import * as m0028 from './0028_declarations.js';
import * as m0029 from './0029_shard_by_council.js';
import * as m0030 from './0030_change_notifications.js';
import * as m0031 from './0031_letter_addresses.js';

/**
 * Every migration, in order. Names sort in the order they run. A migration that adds
 * tables holding a council's data exports them as TENANT_TABLES and calls
 * `enableTenantIsolation` (from 0001) on each; the tenancy test checks them all.
 */
const all = { '0001_foundation': m0001, '0002_meetings': m0002, '0003_documents': m0003, '0004_agenda_matters': m0004, '0005_jobs': m0005, '0006_enquiries': m0006, '0007_decisions': m0007, '0008_bulletins': m0008, '0009_messages': m0009, '0010_enquiry_followups': m0010, '0011_attendance': m0011, '0012_languages': m0012, '0013_meeting_papers': m0013, '0014_audit_anchor': m0014, '0015_accounts': m0015, '0016_political_groups': m0016, '0017_concerns': m0017, '0018_training': m0018, '0019_protocol_versions': m0019, '0020_meeting_notice': m0020, '0021_backups': m0021, '0022_two_step': m0022, '0023_case_disclosure': m0023, '0024_data_protection': m0024, '0025_lookup_indexes': m0025, '0026_metrics_reads': m0026, '0027_postal_summons': m0027, '0028_declarations': m0028, '0029_shard_by_council': m0029, '0030_change_notifications': m0030, '0031_letter_addresses': m0031 } satisfies Record<string, Migration & { TENANT_TABLES?: readonly string[] }>;

export const migrations: Record<string, Migration> = all;

/** Every table holding a council's data, across all migrations. */
export const TENANT_TABLES: readonly string[] = Object.values(all).flatMap((m) => m.TENANT_TABLES ?? []);
