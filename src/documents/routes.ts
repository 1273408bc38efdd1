import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { longDate } from '../web/render.js';
import { asList, blankToUndefined, parseInput, toFormErrors, type FormErrors } from '../web/forms.js';
import { apiError } from '../web/error-handler.js';
import { InvalidInputError, type FieldError } from '../web/errors.js';
import { apiErrorSchema } from '../web/schemas.js';
import { idFromPath, orNotFound } from '../web/pages.js';
import { clausesCarrying, type Decision } from '../policy/decide.js';
import type { RuleId } from '../protocol/types.js';
import type { Trx } from '../db/database.js';
import { checkUpload, isUploadedFile, parseMultipart } from './files.js';
import { markCopy } from './watermark.js';
import { meetings, papersFor } from './papers.js';
import {
  confidentialAccessLog,
  createDocument,
  createMatter,
  documentInput,
  documentLabels,
  documentRefusals,
  findDocument,
  issueConfidential,
  listCommittees,
  listDocuments,
  listMatters,
  loadFileBytes,
  logAccess,
  matterInput,
  matterLabels,
  possibleRecipients,
  recipientsInput,
  recipientsLabels,
  resourceOf,
  ruleContextFor,
  visibleTo,
  type DocumentRecord,
  type Listed,
} from './service.js';

type Refusal = Extract<Decision, { allowed: false }>;

const clauseView = z.object({ protocol: z.string(), number: z.string(), text: z.string() });
const listedView = z.object({
  id: z.string(),
  title: z.string(),
  classification: z.enum(['public', 'internal', 'confidential']),
  access: z.enum(['open', 'withheld']).describe('"withheld": the protocol bars this person from it; the refusal says which clause'),
  matters: z.array(z.object({ id: z.string(), title: z.string() })),
  committeeId: z.string().nullable(),
  meetingReference: z.string(),
  agendaItem: z.string(),
  createdAt: z.string(),
  refusal: z.object({ id: z.string(), message: z.string(), clause: clauseView }).optional(),
});
const documentView = z.object({
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
  meetingReference: z.string(),
  agendaItem: z.string(),
  createdAt: z.string(),
  recipients: z.array(z.object({ id: z.string(), name: z.string(), issuedAt: z.string() })).optional().describe('Confidential papers, for the Clerk only'),
});

function refusalMessage(req: FastifyRequest, decision: Refusal): string {
  const clause = decision.clauses[0]!;
  return req.t('refused.underClause', { number: clause.number, protocol: clause.protocol, text: clause.text });
}

function presentListed(req: FastifyRequest, item: Listed): z.infer<typeof listedView> {
  const d = item.doc;
  const base = {
    id: d.id,
    title: d.title,
    classification: d.classification,
    access: item.access,
    matters: d.matters,
    committeeId: d.committeeId,
    meetingReference: d.meetingReference,
    agendaItem: d.agendaItem,
    createdAt: d.createdAt,
  };
  if (item.access === 'open') return base;
  const clause = item.decision.clauses[0]!;
  return { ...base, refusal: { id: item.decision.errorId, message: refusalMessage(req, item.decision), clause: { protocol: clause.protocol, number: clause.number, text: clause.text } } };
}

function presentDocument(req: FastifyRequest, d: DocumentRecord): z.infer<typeof documentView> {
  const { recipients, uploadedBy: _u, uploaderName: _n, committeeName: _c, ...rest } = d;
  return { ...rest, ...(req.user().role === 'clerk' ? { recipients } : {}) };
}

/** The clause numbers a rule has in this council's protocol (or the model's, for a baseline rule). */
function clauseNumber(req: FastifyRequest, rule: RuleId): string {
  return (req.clauses ? clausesCarrying(req.clauses, rule)[0]?.number : undefined) ?? '';
}

/** The documents this person may see, as the rules decide, newest first. */
async function listFor(req: FastifyRequest, q?: string): Promise<Listed[]> {
  const principal = req.user();
  return req.tx(async (trx) => {
    const [docs, context] = await Promise.all([listDocuments(trx, { q }), ruleContextFor(trx, principal, req.today)]);
    return visibleTo(principal, req.clauses!, req.today, docs, context);
  });
}

/** A spreadsheet cell that cannot be taken for a formula, quoted for CSV. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** "Content-Disposition" with the original name, safely quoted. */
function disposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The document library: upload, list, search, export; each document's page, file, download
 * and printable copy; confidential papers issued to named recipients, each copy marked
 * for them; meeting papers; and the Clerk's view of refusals and confidential access.
 * Every route decides with the same rules, from data loaded in the same transaction.
 */
export async function documentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const maxBytes = app.concord.services.config.maxUploadMb * 1024 * 1024;

  // Uploads: only these routes accept multipart bodies, parsed whole in the parsing phase,
  // so the app-wide CSRF check (which runs before any route's own hooks) reads the form's
  // `_csrf` field like any other form's. The size limit is enforced while reading.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxBytes + 1024 * 1024 }, async (req: FastifyRequest, body: Buffer) =>
    parseMultipart(String(req.headers['content-type']), body),
  );
  // An upload is refused before its body is read: no one unauthorised makes the server take in a file.
  app.addHook('preParsing', async (req) => {
    if (!String(req.headers['content-type'] ?? '').startsWith('multipart/')) return;
    req.authorize(req.routeOptions.config.authorize ?? 'document.upload');
  });
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE' || !req.principal) throw error;
    const message = req.t('documents.upload.error.tooLarge', { max: app.concord.services.config.maxUploadMb });
    if (req.url.startsWith('/api/')) return reply.status(413).send(apiError('file_too_large', message, { fields: [{ field: 'file', message }] }));
    return uploadForm(req, reply.status(413), { errors: toFormErrors([{ field: 'file', message }]), values: {} });
  });

  const uploadForm = async (req: FastifyRequest, reply: FastifyReply, data: { errors?: FormErrors; values: Record<string, unknown> }) => {
    const [matters, committees] = await req.tx((trx) => Promise.all([listMatters(trx), listCommittees(trx)]));
    return reply.view('documents/views/new.njk', {
      title: req.t('documents.upload.title'),
      section: 'documents',
      matters,
      committees,
      maxUploadMb: app.concord.services.config.maxUploadMb,
      canConfidential: req.user().role === 'clerk',
      ...data,
    });
  };

  const listPage = async (req: FastifyRequest, reply: FastifyReply, q: string | undefined, search: boolean) => {
    const items = await listFor(req, q);
    return reply.view('documents/views/list.njk', {
      title: search ? req.t('documents.search.title') : req.t('documents.title'),
      section: 'documents',
      search,
      q: q ?? '',
      rows: items.map((i) => ({ ...i, refusal: i.access === 'withheld' ? refusalMessage(req, i.decision) : undefined })),
      canUpload: req.user().role !== 'councillor',
      canOversee: req.user().role === 'clerk',
    });
  };

  app.get('/documents', async (req, reply) => {
    req.authorize('document.list');
    return listPage(req, reply, undefined, false);
  });

  app.get('/documents/search', async (req, reply) => {
    req.authorize('document.list');
    const raw = (req.query as { q?: unknown }).q;
    const q = (typeof raw === 'string' ? raw : '').slice(0, 200);
    return listPage(req, reply, q, true);
  });

  app.get('/documents/export.csv', async (req, reply) => {
    req.authorize('document.list');
    const items = await listFor(req);
    const head = ['id', 'title', 'classification', 'access', 'matters', 'body', 'meeting', 'agenda item', 'file name', 'size in bytes', 'added'];
    const lines = [head.map(csvCell).join(',')];
    for (const i of items) {
      const d = i.doc;
      const access = i.access === 'open' ? 'open' : refusalMessage(req, i.decision);
      lines.push(
        [d.id, d.title, d.classification, access, d.matters.map((m) => m.title).join('; '), d.committeeName ?? (d.meetingReference ? req.t('documents.fullCouncil') : ''), d.meetingReference, d.agendaItem, d.fileName, String(d.sizeBytes), d.createdAt.slice(0, 10)]
          .map(csvCell)
          .join(','),
      );
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', disposition('attachment', 'documents.csv'))
      .header('cache-control', 'no-store')
      .send(`${lines.join('\r\n')}\r\n`);
  });

  app.get('/documents/new', async (req, reply) => {
    req.authorize('document.upload');
    return uploadForm(req, reply, { values: { classification: 'internal' } });
  });

  /** One upload, for the page and the API alike: check everything, then store it whole or not at all. */
  const upload = async (req: FastifyRequest, reply: FastifyReply, api: boolean) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = {
      title: body.title ?? '',
      description: body.description ?? '',
      classification: blankToUndefined(body.classification),
      matterIds: asList(body.matterIds),
      committeeId: blankToUndefined(body.committeeId) ?? null,
      meetingReference: body.meetingReference ?? '',
      agendaItem: body.agendaItem ?? '',
    };
    const parsed = parseInput(documentInput, input, req.t, documentLabels);
    if (parsed.ok) req.authorize('document.upload', { kind: 'document', classification: parsed.value.classification, matterIds: [], recipientIds: [] });
    const file = isUploadedFile(body.file) ? body.file : undefined;
    const checked = await checkUpload(file, { maxBytes, confidential: parsed.ok && parsed.value.classification === 'confidential' }, req.t);
    const errors: FieldError[] = [...(parsed.ok ? [] : parsed.errors), ...(checked.ok ? [] : checked.errors)];
    const fail = (fields: readonly FieldError[]) => {
      if (api) throw new InvalidInputError(fields);
      return uploadForm(req, reply.status(400), { errors: toFormErrors(fields), values: { ...input, file: undefined } });
    };
    if (!parsed.ok || !checked.ok) return fail(errors);
    let documentId: string;
    try {
      documentId = await req.tx((trx) => createDocument(trx, req.user(), parsed.value, checked.file, req.t));
    } catch (error) {
      if (error instanceof InvalidInputError) return fail(error.fieldsIn(req.t));
      throw error;
    }
    if (api) {
      const doc = await req.tx((trx) => findDocument(trx, documentId));
      return reply.status(201).send(presentDocument(req, doc!));
    }
    return reply.to(`/documents/${documentId}`, `documents.uploaded|${JSON.stringify({ title: parsed.value.title })}`);
  };

  app.post('/documents/new', { config: { authorize: 'document.upload' } }, async (req, reply) => upload(req, reply, false));

  app.post(
    '/api/v1/documents',
    {
      config: { authorize: 'document.upload' },
      schema: {
        tags: ['documents'],
        summary: 'Upload a document (multipart/form-data: file, title, classification, matterIds…; CSRF token in x-csrf-token)',
        description: 'The file’s type is read from its content and must match its name. Refused for councillors; only the Clerk adds confidential papers.',
        response: { 201: documentView, 400: apiErrorSchema, 403: apiErrorSchema, 413: apiErrorSchema },
      },
    },
    async (req, reply) => upload(req, reply, true),
  );

  app.get('/documents/matters', async (req, reply) => {
    req.authorize('document.list');
    const matters = await req.tx(listMatters);
    return reply.view('documents/views/matters.njk', { title: req.t('matters.title'), section: 'documents', matters, canAdd: req.user().role !== 'councillor', values: {} });
  });

  app.post('/documents/matters', { config: { authorize: 'document.upload' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = { title: body.title ?? '', kind: blankToUndefined(body.kind), reference: body.reference ?? '' };
    const redisplay = async (errors: FormErrors) => {
      const matters = await req.tx(listMatters);
      return reply.status(400).view('documents/views/matters.njk', { title: req.t('matters.title'), section: 'documents', matters, canAdd: true, values: input, errors });
    };
    const parsed = parseInput(matterInput, input, req.t, matterLabels);
    if (!parsed.ok) return redisplay(toFormErrors(parsed.errors));
    try {
      await req.tx((trx) => createMatter(trx, req.user(), parsed.value, req.t));
    } catch (error) {
      if (error instanceof InvalidInputError) return redisplay(toFormErrors(error.fieldsIn(req.t)));
      throw error;
    }
    return reply.to('/documents/matters', 'common.saved');
  });

  app.get('/documents/oversight', async (req, reply) => {
    req.authorize('document.oversee');
    const [refusals, accesses] = await req.tx((trx) => Promise.all([documentRefusals(trx), confidentialAccessLog(trx)]));
    return reply.view('documents/views/oversight.njk', { title: req.t('oversight.title'), section: 'documents', refusals, accesses });
  });

  app.get('/papers', async (req, reply) => {
    req.authorize('document.list');
    const principal = req.user();
    if (principal.role === 'councillor') {
      const mine = await req.tx((trx) => papersFor(trx, principal, req.clauses!, req.today));
      const view = mine.map((m) => ({ ...m, papers: m.papers.map((p) => ({ ...p, refusal: p.decision ? refusalMessage(req, p.decision) : undefined })) }));
      return reply.view('documents/views/papers.njk', { title: req.t('papers.title'), section: 'documents', mine: view, distribution: undefined });
    }
    const all = await req.tx((trx) => meetings(trx, principal.councilId, req.clauses!, req.today));
    const distribution = all.map((m) => ({
      ...m,
      members: m.members.map((member) => ({ ...member, papers: member.papers.map((p) => ({ ...p, refusal: p.decision ? refusalMessage(req, p.decision) : undefined })) })),
    }));
    return reply.view('documents/views/papers.njk', { title: req.t('papers.title'), section: 'documents', mine: undefined, distribution });
  });

  /** Load a document and decide, in the transaction that will also log the access. */
  const openDocument = async <T>(req: FastifyRequest, fn: (doc: DocumentRecord, trx: Trx) => Promise<T>) => {
    const documentId = idFromPath(req.params);
    const principal = req.user();
    return req.tx(async (trx) => {
      const doc = orNotFound(await findDocument(trx, documentId));
      req.authorize('document.read', resourceOf(doc), await ruleContextFor(trx, principal, req.today));
      return fn(doc, trx);
    });
  };

  /** A document's page; the Clerk is offered the people a confidential paper is not yet issued to. */
  const showPage = (req: FastifyRequest, reply: FastifyReply, doc: DocumentRecord, candidates: Awaited<ReturnType<typeof possibleRecipients>>, data: Record<string, unknown>) =>
    reply.header('cache-control', 'no-store').view('documents/views/show.njk', {
      title: doc.title,
      section: 'documents',
      doc,
      isClerk: req.user().role === 'clerk',
      isPdf: doc.mediaType === 'application/pdf',
      recipients: candidates.filter((p) => !doc.recipients.some((r) => r.id === p.id)),
      confidentialClause: clauseNumber(req, 'confidential-papers'),
      ...data,
    });

  app.get('/documents/:id', async (req, reply) => {
    req.authorize('document.list');
    const principal = req.user();
    const { doc, recipients } = await openDocument(req, async (doc, trx) => {
      if (doc.classification === 'confidential') await logAccess(trx, principal, doc, 'metadata_viewed');
      const recipients = principal.role === 'clerk' && doc.classification === 'confidential' ? await possibleRecipients(trx, req.today) : [];
      return { doc, recipients };
    });
    return showPage(req, reply, doc, recipients, { values: {} });
  });

  app.get('/api/v1/documents/:id', { schema: { tags: ['documents'], summary: 'A document’s details (not its file)', response: { 200: documentView, 403: apiErrorSchema, 404: apiErrorSchema } } }, async (req, reply) => {
    req.authorize('document.list');
    const principal = req.user();
    const doc = await openDocument(req, async (doc, trx) => {
      if (doc.classification === 'confidential') await logAccess(trx, principal, doc, 'metadata_viewed');
      return doc;
    });
    return reply.header('cache-control', 'no-store').send(presentDocument(req, doc));
  });

  /**
   * The file itself. A confidential paper is only ever sent as a copy marked with the
   * name of the person it is for and the date, on every page; a printed copy of any PDF
   * carries the name of the person who printed it. Nothing here is cacheable.
   */
  const serveFile = async (req: FastifyRequest, reply: FastifyReply, kind: 'viewed' | 'downloaded' | 'printed') => {
    req.authorize('document.list');
    const principal = req.user();
    const { doc, bytes } = await openDocument(req, async (doc, trx) => {
      const mark = doc.classification === 'confidential' || (kind === 'printed' && doc.mediaType === 'application/pdf');
      await logAccess(trx, principal, doc, kind, mark ? principal.name : undefined);
      return { doc, bytes: await loadFileBytes(trx, doc.id) };
    });
    let out: Uint8Array = bytes;
    const date = longDate(req.today);
    if (doc.classification === 'confidential') {
      out = await markCopy(bytes, req.t('documents.copy.banner', { name: principal.name, date, number: clauseNumber(req, 'confidential-papers') }), req.t('documents.copy.diagonal', { name: principal.name, date }));
    } else if (kind === 'printed' && doc.mediaType === 'application/pdf') {
      out = await markCopy(bytes, req.t('documents.copy.printed', { name: principal.name, date }), '');
    }
    return reply
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .header('x-robots-tag', 'noindex, nofollow')
      .header('content-type', doc.mediaType)
      .header('content-disposition', disposition(kind === 'downloaded' ? 'attachment' : 'inline', doc.fileName))
      .send(Buffer.from(out));
  };

  app.get('/documents/:id/view', async (req, reply) => serveFile(req, reply, 'viewed'));
  app.get('/documents/:id/download', async (req, reply) => serveFile(req, reply, 'downloaded'));
  app.get('/documents/:id/print', async (req, reply) => serveFile(req, reply, 'printed'));

  const issue = async (req: FastifyRequest, personIds: readonly string[]) => {
    const parsed = parseInput(recipientsInput, { recipients: personIds }, req.t, recipientsLabels);
    if (!parsed.ok) throw new InvalidInputError(parsed.errors);
    const documentId = idFromPath(req.params);
    return req.tx(async (trx) => {
      const doc = orNotFound(await findDocument(trx, documentId));
      return issueConfidential(trx, req.user(), req.clauses!, req.today, doc, parsed.value.recipients, req.t);
    });
  };

  app.post('/documents/:id/recipients', { config: { authorize: 'document.issue' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      const added = await issue(req, asList(body.recipients));
      return reply.to(`/documents/${idFromPath(req.params)}`, `documents.issued|${JSON.stringify({ names: added.join(', ') || '—' })}`);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const documentId = idFromPath(req.params);
      const { doc, recipients } = await req.tx(async (trx) => ({ doc: orNotFound(await findDocument(trx, documentId)), recipients: await possibleRecipients(trx, req.today) }));
      return showPage(req, reply.status(400), doc, recipients, { errors: toFormErrors(error.fieldsIn(req.t)), values: { recipients: asList(body.recipients) } });
    }
  });

  app.post(
    '/api/v1/documents/:id/recipients',
    {
      config: { authorize: 'document.issue' },
      schema: {
        tags: ['documents'],
        summary: 'Issue a confidential paper to named people (the Clerk)',
        body: z.object({ recipients: z.array(z.string()) }),
        response: { 200: z.object({ issuedTo: z.array(z.string()) }), 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => ({ issuedTo: await issue(req, req.body.recipients) }),
  );

  app.get('/api/v1/documents', { schema: { tags: ['documents'], summary: 'The documents you may see; those withheld from you say why', response: { 200: z.object({ documents: z.array(listedView) }) } } }, async (req) => {
    req.authorize('document.list');
    return { documents: (await listFor(req)).map((i) => presentListed(req, i)) };
  });

  app.get(
    '/api/v1/documents/search',
    {
      schema: {
        tags: ['documents'],
        summary: 'Search the documents you may see, by title, description, matter, meeting or file name',
        querystring: z.object({ q: z.string().max(200).default('') }),
        response: { 200: z.object({ documents: z.array(listedView) }) },
      },
    },
    async (req) => {
      req.authorize('document.list');
      return { documents: (await listFor(req, req.query.q)).map((i) => presentListed(req, i)) };
    },
  );
}
