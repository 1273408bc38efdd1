import { sql, type Kysely } from 'kysely';

/**
 * One model of meeting papers: a paper belongs to a meeting and, once on the agenda, to an
 * item of it (`agenda_papers`), and is either text written in Concord or a document of the
 * library (`document_id`, new here). Documents no longer name a meeting in words
 * (`documents.committee_id`, `meeting_reference`, `agenda_item`, which this drops).
 *
 * The words are moved, not lost: a document whose reference names a meeting of that body by
 * its date (e.g. "Full Council 8 December 2026", "2026-12-08"), and an item of it by number or
 * by title, becomes that item's paper; any other keeps what it said at the end of its
 * description, so the Clerk can attach it by hand.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The date a reference names, "YYYY-MM-DD", if it names exactly one. */
export function dateInReference(reference: string): string | undefined {
  const found = new Set<string>();
  for (const m of reference.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) found.add(`${m[1]}-${m[2]}-${m[3]}`);
  for (const m of reference.matchAll(/\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})\b/g)) {
    const month = MONTHS.findIndex((name) => name.startsWith(m[2]!.toLowerCase()) && m[2]!.length >= 3);
    if (month >= 0) found.add(`${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`);
  }
  for (const m of reference.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g)) found.add(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`);
  return found.size === 1 ? [...found][0] : undefined;
}

interface Linked {
  id: string;
  council_id: string;
  title: string;
  description: string;
  classification: string;
  committee_id: string | null;
  committee_name: string | null;
  meeting_reference: string;
  agenda_item: string;
  uploaded_by: string;
  created_at: Date | string;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table agenda_papers add column document_id uuid null;
    alter table agenda_papers add constraint agenda_papers_document foreign key (document_id, council_id) references documents(id, council_id) on delete cascade;
    create index agenda_papers_document on agenda_papers (document_id);
    create unique index agenda_papers_document_item on agenda_papers (document_id, agenda_item_id) where document_id is not null;
  `.execute(db);

  const { rows } = await sql<Linked>`
    select d.id, d.council_id, d.title, d.description, d.classification, d.committee_id, c.name as committee_name,
           d.meeting_reference, d.agenda_item, d.uploaded_by, d.created_at
    from documents d left join committees c on c.id = d.committee_id
    where d.meeting_reference <> '' or d.agenda_item <> ''
    order by d.created_at, d.id
  `.execute(db);

  for (const doc of rows) {
    const date = dateInReference(doc.meeting_reference);
    const meetings = date
      ? (await sql<{ id: string }>`select id from meetings where council_id = ${doc.council_id} and meeting_date = ${date} and committee_id is not distinct from ${doc.committee_id}`.execute(db)).rows
      : [];
    const meeting = meetings.length === 1 ? meetings[0] : undefined;
    const label = doc.agenda_item.trim();
    const items = meeting
      ? (
          await sql<{ id: string; confidential: boolean }>`
            select id, confidential from agenda_items
            where meeting_id = ${meeting.id} and (position::text = ${label.replace(/^item\s*/i, '').replace(/\.$/, '')} or lower(title) = lower(${label}))`.execute(db)
        ).rows
      : [];
    const item = items.length === 1 ? items[0] : undefined;
    // An item taken in private has only confidential papers, issued to named people.
    if (meeting && item && (!item.confidential || doc.classification === 'confidential')) {
      await sql`
        insert into agenda_papers (council_id, meeting_id, agenda_item_id, request_id, title, body, document_id, created_by, created_at)
        values (${doc.council_id}, ${meeting.id}, ${item.id}, null, ${doc.title}, '', ${doc.id}, ${doc.uploaded_by}, ${doc.created_at})`.execute(db);
      continue;
    }
    const said = [doc.committee_name ?? (doc.meeting_reference ? 'Full council' : ''), doc.meeting_reference, label ? `item ${label}` : ''].filter((s) => s !== '').join(', ');
    const note = `Meeting paper for: ${said}.`;
    await sql`update documents set description = ${doc.description ? `${doc.description}\n\n${note}` : note} where id = ${doc.id}`.execute(db);
  }

  await sql`
    drop index if exists documents_meeting;
    alter table documents drop column committee_id, drop column meeting_reference, drop column agenda_item;
  `.execute(db);
}

/** No new tables: agenda_papers and documents are already isolated (0002, 0003). */
export const TENANT_TABLES: readonly string[] = [];
