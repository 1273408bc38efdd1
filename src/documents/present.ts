import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { longDate } from '../web/render.js';
import { clausesCarrying, type Decision } from '../policy/decide.js';
import type { RuleId } from '../protocol/types.js';
import type { Trx } from '../db/database.js';
import { idFromPath, orNotFound } from '../web/pages.js';
import { findDocument, listDocuments, possibleRecipients, resourceOf, ruleContextFor, visibleTo, type DocumentRecord, type Listed } from './service.js';

/*
 * What the document pages and the API show of a document, built in one place: its fields,
 * which meeting it is a paper for, and why one is withheld from the reader.
 */

export type Refusal = Extract<Decision, { allowed: false }>;

const clauseView = z.object({ protocol: z.string(), number: z.string(), text: z.string() });
export const listedView = z.object({
  id: z.string(),
  title: z.string(),
  classification: z.enum(['public', 'internal', 'confidential']),
  access: z.enum(['open', 'withheld']).describe('"withheld": the protocol bars this person from it; the refusal says which clause'),
  matters: z.array(z.object({ id: z.string(), title: z.string() })),
  committeeId: z.string().nullable(),
  meetingId: z.string().nullable().describe('The meeting it is a paper for, if any'),
  onDraftAgenda: z.boolean().describe('That meeting’s agenda is not yet issued (shown only to those who prepare agendas)'),
  meetingReference: z.string(),
  agendaItem: z.string(),
  createdAt: z.string(),
  refusal: z.object({ id: z.string(), message: z.string(), clause: clauseView }).optional(),
});
export const documentView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  classification: z.enum(['public', 'internal', 'confidential']),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  matters: z.array(z.object({ id: z.string(), title: z.string() })),
  committeeId: z.string().nullable(),
  meetingId: z.string().nullable(),
  onDraftAgenda: z.boolean().describe('That meeting’s agenda is not yet issued (shown only to those who prepare agendas)'),
  meetingReference: z.string(),
  agendaItem: z.string(),
  createdAt: z.string(),
  recipients: z.array(z.object({ id: z.string(), name: z.string(), issuedAt: z.string() })).optional().describe('Confidential papers, for the Clerk only'),
});

export function refusalMessage(req: FastifyRequest, decision: Refusal): string {
  const clause = decision.clauses[0]!;
  return req.t('refused.underClause', { number: clause.number, protocol: clause.protocol, text: clause.text });
}

/**
 * The meeting a document is a paper for, in words: "Full Town Council, 8 December 2026", "3. Budget".
 * To those who prepare agendas, also one on an agenda not yet issued, marked so: everyone else
 * learns of it with the summons.
 */
export function paperFor(req: FastifyRequest, d: DocumentRecord): { body: string; meeting: string; item: string; meetingId: string | null; committeeId: string | null; draft: boolean } {
  const draft = !d.paperFor && !!d.draftPaperFor && req.allows('meetings.manage');
  const p = d.paperFor ?? (draft ? d.draftPaperFor : null);
  if (!p) return { body: '', meeting: '', item: '', meetingId: null, committeeId: null, draft: false };
  const body = p.committeeName ?? req.t('meetings.fullCouncil');
  const meeting = req.t('meetings.meetingTitle', { body, date: longDate(p.meetingDate, req.locale) });
  return { body, meeting: draft ? `${meeting} ${req.t('documents.paper.draftAgenda')}` : meeting, item: `${p.itemNumber}. ${p.itemTitle}`, meetingId: p.meetingId, committeeId: p.committeeId, draft };
}

function fields(req: FastifyRequest, d: DocumentRecord) {
  const words = paperFor(req, d);
  return { committeeId: words.committeeId, meetingId: words.meetingId, onDraftAgenda: words.draft, meetingReference: words.meeting, agendaItem: words.item };
}

export function presentListed(req: FastifyRequest, item: Listed): z.infer<typeof listedView> {
  const d = item.doc;
  const base = { id: d.id, title: d.title, classification: d.classification, access: item.access, matters: d.matters, ...fields(req, d), createdAt: d.createdAt };
  if (item.access === 'open') return base;
  const clause = item.decision.clauses[0]!;
  return { ...base, refusal: { id: item.decision.errorId, message: refusalMessage(req, item.decision), clause: { protocol: clause.protocol, number: clause.number, text: clause.text } } };
}

export function presentDocument(req: FastifyRequest, d: DocumentRecord): z.infer<typeof documentView> {
  const { recipients, uploadedBy: _u, uploaderName: _n, paperFor: _p, draftPaperFor: _dp, meetingDates: _m, paperMatterIds: _pm, ...rest } = d;
  // Who a confidential paper was issued to is for the one who issues it.
  return { ...rest, ...fields(req, d), ...(req.allows('document.issue') ? { recipients } : {}) };
}

/** The clause number a rule has in this council's protocol (or the model's, for a baseline rule). */
export function clauseNumber(req: FastifyRequest, rule: RuleId): string {
  return (req.clauses ? clausesCarrying(req.clauses, rule)[0]?.number : undefined) ?? '';
}

/** The documents this person may see, as the rules decide, newest first. */
export async function listFor(req: FastifyRequest, q?: string): Promise<Listed[]> {
  const principal = req.user();
  return req.tx(async (trx) => {
    const docs = await listDocuments(trx, { q, drafts: req.allows('meetings.manage') });
    const context = await ruleContextFor(trx, principal, req.today);
    return visibleTo(principal, req.clauses!, req.today, docs, context);
  });
}

/** "Content-Disposition" with the original name, safely quoted. */
export function disposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A document's page; the one who issues confidential papers is offered the people this one is not yet issued to. */
export function showPage(req: FastifyRequest, reply: FastifyReply, doc: DocumentRecord, candidates: Awaited<ReturnType<typeof possibleRecipients>>, data: Record<string, unknown>) {
  return reply.header('cache-control', 'no-store').view('documents/views/show.njk', {
    title: doc.title,
    section: 'documents',
    doc,
    paper: paperFor(req, doc),
    canIssue: req.allows('document.issue'),
    isPdf: doc.mediaType === 'application/pdf',
    recipients: candidates.filter((p) => !doc.recipients.some((r) => r.id === p.id)),
    confidentialClause: clauseNumber(req, 'confidential-papers'),
    ...data,
  });
}

/** Load a document and decide, in the transaction that will also log the access. */
export async function openDocument<T>(req: FastifyRequest, fn: (doc: DocumentRecord, trx: Trx) => Promise<T>): Promise<T> {
  const documentId = idFromPath(req.params);
  const principal = req.user();
  return req.tx(async (trx) => {
    const doc = orNotFound(await findDocument(trx, documentId));
    req.authorize('document.read', resourceOf(doc), await ruleContextFor(trx, principal, req.today));
    return fn(doc, trx);
  });
}
