import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm } from '../web/form.js';
import type { FormErrors } from '../web/forms.js';
import { apiErrorSchema } from '../web/schemas.js';
import { confidentialAccessLog, createMatter, documentRefusals, listMatters, logAccess, matterInput, possibleRecipients } from './service.js';
import { disposition, documentView, listedView, listFor, openDocument, paperFor, presentDocument, presentListed, refusalMessage, showPage } from './present.js';

/** A spreadsheet cell that cannot be taken for a formula, quoted for CSV. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The document library: the list, search and export of what each person may see; each
 * document's page; the matters documents and interests are linked to; and the Clerk's view
 * of refusals and confidential access. Every route decides with the same rules.
 */
export async function libraryRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const listPage = async (req: FastifyRequest, reply: FastifyReply, q: string | undefined, search: boolean) => {
    const items = await listFor(req, q);
    return reply.view('documents/views/list.njk', {
      title: search ? req.t('documents.search.title') : req.t('documents.title'),
      section: 'documents',
      search,
      q: q ?? '',
      rows: items.map((i) => ({ ...i, paper: paperFor(req, i.doc), refusal: i.access === 'withheld' ? refusalMessage(req, i.decision) : undefined })),
      canUpload: req.allows('document.upload'),
      canOversee: req.allows('document.oversee'),
    });
  };

  app.get('/documents', async (req, reply) => {
    req.authorize('document.list');
    return listPage(req, reply, undefined, false);
  });

  app.get('/documents/search', { schema: { querystring: z.object({ q: z.unknown().optional() }) } }, async (req, reply) => {
    req.authorize('document.list');
    const q = (typeof req.query.q === 'string' ? req.query.q : '').slice(0, 200);
    return listPage(req, reply, q, true);
  });

  app.get('/documents/export.csv', async (req, reply) => {
    req.authorize('document.list');
    const items = await listFor(req);
    const head = ['id', 'title', 'classification', 'access', 'matters', 'body', 'meeting', 'agenda item', 'file name', 'size in bytes', 'added'];
    const lines = [head.map(csvCell).join(',')];
    for (const i of items) {
      const d = i.doc;
      const paper = paperFor(req, d);
      const access = i.access === 'open' ? 'open' : refusalMessage(req, i.decision);
      lines.push([d.id, d.title, d.classification, access, d.matters.map((m) => m.title).join('; '), paper.body, paper.meeting, paper.item, d.fileName, String(d.sizeBytes), d.createdAt.slice(0, 10)].map(csvCell).join(','));
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', disposition('attachment', 'documents.csv'))
      .header('cache-control', 'no-store')
      .send(`${lines.join('\r\n')}\r\n`);
  });

  const mattersPage = async (req: FastifyRequest, reply: FastifyReply, data: { errors?: FormErrors; values: Record<string, unknown> }) => {
    const matters = await req.tx(listMatters);
    return reply.view('documents/views/matters.njk', { title: req.t('matters.title'), section: 'documents', matters, canAdd: req.allows('document.upload'), ...data });
  };

  app.get('/documents/matters', async (req, reply) => {
    req.authorize('document.list');
    return mattersPage(req, reply, { values: {} });
  });

  app.post('/documents/matters', { config: { authorize: 'document.upload' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: matterInput,
      save: (trx, input) => createMatter(trx, req.user(), input),
      redisplay: (reply, form) => mattersPage(req, reply, form),
      done: () => ({ path: '/documents/matters', flash: 'common.saved' }),
    }),
  );

  app.get('/documents/oversight', async (req, reply) => {
    req.authorize('document.oversee');
    const [refusals, accesses] = await req.tx(async (trx) => [await documentRefusals(trx), await confidentialAccessLog(trx)] as const);
    return reply.view('documents/views/oversight.njk', { title: req.t('oversight.title'), section: 'documents', refusals, accesses });
  });

  app.get('/documents/:id', async (req, reply) => {
    req.authorize('document.list');
    const principal = req.user();
    const canIssue = req.allows('document.issue');
    const { doc, recipients } = await openDocument(req, async (doc, trx) => {
      if (doc.classification === 'confidential') await logAccess(trx, principal, doc, 'metadata_viewed');
      const recipients = canIssue && doc.classification === 'confidential' ? await possibleRecipients(trx, req.today) : [];
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

  app.get('/api/v1/documents', { schema: { tags: ['documents'], summary: 'The documents you may see; those withheld from you say why', response: { 200: z.object({ documents: z.array(listedView) }) } } }, async (req) => {
    req.authorize('document.list');
    return { documents: (await listFor(req)).map((i) => presentListed(req, i)) };
  });

  app.get(
    '/api/v1/documents/search',
    {
      schema: {
        tags: ['documents'],
        summary: 'Search the documents you may see, by title, description, matter, the agenda item it is a paper for, or file name',
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
