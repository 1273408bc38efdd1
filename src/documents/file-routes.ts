import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { longDate } from '../web/render.js';
import { loadFileBytes, logAccess } from './service.js';
import { markCopy } from './watermark.js';
import { clauseNumber, disposition, openDocument } from './present.js';

/**
 * The file itself: viewed, downloaded or printed. A confidential paper is only ever sent as a
 * copy marked with the name of the person it is for and the date, on every page; a printed
 * copy of any PDF carries the name of the person who printed it. Nothing here is cacheable.
 */
export async function fileRoutes(app: FastifyInstance): Promise<void> {
  const serveFile = async (req: FastifyRequest, reply: FastifyReply, kind: 'viewed' | 'downloaded' | 'printed') => {
    req.authorize('document.list');
    const principal = req.user();
    const { doc, bytes } = await openDocument(req, async (doc, trx) => {
      const mark = doc.classification === 'confidential' || (kind === 'printed' && doc.mediaType === 'application/pdf');
      await logAccess(trx, principal, doc, kind, mark ? principal.name : undefined);
      return { doc, bytes: await loadFileBytes(trx, doc.id) };
    });
    let out: Uint8Array = bytes;
    const date = longDate(req.today, req.locale);
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
}
