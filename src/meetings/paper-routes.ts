import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError, RefusedError } from '../web/errors.js';
import { logAccess } from '../documents/service.js';
import { bodyChairs, bodyMembership, bodyName, findMeeting } from './service.js';
import { meetingPapers } from './meeting-page.js';
import { interestsOf, itemResource, mayReadDraft, paperAccess, readerFor } from './visibility.js';

/**
 * A paper for an agenda item, decided as the meeting page lists it: the item's rules (taken
 * in private: the body's members and the officers; a registered interest in its matter bars
 * it), and, for a document of the library, the document's own. Each opening is logged.
 */
export async function paperRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/meetings/:id/papers/:paperId', { schema: { params: z.object({ id: z.uuid(), paperId: z.uuid() }) } }, async (req, reply) => {
    req.authorize('meetings.view');
    const me = req.user();
    const { meeting, paper, item, document } = await req.tx(async (trx) => {
      const meeting = await findMeeting(trx, req.params.id);
      const { papers, documents } = await meetingPapers(trx, meeting.id);
      const paper = papers.find((p) => p.id === req.params.paperId);
      if (!paper) throw new NotFoundError();
      const reader = await readerFor(trx, req);
      // Papers go out with the summons; until then, and until its request is on the agenda, a paper
      // is for those who prepare the agenda, the body's chair and its author: to anyone else it is not here.
      const onTheAgenda = paper.agenda_item_id !== null && meeting.summons_issued_on !== null;
      if (!onTheAgenda && paper.created_by !== me.personId && !mayReadDraft(reader, await bodyChairs(trx, meeting))) throw new NotFoundError();
      const item = paper.agenda_item_id ? await trx.selectFrom('agenda_items').selectAll().where('id', '=', paper.agenda_item_id).executeTakeFirstOrThrow() : undefined;
      const memberIds = (await bodyMembership(trx, req.today))(meeting.committee_id);
      const document = paper.document_id ? documents.get(paper.document_id) : undefined;
      if (paper.document_id && !document) throw new NotFoundError();
      // Decided as the meeting page lists it: the item's rules, then the document's own.
      const access = paperAccess(me, req.clauses!, req.today, itemResource(item ?? { confidential: false, matter_id: null }, memberIds, meeting), interestsOf(reader), document);
      if (access.access !== 'open') throw new RefusedError(access.refusal);
      const classification = document?.classification === 'confidential' || item?.confidential ? 'confidential' : (document?.classification ?? 'internal');
      await logAccess(trx, me, { id: paper.id, title: paper.title, classification, entityType: 'agenda_paper' }, 'viewed');
      const text = document ? '' : (await trx.selectFrom('agenda_papers').select('body').where('id', '=', paper.id).executeTakeFirstOrThrow()).body;
      return { meeting, paper: { title: paper.title, body: text }, item, document };
    });
    return reply.header('cache-control', 'no-store').view('meetings/views/paper.njk', {
      title: paper.title,
      section: 'meetings',
      m: meeting,
      body: bodyName(meeting, req.t),
      paper,
      confidential: !!item?.confidential || document?.classification === 'confidential',
      document: document ? { id: document.id, fileName: document.fileName } : undefined,
    });
  });
}
