import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Translate } from '../i18n/messages.js';
import type { OfficeHours } from '../protocol/types.js';
import { CONTACT_CHANNELS } from '../db/schema-messages.js';
import { dateParts } from '../web/forms.js';
import { submitForm } from '../web/form.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { idFromPath } from '../web/pages.js';
import { isOfficeOpen, londonDayAndTime, nextOpening, officeCalendar } from './office-hours.js';
import {
  OFFICE,
  contactReportInput,
  createContactReport,
  getContactReport,
  getStaffMessage,
  listContactReports,
  listCouncillors,
  listInbox,
  listSent,
  listStaff,
  listUrgentOutOfHours,
  messageInput,
  officialChannelsClause,
  readsOfficeMessages,
  reportConcernsClerk,
  reportRecipients,
  sendStaffMessage,
  type StaffMessageRow,
} from './service.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** "Monday 23 November 2026 at 9:00": when a held message goes, as its sender is told. */
function heldUntilText(t: Translate, at: Date | string): string {
  return t('messages.when', londonDayAndTime(new Date(at), t.locale));
}

const messageView = z.object({
  id: z.string(),
  to: z.string().describe('"office", or the id of the officer it is to'),
  recipientName: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  urgent: z.boolean(),
  urgentReason: z.string().nullable(),
  outOfHours: z.boolean().describe('Written outside the council’s office hours'),
  status: z.enum(['held', 'delivered']),
  sentAt: z.string(),
  deliverAt: z.string().describe('When it was, or will be, delivered'),
  deliveredAt: z.string().nullable(),
  heldUntil: z.string().nullable().describe('While held: when it will be delivered, in words, London time'),
});

const present = (m: StaffMessageRow, t: Translate) => ({
  id: m.id,
  to: m.recipient_id ?? OFFICE,
  recipientName: m.recipient_name,
  subject: m.subject,
  body: m.body,
  urgent: m.urgent,
  urgentReason: m.urgent_reason,
  outOfHours: m.out_of_hours,
  status: m.status,
  sentAt: iso(m.sent_at)!,
  deliverAt: iso(m.deliver_at)!,
  deliveredAt: iso(m.delivered_at),
  heldUntil: m.status === 'held' ? heldUntilText(t, m.deliver_at) : null,
});

const reportView = z.object({
  id: z.string(),
  councillorId: z.string(),
  councillorName: z.string(),
  reporterId: z.string(),
  reporterName: z.string(),
  occurredOn: z.string(),
  channel: z.enum(CONTACT_CHANNELS),
  summary: z.string(),
  concernsClerk: z.boolean(),
  createdAt: z.string(),
  recipients: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** A message as the pages show it: to whom, when, and where it is. */
const forPage = (m: StaffMessageRow, t: Translate) => ({
  ...m,
  toName: m.recipient_name ?? t('messages.toOffice'),
  sent: heldUntilText(t, m.sent_at),
  delivered: m.delivered_at ? heldUntilText(t, m.delivered_at) : '',
  statusText: m.status === 'held' ? t('messages.status.heldUntil', { when: heldUntilText(t, m.deliver_at) }) : t('messages.status.delivered'),
});

/** "Monday to Friday, 9:00 to 17:00": the council's office hours in words. */
function hoursText(hours: OfficeHours, t: Translate): string {
  const days = [...hours.days].sort((a, b) => a - b);
  const consecutive = days.length >= 3 && days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  const dayText = consecutive ? t('messages.dayRange', { from: t(`weekday.${days[0]}`), to: t(`weekday.${days[days.length - 1]}`) }) : days.map((d) => t(`weekday.${d}`)).join(', ');
  return t('messages.hours', { weekdays: dayText, opens: hours.opens.replace(/^0/, ''), closes: hours.closes.replace(/^0/, '') });
}

/**
 * Official channels and office hours (SPEC R9, Brackley 8): messages to the council's staff
 * through Concord, held outside office hours unless urgent with a reason; the staff inbox;
 * the Clerk's list of urgent out-of-hours messages; and staff's reports of contact through
 * personal accounts, which go to the Clerk, or where they concern the Clerk, as the protocol says.
 */
export async function messageRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  /** Whether the office is open now, and if not when it opens, in words. */
  const officeNow = (req: FastifyRequest) => {
    const council = req.councilOrThrow();
    const cal = officeCalendar(council);
    const at = now();
    const open = isOfficeOpen(at, cal);
    return { open, opensAt: open ? '' : heldUntilText(req.t, nextOpening(at, cal)), hours: hoursText(council.settings.officeHours, req.t) };
  };

  app.get('/messages', async (req, reply) => {
    req.authorize('staff_message.send');
    const user = req.user();
    const sent = await req.tx((trx) => listSent(trx, user));
    return reply.view('messages/views/index.njk', {
      title: req.t('messages.title'),
      section: 'messages',
      messages: sent.map((m) => forPage(m, req.t)),
      office: officeNow(req),
      canReadInbox: req.allows('staff_message.read'),
      canSeeUrgent: req.allows('urgent_messages.view'),
    });
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const user = req.user();
    const staff = await req.tx((trx) => listStaff(trx, user));
    return reply.view('messages/views/new.njk', {
      title: req.t('messages.new'),
      section: 'messages',
      staff: staff.filter((s) => s.role === 'officer'),
      // The office is the Clerk's: the Clerk writes to a named officer.
      canWriteToOffice: !readsOfficeMessages(user),
      office: officeNow(req),
      clause: officialChannelsClause(req.clauses!),
      values: { to: readsOfficeMessages(user) ? '' : OFFICE },
      ...data,
    });
  };

  app.get('/messages/new', async (req, reply) => {
    req.authorize('staff_message.send');
    return form(req, reply);
  });

  app.post('/messages/new', async (req, reply) => {
    req.authorize('staff_message.send');
    return submitForm(req, reply, {
      schema: messageInput,
      // The email to staff is in the council's words (req.t is the council's translator).
      save: async (trx, value) => sendStaffMessage(trx, req.councilOrThrow(), req.user(), value, now(), await req.recipientsText(trx), officialChannelsClause(req.clauses!)),
      redisplay: (r, { errors, values }) => form(req, r, { errors, values }),
      done: (message) => ({
        path: `/messages/${message.id}`,
        flash: message.status === 'held' ? `messages.sent.held|${JSON.stringify({ when: heldUntilText(req.t, message.deliver_at) })}` : 'messages.sent.delivered',
      }),
    });
  });

  app.get('/messages/inbox', async (req, reply) => {
    req.authorize('staff_message.read');
    const user = req.user();
    const inbox = await req.tx((trx) => listInbox(trx, user));
    return reply.view('messages/views/inbox.njk', {
      title: req.t('messages.inbox.title'),
      section: 'messages',
      messages: inbox.map((m) => forPage(m, req.t)),
      withOffice: readsOfficeMessages(user),
      canSeeUrgent: req.allows('urgent_messages.view'),
    });
  });

  app.get('/messages/urgent', async (req, reply) => {
    req.authorize('urgent_messages.view');
    const urgent = await req.tx(listUrgentOutOfHours);
    return reply.view('messages/views/urgent.njk', { title: req.t('messages.urgent.title'), section: 'messages', messages: urgent.map((m) => forPage(m, req.t)) });
  });

  app.get('/messages/:id', async (req, reply) => {
    const id = idFromPath(req.params);
    const user = req.user();
    const message = await req.tx(async (trx) => {
      const m = await getStaffMessage(trx, user, id);
      // The sender reads what they sent; anyone else here is a recipient reading their inbox.
      req.authorize(m.sender_id === user.personId ? 'staff_message.send' : 'staff_message.read');
      return m.sender_id === user.personId ? m : getStaffMessage(trx, user, id, { markRead: now() });
    });
    const mine = message.sender_id === user.personId;
    return reply.view('messages/views/show.njk', { title: message.subject, section: 'messages', message: forPage(message, req.t), back: mine ? '/messages' : '/messages/inbox' });
  });

  app.get(
    '/api/v1/messages',
    { schema: { tags: ['messages'], summary: 'The messages to staff one has sent, newest first, with where each is', response: { 200: z.object({ messages: z.array(messageView) }) } } },
    async (req) => {
      req.authorize('staff_message.send');
      const user = req.user();
      return { messages: (await req.tx((trx) => listSent(trx, user))).map((m) => present(m, req.t)) };
    },
  );

  app.post(
    '/api/v1/messages',
    {
      config: { authorize: 'staff_message.send' },
      schema: {
        tags: ['messages'],
        summary: 'Send a message to the council’s staff: the office (the Clerk) or a named officer',
        description:
          'In office hours it is delivered at once. Outside them it is held until the office opens (status "held", with heldUntil), unless it is urgent with a reason, which is logged for the Clerk. Urgent without a reason is refused with 400, naming the field and the clause.',
        body: messageInput,
        response: { 201: messageView, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const message = await req.tx(async (trx) => sendStaffMessage(trx, req.councilOrThrow(), req.user(), req.body, now(), await req.recipientsText(trx), officialChannelsClause(req.clauses!)));
      return reply.status(201).send(present(message, req.t));
    },
  );

  app.get('/contact-reports', async (req, reply) => {
    req.authorize('contact_report.view');
    const user = req.user();
    const reports = await req.tx((trx) => listContactReports(trx, user));
    return reply.view('messages/views/reports.njk', { title: req.t('contactReports.title'), section: 'messages', reports, canReport: req.allows('contact_report.create') });
  });

  const reportForm = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const user = req.user();
    const { councillors, recipients } = await req.tx(async (trx) => ({
      councillors: await listCouncillors(trx),
      recipients: await reportRecipients(trx, req.councilOrThrow(), user, req.today),
    }));
    return reply.view('messages/views/report-new.njk', {
      title: req.t('contactReports.new'),
      section: 'messages',
      councillors,
      recipients: recipients.map((r) => ({ name: r.name, office: req.t(r.office) })),
      concernsClerk: reportConcernsClerk(user),
      channels: CONTACT_CHANNELS,
      values: { occurredOn: dateParts(req.today) },
      ...data,
    });
  };

  app.get('/contact-reports/new', async (req, reply) => {
    req.authorize('contact_report.create');
    return reportForm(req, reply);
  });

  app.post('/contact-reports/new', async (req, reply) => {
    req.authorize('contact_report.create');
    return submitForm(req, reply, {
      schema: contactReportInput,
      // Each recipient's email is in the council's words (req.t is the council's translator).
      save: async (trx, value) => createContactReport(trx, req.councilOrThrow(), req.user(), value, now(), await req.recipientsText(trx)),
      redisplay: (r, { errors, values }) => reportForm(req, r, { errors, values: { ...values, occurredOn: { day: values['occurredOn-day'], month: values['occurredOn-month'], year: values['occurredOn-year'] } } }),
      done: (report) => ({ path: `/contact-reports/${report.id}`, flash: `contactReports.sent|${JSON.stringify({ to: report.recipients.map((r) => r.name).join(', ') })}` }),
    });
  });

  /** One report, for its reporter and recipients only: anyone else is refused with the clause. */
  const readReport = async (req: FastifyRequest, id: string) => {
    const report = await req.tx((trx) => getContactReport(trx, id));
    req.authorize('contact_report.view', { kind: 'contact_report', reporterId: report.reporter_id, recipientIds: report.recipients.map((r) => r.id) });
    return report;
  };

  app.get('/contact-reports/:id', async (req, reply) => {
    const report = await readReport(req, idFromPath(req.params));
    return reply.view('messages/views/report.njk', {
      title: req.t('contactReports.show.title', { councillor: report.councillor_name }),
      section: 'messages',
      report: { ...report, reported: heldUntilText(req.t, report.created_at), recipientNames: report.recipients.map((r) => r.name).join(', ') },
    });
  });

  app.post(
    '/api/v1/contact-reports',
    {
      config: { authorize: 'contact_report.create' },
      schema: {
        tags: ['messages'],
        summary: 'Report contact from a councillor through a personal account',
        description: 'For staff. The report goes to the Clerk; one the Clerk makes goes to the people the council’s protocol names for concerns about the Clerk.',
        body: contactReportInput,
        response: { 201: z.object({ id: z.string(), recipients: z.array(z.object({ id: z.string(), name: z.string() })) }), 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const report = await req.tx(async (trx) => createContactReport(trx, req.councilOrThrow(), req.user(), req.body, now(), await req.recipientsText(trx)));
      return reply.status(201).send({ id: report.id, recipients: report.recipients.map((r) => ({ id: r.id, name: r.name })) });
    },
  );

  app.get(
    '/api/v1/contact-reports/:id',
    {
      schema: {
        tags: ['messages'],
        summary: 'One report of contact through a personal account',
        description: 'Only the person who made it and the people it went to may read it; anyone else is refused, naming the clause.',
        params: idParams,
        response: { 200: reportView, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      const r = await readReport(req, req.params.id);
      return {
        id: r.id,
        councillorId: r.councillor_id,
        councillorName: r.councillor_name,
        reporterId: r.reporter_id,
        reporterName: r.reporter_name,
        occurredOn: r.occurred_on,
        channel: r.channel,
        summary: r.summary,
        concernsClerk: r.concerns_clerk,
        createdAt: iso(r.created_at)!,
        recipients: r.recipients,
      };
    },
  );
}
