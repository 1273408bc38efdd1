import { sql } from 'kysely';
import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Classification, MatterKind } from '../db/schema-documents.js';
import { audit } from '../audit/audit.js';
import { decide, type ClauseIndex, type Decision } from '../policy/decide.js';
import type { Principal } from '../policy/principal.js';
import type { DocumentResource, RuleContext } from '../policy/rules.js';
import type { InterestContext } from '../policy/actions.js';
import { dispensedMatters } from '../declarations/context.js';
import { InvalidInputError } from '../web/errors.js';
import { id, optionalText, requiredText } from '../web/schemas.js';
import { labelled } from '../web/form.js';
import { asBuffer, type CheckedFile } from './files.js';

export const CLASSIFICATIONS = ['public', 'internal', 'confidential'] as const satisfies readonly Classification[];
export const MATTER_KINDS = ['planning', 'contract', 'staffing', 'land', 'finance', 'other'] as const satisfies readonly MatterKind[];

/** The fields of an upload besides the file; the same schema for the form and the API. */
export const documentInput = z.object({
  title: labelled(requiredText(200), 'documents.field.title'),
  description: labelled(optionalText(5000), 'documents.field.description'),
  classification: labelled(z.enum(CLASSIFICATIONS, 'validation.choose'), 'documents.field.classification'),
  matterIds: labelled(z.array(id('validation.invalid')).max(50).default([]).describe('The matters the document concerns'), 'documents.field.matters'),
  agendaItemId: labelled(
    id('documents.error.itemUnknown').nullable().default(null).describe('The agenda item it is a paper for, if any: it goes to the meeting with that item'),
    'documents.field.agendaItem',
  ),
});
export type DocumentInput = z.infer<typeof documentInput>;

export const matterInput = z.object({
  title: labelled(requiredText(200), 'matters.field.title'),
  kind: labelled(z.enum(MATTER_KINDS, 'validation.choose'), 'matters.field.kind'),
  reference: labelled(optionalText(100), 'matters.field.reference'),
});
export type MatterInput = z.infer<typeof matterInput>;

export const recipientsInput = z.object({
  recipients: labelled(z.array(id('validation.personUnknown')).min(1, 'documents.issue.error.none').max(100), 'documents.issue.recipients'),
});

export interface DocumentRecord {
  id: string;
  title: string;
  description: string;
  classification: Classification;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** The agenda item it is a paper for, if it is one (through agenda_papers): the earliest meeting's whose summons is out. */
  paperFor: PaperLink | null;
  /** Where it is a paper only on agendas not yet issued: the earliest, for those who prepare them. */
  draftPaperFor: PaperLink | null;
  /** The days of every meeting that has it among its papers and whose summons is issued, earliest first. */
  meetingDates: string[];
  /** The matters of the items it is a paper for, on those agendas: a paper for an item is about the item's matter. */
  paperMatterIds: string[];
  uploadedBy: string;
  uploaderName: string;
  createdAt: string;
  matters: { id: string; title: string }[];
  recipients: { id: string; name: string; issuedAt: string }[];
}

/** Where a document is a meeting's paper: the meeting, its body and the item. */
export interface PaperLink {
  paperId: string;
  meetingId: string;
  meetingDate: string;
  committeeId: string | null;
  committeeName: string | null;
  itemId: string;
  itemNumber: number;
  itemTitle: string;
}

/** A timestamp as ISO text, whichever driver read it. */
export function isoTime(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The council's documents (metadata only, never the bytes), or those of `ids`; `q` searches their words, their matters and the
 * agenda items they are papers for: only agendas that have gone out, unless `drafts` (for those
 * who prepare agendas), so that a search cannot tell what is on an agenda not yet issued.
 */
export async function listDocuments(trx: Trx, options: { q?: string; ids?: readonly string[]; drafts?: boolean } = {}): Promise<DocumentRecord[]> {
  let query = trx
    .selectFrom('documents as d')
    .innerJoin('people as u', 'u.id', 'd.uploaded_by')
    .select(['d.id', 'd.title', 'd.description', 'd.classification', 'd.file_name', 'd.media_type', 'd.size_bytes', 'd.sha256', 'd.uploaded_by', 'u.name as uploader_name', 'd.created_at'])
    .orderBy('d.created_at', 'desc')
    .orderBy('d.title');
  if (options.ids) {
    if (options.ids.length === 0) return [];
    query = query.where('d.id', 'in', options.ids);
  }
  const q = options.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('d.title', 'ilike', like),
        eb('d.description', 'ilike', like),
        eb('d.file_name', 'ilike', like),
        eb.exists(
          eb
            .selectFrom('agenda_papers as p')
            .innerJoin('agenda_items as i', 'i.id', 'p.agenda_item_id')
            .innerJoin('meetings as mt', 'mt.id', 'p.meeting_id')
            .leftJoin('committees as c', 'c.id', 'mt.committee_id')
            .select('p.id')
            .whereRef('p.document_id', '=', 'd.id')
            .$if(!options.drafts, (sub) => sub.where('mt.summons_issued_on', 'is not', null))
            .where((w) => w.or([w('i.title', 'ilike', like), w('c.name', 'ilike', like)])),
        ),
        eb.exists(
          eb.selectFrom('document_matters as dm').innerJoin('matters as m', 'm.id', 'dm.matter_id').select('dm.matter_id').whereRef('dm.document_id', '=', 'd.id').where('m.title', 'ilike', like),
        ),
      ]),
    );
  }
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [matters, recipients, papers] = await Promise.all([
    trx.selectFrom('document_matters as dm').innerJoin('matters as m', 'm.id', 'dm.matter_id').select(['dm.document_id', 'm.id', 'm.title']).where('dm.document_id', 'in', ids).orderBy('m.title').execute(),
    trx.selectFrom('confidential_recipients as r').innerJoin('people as p', 'p.id', 'r.person_id').select(['r.document_id', 'p.id', 'p.name', 'r.issued_at']).where('r.document_id', 'in', ids).orderBy('p.name').execute(),
    trx
      .selectFrom('agenda_papers as p')
      .innerJoin('agenda_items as i', 'i.id', 'p.agenda_item_id')
      .innerJoin('meetings as mt', 'mt.id', 'p.meeting_id')
      .leftJoin('committees as c', 'c.id', 'mt.committee_id')
      .select(['p.id', 'p.document_id', 'mt.id as meeting_id', 'mt.meeting_date', 'mt.summons_issued_on', 'mt.committee_id', 'c.name as committee_name', 'i.id as item_id', 'i.position', 'i.title as item_title', 'i.matter_id as item_matter_id'])
      .where('p.document_id', 'in', ids)
      .orderBy('mt.meeting_date')
      .execute(),
  ]);
  return rows.map((r) => {
    // Only agendas that have gone out count: a draft's items are for those who prepare it.
    const onAgendas = papers.filter((p) => p.document_id === r.id && p.summons_issued_on !== null);
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      classification: r.classification,
      fileName: r.file_name,
      mediaType: r.media_type,
      sizeBytes: r.size_bytes,
      sha256: r.sha256,
      paperFor: paperLink(onAgendas[0]),
      draftPaperFor: onAgendas.length ? null : paperLink(papers.find((p) => p.document_id === r.id)),
      meetingDates: [...new Set(onAgendas.map((p) => p.meeting_date))],
      paperMatterIds: [...new Set(onAgendas.flatMap((p) => (p.item_matter_id ? [p.item_matter_id] : [])))],
      uploadedBy: r.uploaded_by,
      uploaderName: r.uploader_name,
      createdAt: isoTime(r.created_at),
      matters: matters.filter((m) => m.document_id === r.id).map((m) => ({ id: m.id, title: m.title })),
      recipients: recipients.filter((p) => p.document_id === r.id).map((p) => ({ id: p.id, name: p.name, issuedAt: isoTime(p.issued_at) })),
    };
  });
}

function paperLink(p: { id: string; meeting_id: string; meeting_date: string; committee_id: string | null; committee_name: string | null; item_id: string; position: number; item_title: string } | undefined): PaperLink | null {
  if (!p) return null;
  return { paperId: p.id, meetingId: p.meeting_id, meetingDate: p.meeting_date, committeeId: p.committee_id, committeeName: p.committee_name, itemId: p.item_id, itemNumber: p.position, itemTitle: p.item_title };
}

/** One document's metadata, or undefined (also for another council's, which RLS hides). */
export async function findDocument(trx: Trx, documentId: string): Promise<DocumentRecord | undefined> {
  return (await listDocuments(trx, { ids: [documentId] }))[0];
}

export async function loadFileBytes(trx: Trx, documentId: string): Promise<Buffer> {
  const row = await trx.selectFrom('document_files').select('bytes').where('document_id', '=', documentId).executeTakeFirstOrThrow();
  return asBuffer(row.bytes);
}

/**
 * The matters in which this person has a registered pecuniary interest today (their own or
 * their partner's): read from the register on each request, never cached, so an interest
 * declared a moment ago bars documents at once.
 */
export async function pecuniaryMatterIds(trx: Trx, personId: string, today: string): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('interest_matters as im')
    .innerJoin('interests as i', 'i.id', 'im.interest_id')
    .select('im.matter_id')
    .where('i.person_id', '=', personId)
    .where('i.kind', '=', 'pecuniary')
    .where('i.superseded_on', 'is', null)
    .where('i.registered_on', '<=', today)
    .where((eb) => eb.or([eb('i.ended_on', 'is', null), eb('i.ended_on', '>', today)]))
    .execute();
  return new Set(rows.map((r) => r.matter_id));
}

/** What the rules need to know about the person asking: loaded only for councillors. */
export async function ruleContextFor(trx: Trx, principal: Principal, today: string): Promise<InterestContext> {
  if (principal.role !== 'councillor') return { pecuniaryMatterIds: new Set(), dispensations: [] };
  return interestContextOf(trx, principal.personId, today);
}

/**
 * A councillor's registered pecuniary interests' matters, the matters their dispensations not yet
 * ended cover, and those of the dispensations they have asked for and wait for.
 */
export async function interestContextOf(trx: Trx, personId: string, today: string): Promise<InterestContext> {
  const held = await pecuniaryMatterIds(trx, personId, today);
  if (held.size === 0) return { pecuniaryMatterIds: held, dispensations: [], dispensationsAsked: [] };
  const { granted, asked } = await dispensedMatters(trx, personId, today);
  return { pecuniaryMatterIds: held, dispensations: granted, dispensationsAsked: asked };
}

export function resourceOf(doc: Pick<DocumentRecord, 'classification' | 'matters' | 'recipients' | 'meetingDates' | 'paperMatterIds'>): DocumentResource {
  // Its own matters and those of the items it is a paper for, so the library bars what the agenda bars.
  const matterIds = [...new Set([...doc.matters.map((m) => m.id), ...doc.paperMatterIds])];
  return { kind: 'document', classification: doc.classification, matterIds, recipientIds: doc.recipients.map((r) => r.id), meetingDates: doc.meetingDates };
}

/** May this person open this document? The single place documents are decided. */
export function documentAccess(principal: Principal, clauses: ClauseIndex, today: string, doc: DocumentRecord, context: RuleContext): Decision {
  return decide(principal, 'document.read', clauses, today, resourceOf(doc), context);
}

export type Listed = { doc: DocumentRecord; access: 'open' } | { doc: DocumentRecord; access: 'withheld'; decision: Extract<Decision, { allowed: false }> };

/**
 * The documents a person sees in a list: those they may open, and those withheld from
 * them under a clause they are told about (a pecuniary interest). A confidential paper
 * not issued to them is left out altogether: even its title is for its recipients.
 */
export function visibleTo(principal: Principal, clauses: ClauseIndex, today: string, docs: readonly DocumentRecord[], context: RuleContext): Listed[] {
  const out: Listed[] = [];
  for (const doc of docs) {
    const decision = documentAccess(principal, clauses, today, doc, context);
    if (decision.allowed) out.push({ doc, access: 'open' });
    else if (decision.ruleId !== 'confidential-papers') out.push({ doc, access: 'withheld', decision });
  }
  return out;
}

async function checkMatters(trx: Trx, matterIds: readonly string[]): Promise<void> {
  if (matterIds.length === 0) return;
  const found = await trx.selectFrom('matters').select('id').where('id', 'in', matterIds).execute();
  if (found.length !== new Set(matterIds).size) throw new InvalidInputError([{ field: 'matterIds', key: 'documents.error.matterUnknown' }]);
}

/**
 * Store a checked upload, its matters and its audit entry in one transaction: all or nothing.
 * Making it an agenda item's paper is the meetings' (`attachDocument`), in the same transaction.
 */
export async function createDocument(trx: Trx, by: Principal, input: DocumentInput, file: CheckedFile): Promise<string> {
  await checkMatters(trx, input.matterIds);
  const doc = await trx
    .insertInto('documents')
    .values({
      council_id: by.councilId,
      title: input.title,
      description: input.description,
      classification: input.classification,
      file_name: file.fileName,
      media_type: file.mediaType,
      size_bytes: file.bytes.length,
      sha256: file.sha256,
      uploaded_by: by.personId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('document_files').values({ document_id: doc.id, council_id: by.councilId, bytes: file.bytes }).execute();
  for (const matterId of new Set(input.matterIds)) {
    await trx.insertInto('document_matters').values({ council_id: by.councilId, document_id: doc.id, matter_id: matterId }).execute();
  }
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'document.uploaded',
    entityType: 'document',
    entityId: doc.id,
    data: { title: input.title, classification: input.classification, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.bytes.length, sha256: file.sha256, matters: input.matterIds },
  });
  return doc.id;
}

/** People a confidential paper can be issued to: councillors in term and officers. */
export async function possibleRecipients(trx: Trx, today: string) {
  const people = await trx.selectFrom('people').select(['id', 'name', 'role', 'term_starts', 'term_ends']).where('active', '=', true).orderBy('role').orderBy('name').execute();
  return people.filter((p) => p.role !== 'councillor' || ((!p.term_starts || p.term_starts <= today) && (!p.term_ends || p.term_ends >= today)));
}

/**
 * Issue a confidential paper to named people. A councillor with a registered pecuniary
 * interest in the paper's matters cannot be sent it: the Clerk is told, and nothing is issued.
 */
export async function issueConfidential(trx: Trx, by: Principal, clauses: ClauseIndex, today: string, doc: DocumentRecord, personIds: readonly string[]): Promise<string[]> {
  if (doc.classification !== 'confidential') throw new InvalidInputError([{ field: 'recipients', key: 'documents.issue.error.notConfidential' }]);
  const allowed = await possibleRecipients(trx, today);
  const added: string[] = [];
  for (const personId of new Set(personIds)) {
    const person = allowed.find((p) => p.id === personId);
    if (!person) throw new InvalidInputError([{ field: 'recipients', key: 'validation.personUnknown' }]);
    if (doc.recipients.some((r) => r.id === personId)) continue;
    if (person.role === 'councillor') {
      const recipient: Principal = { personId, councilId: by.councilId, name: person.name, role: 'councillor', councilOffice: null, termStarts: person.term_starts, termEnds: person.term_ends, chairOf: [], leaderOf: [], groupIds: [] };
      const wouldBe = { ...resourceOf(doc), recipientIds: [personId] };
      const decision = decide(recipient, 'document.read', clauses, today, wouldBe, await ruleContextFor(trx, recipient, today));
      if (!decision.allowed) {
        throw new InvalidInputError([{ field: 'recipients', key: 'documents.issue.error.interest', vars: { name: person.name, number: decision.clauses[0]!.number } }]);
      }
    }
    await trx.insertInto('confidential_recipients').values({ council_id: by.councilId, document_id: doc.id, person_id: personId, issued_by: by.personId }).execute();
    added.push(person.name);
  }
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'document.issued', entityType: 'document', entityId: doc.id, data: { recipients: [...new Set(personIds)] } });
  return added;
}

export type AccessKind = 'viewed' | 'downloaded' | 'printed' | 'metadata_viewed';

/**
 * Every opening of a document's file, and every look at a confidential paper, is kept in the
 * audit log; so is every opening of a meeting's agenda paper (entityType 'agenda_paper').
 */
export async function logAccess(trx: Trx, by: Principal, doc: Pick<DocumentRecord, 'id' | 'title' | 'classification'> & { entityType?: 'agenda_paper' }, kind: AccessKind, copy?: string): Promise<void> {
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: `document.${kind}`,
    entityType: doc.entityType ?? 'document',
    entityId: doc.id,
    data: { title: doc.title, classification: doc.classification, ...(copy ? { copyMarkedFor: copy } : {}) },
  });
}

export function listMatters(trx: Trx) {
  return trx.selectFrom('matters').select(['id', 'title', 'kind', 'reference']).orderBy('title').execute();
}

export async function createMatter(trx: Trx, by: Principal, input: MatterInput): Promise<string> {
  const taken = await trx.selectFrom('matters').select('id').where(sql<boolean>`lower(title) = lower(${input.title})`).executeTakeFirst();
  if (taken) throw new InvalidInputError([{ field: 'title', key: 'matters.error.titleTaken' }]);
  const row = await trx.insertInto('matters').values({ council_id: by.councilId, title: input.title, kind: input.kind, reference: input.reference }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'matter.created', entityType: 'matter', entityId: row.id, data: { ...input } });
  return row.id;
}

export function listCommittees(trx: Trx) {
  return trx.selectFrom('committees').select(['id', 'name']).orderBy('name').execute();
}

/** Rule ids whose refusals the Clerk reviews on the oversight page. */
export const DOCUMENT_RULES = ['pecuniary-interest-documents', 'confidential-papers', 'officer-interests'] as const;

/** Refusals of documents and interests, newest first, with the document named where the path shows one. */
export async function documentRefusals(trx: Trx) {
  const rows = await trx
    .selectFrom('audit_log as a')
    .leftJoin('people as p', 'p.id', 'a.actor_id')
    .select(['a.seq', 'a.at', 'a.entity_id', 'a.data', 'p.name as person'])
    .where('a.action', '=', 'access.refused')
    .where('a.entity_id', 'in', [...DOCUMENT_RULES])
    .orderBy('a.seq', 'desc')
    .limit(200)
    .execute();
  const docIds = new Set<string>();
  const parsed = rows.map((r) => {
    const data = (r.data ?? {}) as { path?: string; clauses?: string[]; errorId?: string };
    const docId = /\/documents\/([0-9a-f-]{36})/.exec(data.path ?? '')?.[1];
    if (docId) docIds.add(docId);
    return { seq: r.seq, at: isoTime(r.at), person: r.person ?? '', ruleId: r.entity_id ?? '', clauses: data.clauses ?? [], path: data.path ?? '', docId };
  });
  const titles = docIds.size ? await trx.selectFrom('documents').select(['id', 'title']).where('id', 'in', [...docIds]).execute() : [];
  return parsed.map((r) => ({ ...r, document: titles.find((d) => d.id === r.docId)?.title ?? '' }));
}

/** Every view, download and print of a confidential paper, newest first. */
export async function confidentialAccessLog(trx: Trx) {
  const rows = await trx
    .selectFrom('audit_log as a')
    .leftJoin('people as p', 'p.id', 'a.actor_id')
    .select(['a.seq', 'a.at', 'a.action', 'a.entity_id', 'a.data', 'p.name as person'])
    .where('a.action', 'in', ['document.viewed', 'document.downloaded', 'document.printed', 'document.metadata_viewed', 'document.issued'])
    .where('a.entity_type', '=', 'document')
    .where(sql<boolean>`a.data->>'classification' = 'confidential' or a.action = 'document.issued'`)
    .orderBy('a.seq', 'desc')
    .limit(500)
    .execute();
  const ids = [...new Set(rows.map((r) => r.entity_id).filter((x): x is string => !!x))];
  const titles = ids.length ? await trx.selectFrom('documents').select(['id', 'title']).where('id', 'in', ids).execute() : [];
  return rows.map((r) => ({
    seq: r.seq,
    at: isoTime(r.at),
    person: r.person ?? '',
    action: r.action,
    documentId: r.entity_id ?? '',
    document: titles.find((d) => d.id === r.entity_id)?.title ?? '',
    copyMarkedFor: ((r.data ?? {}) as { copyMarkedFor?: string }).copyMarkedFor ?? '',
  }));
}
