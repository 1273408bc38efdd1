import { languageTag } from '../i18n/format.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../web/errors.js';
import { idParams } from '../web/schemas.js';
import { bodyName, findMeeting, listItems, listMeetings, longDay } from './service.js';
import { presentAgenda } from './present.js';
import { writePdf } from '../web/pdf.js';
import type { Reader } from './visibility.js';

/**
 * The public agenda, for the council's website: no sign-in, and the same for everyone,
 * signed in or not. It is the agenda as the public reads it: an item taken in private in
 * general terms, with the reason the public is excluded.
 */
async function publicAgenda(req: FastifyRequest, meetingId: string) {
  const council = req.councilOrThrow();
  return req.tx(async (trx) => {
    const meeting = await findMeeting(trx, meetingId);
    // Published once the summons is issued; until then it is not there to see.
    if (meeting.summons_issued_on === null) throw new NotFoundError();
    const thePublic: Reader = { principal: undefined, clauses: req.clauses!, today: req.today, pecuniaryMatterIds: new Set() };
    const agenda = presentAgenda(thePublic, { meeting, items: await listItems(trx, meeting.id), memberIds: [], chairIds: [] });
    return { meeting, council, items: agenda.items };
  });
}

export async function publicRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/meetings/public', async (req, reply) => {
    const council = req.councilOrThrow();
    const meetings = await req.tx((trx) => listMeetings(trx, { from: req.today, publicOnly: true }));
    return reply.view('meetings/views/public-list.njk', { title: req.t('meetings.public.title', { council: council.name }), section: 'meetings', meetings: meetings.map((m) => ({ ...m, body: bodyName(m, req.t), date: longDay(m.meeting_date, req.locale) })) });
  });

  app.get('/meetings/:id/agenda', { schema: { params: idParams } }, async (req, reply) => {
    const { meeting, council, items } = await publicAgenda(req, req.params.id);
    return reply.view('meetings/views/agenda.njk', {
      title: req.t('meetings.agenda.title', { body: bodyName(meeting, req.t), date: longDay(meeting.meeting_date, req.locale) }),
      section: 'meetings',
      m: meeting,
      council,
      body: bodyName(meeting, req.t),
      date: longDay(meeting.meeting_date, req.locale),
      items,
    });
  });

  app.get('/meetings/:id/agenda.pdf', { schema: { params: idParams } }, async (req, reply) => {
    const { meeting, council, items } = await publicAgenda(req, req.params.id);
    const t = req.t;
    const body = bodyName(meeting, t);
    const date = longDay(meeting.meeting_date, t.locale);
    // The page's own order and headings: the meeting's facts, then the business as a numbered list.
    const pdf = await writePdf({
      title: t('meetings.agenda.title', { body, date }),
      author: council.name,
      language: languageTag(req.locale),
      blocks: [
        { kind: 'paragraph', text: council.name },
        { kind: 'paragraph', text: t('meetings.agenda.when', { date, time: meeting.starts_at }) },
        { kind: 'paragraph', text: t('meetings.agenda.where', { venue: meeting.venue }) },
        { kind: 'paragraph', text: meeting.kind === 'extraordinary' ? t('meetings.kind.extraordinary') : t('meetings.kind.ordinary') },
        { kind: 'paragraph', text: t('meetings.agenda.public') },
        { kind: 'heading', level: 2, text: t('meetings.agenda.business') },
        {
          kind: 'list',
          ordered: true,
          items: items.map((item) => {
            const detail = item.confidential ? t('meetings.agenda.excluded', { reason: item.confidentialReason }) : item.details;
            return { text: item.title, label: String(item.number), details: detail ? [detail] : [] };
          }),
        },
        { kind: 'paragraph', text: t('meetings.agenda.issued', { date: longDay(meeting.summons_issued_on!, t.locale) }) },
      ],
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="agenda-${meeting.meeting_date}.pdf"`)
      .send(Buffer.from(pdf));
  });
}
