import type { FastifyInstance, FastifyRequest } from 'fastify';
import { longDate } from '../web/render.js';
import { bodyName } from '../meetings/service.js';
import { paperDistribution, type MemberPaper, type PaperDistribution } from '../meetings/papers.js';
import { refusalMessage } from './present.js';

/** A meeting's heading on the papers page, and a paper's address: a document's page, or the text's. */
function describe(req: FastifyRequest, d: PaperDistribution) {
  const body = bodyName(d.meeting, req.t);
  return {
    heading: req.t('meetings.meetingTitle', { body, date: longDate(d.meeting.meeting_date, req.locale) }),
    body,
    papers: d.papers.map(({ paper, item }) => ({
      id: paper.id,
      title: paper.title,
      documentId: paper.document_id,
      item: `${item.position}. ${item.title}`,
      href: paper.document_id ? `/documents/${paper.document_id}` : `/meetings/${d.meeting.id}/papers/${paper.id}`,
    })),
  };
}

const accessView = (req: FastifyRequest, p: MemberPaper) => ({ access: p.access, refusal: p.refusal && p.access === 'withheld' ? refusalMessage(req, p.refusal) : undefined });

/**
 * Meeting papers follow the agenda: the members of the body that meets get the papers of its
 * items with the summons, decided for each as the agenda decides them. A councillor sees their
 * own, with what is withheld from them and why; the officers see who gets what.
 */
export async function papersRoutes(app: FastifyInstance): Promise<void> {
  app.get('/papers', async (req, reply) => {
    req.authorize('document.list');
    const me = req.user();
    if (!req.allows('meetings.manage')) {
      const mine = await req.tx((trx) => paperDistribution(trx, req.clauses!, req.today, { forPerson: me.personId }));
      const view = mine.map((d) => {
        const m = describe(req, d);
        const access = d.members[0]?.papers ?? [];
        return { ...m, papers: m.papers.flatMap((p, i) => (access[i] && access[i].access !== 'not_issued' ? [{ ...p, ...accessView(req, access[i]) }] : [])) };
      });
      return reply.view('documents/views/papers.njk', { title: req.t('papers.title'), section: 'documents', mine: view.filter((m) => m.papers.length > 0), distribution: undefined });
    }
    const all = await req.tx((trx) => paperDistribution(trx, req.clauses!, req.today));
    const distribution = all.map((d) => ({ ...describe(req, d), members: d.members.map((m) => ({ id: m.id, name: m.name, papers: m.papers.map((p) => accessView(req, p)) })) }));
    return reply.view('documents/views/papers.njk', { title: req.t('papers.title'), section: 'documents', mine: undefined, distribution });
  });
}
