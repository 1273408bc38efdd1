import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001_foundation.js';

/**
 * Telling the person a case is about (ACAS Code: the employee is told in writing of the
 * allegation and the evidence before the meeting; a colleague complained of is told what is
 * alleged). Each row is one letter a handler chose to send: a summary in the handler's words,
 * and, where chosen, the meeting invitation, the stage dates, the outcome and the raiser's
 * name as they stood when told. The person concerned reads these rows and nothing else of the
 * case. The raiser's statement is never copied here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table concern_disclosures (
      id uuid primary key default gen_random_uuid(),
      council_id uuid not null references councils(id),
      case_id uuid not null,
      person_id uuid not null references people(id),
      summary text not null,
      invitation text not null default '',
      share_dates boolean not null,
      outcome text,
      raiser_name text,
      disclosed_by uuid not null references people(id),
      disclosed_at timestamptz not null,
      foreign key (case_id, council_id) references concern_cases(id, council_id) on delete cascade
    );
    create index concern_disclosures_by_person on concern_disclosures (council_id, person_id, case_id);
  `.execute(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
}

export const TENANT_TABLES: readonly string[] = ['concern_disclosures'];
