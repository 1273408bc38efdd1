import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../audit/audit.js';
import { decide, type Decision } from '../policy/decide.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { apiError } from '../web/error-handler.js';
import { blankToUndefined, checkbox, dateFromParts, dateParts, parseInput, toFormErrors, type FormErrors } from '../web/forms.js';
import { apiErrorSchema, idParams, isoDate } from '../web/schemas.js';
import { latestSummonsDate } from '../calendar/clear-days.js';
import { shortDate } from '../calendar/dates.js';
import { skippedLabel, readingName } from '../calendar/labels.js';
import { addMourningDay, listMourningDays, mourningInput, mourningLabels, removeMourningDay } from '../calendar/mourning.js';
import { calendarSettings } from '../calendar/settings.js';
import { listCommittees } from '../setup/committees/service.js';
import { listMatters, logAccess, ruleContextFor } from '../documents/service.js';
import {
  addComment,
  addItem,
  agendaRequestInput,
  agendaRequestLabels,
  approvalMeetings,
  approveMinutes,
  bodyChairs,
  bodyMembers,
  bodyName,
  commentInput,
  createRequest,
  decideRequest,
  decisionInput,
  decisionLabels,
  findMeeting,
  findRequest,
  issueSummons,
  itemInput,
  itemLabels,
  itemMatterInput,
  listComments,
  listItems,
  listMeetings,
  listOutbox,
  listPapers,
  listRequests,
  loadCounting,
  longDay,
  meetingDates,
  meetingInput,
  meetingLabels,
  nextMeetingOfBody,
  paperResource,
  rescheduleInput,
  rescheduleMeeting,
  saveMinutes,
  scheduleMeeting,
  setItemMatter,
  setSummonsPreference,
  summonsChannels,
  type Counting,
  type MeetingRow,
} from './service.js';
import { councilFeed, feedOwner, hasFeed, newFeedToken, personFeed } from './feeds.js';
import { agendaPdf } from './pdf.js';
import { attendanceSummary, loadAttendance } from './attendance.js';
import { decisionRecorders, listResolutions } from '../decisions/service.js';

const V = 'meetings/views';

const skippedView = z.object({ date: z.string(), reason: z.string(), detail: z.string().optional(), label: z.string() });
const summonsDateView = z.object({
  meeting: z.string(),
  latestIssueDate: z.string(),
  clearDays: z.number(),
  reading: z.object({ id: z.enum(['nalc', 'working-weekdays']), name: z.string() }),
  saturdaysCount: z.boolean(),
  nation: z.enum(['england', 'wales']),
  skipped: z.array(skippedView),
});
const meetingView = z.object({
  id: z.string(),
  body: z.string(),
  committeeId: z.string().nullable(),
  kind: z.enum(['ordinary', 'extraordinary']),
  meetingDate: z.string(),
  startsAt: z.string(),
  venue: z.string(),
  agendaDeadline: z.string(),
  summonsDue: z.string(),
  summonsIssuedOn: z.string().nullable(),
  agendaChangedSinceIssue: z.boolean(),
  minutesStatus: z.enum(['none', 'draft', 'approved']),
});
const itemView = z.object({
  number: z.number(),
  title: z.string(),
  details: z.string().nullable(),
  confidential: z.boolean(),
  confidentialReason: z.string(),
  matterId: z.string().nullable().optional().describe('The council matter the item is about; shown to those who prepare the agenda'),
});
const requestView = z.object({ id: z.string(), number: z.number(), meetingId: z.string(), title: z.string(), status: z.enum(['pending', 'accepted', 'rejected']), urgentReason: z.string().nullable() });
const lateErrorSchema = z.object({
  error: apiErrorSchema.shape.error.extend({
    deadline: z.string(),
    nextMeeting: z.object({ id: z.string(), meetingDate: z.string(), agendaDeadline: z.string() }).nullable(),
  }),
});

function present(m: MeetingRow, counting: Counting, t: FastifyRequest['t']) {
  const dates = meetingDates(m.meeting_date, counting);
  return {
    id: m.id,
    body: bodyName(m, t),
    committeeId: m.committee_id,
    kind: m.kind,
    meetingDate: m.meeting_date,
    startsAt: m.starts_at,
    venue: m.venue,
    agendaDeadline: dates.agendaDeadline,
    summonsDue: dates.summons.latestIssueDate,
    summonsIssuedOn: m.summons_issued_on,
    agendaChangedSinceIssue: m.agenda_changed_since_issue,
    minutesStatus: m.minutes_status,
  };
}

function origin(req: FastifyRequest): string {
  const configured = req.server.concord.services.config.publicUrl;
  return configured ? configured.replace(/\/$/, '') : `${req.protocol}://${req.host}`;
}
const linker = (req: FastifyRequest) => (path: string) => `${origin(req)}${req.base}${path}`;

/** Record a refusal this capability answers itself, exactly as the app's error handler does. */
async function recordRefusal(req: FastifyRequest, decision: Extract<Decision, { allowed: false }>) {
  const council = req.councilOrThrow();
  await req.server.concord.services.db.tenant(council.id, (trx) =>
    audit(trx, {
      councilId: council.id,
      actorId: req.principal?.personId ?? null,
      action: 'access.refused',
      entityType: 'rule',
      entityId: decision.ruleId,
      data: { errorId: decision.errorId, method: req.method, path: req.url.split('?')[0], clauses: decision.clauses.map((c) => c.number) },
    }),
  );
}

/**
 * The agenda notice rule, asked about one meeting: may this person's request (with this
 * reason for urgency, if any) still reach it? Refused with the clause, and the next
 * meeting of the same body offered.
 */
async function checkNotice(req: FastifyRequest, meetingId: string, urgentReason: string) {
  const council = req.councilOrThrow();
  const { meeting, counting, next } = await req.tx(async (trx) => {
    const meeting = await findMeeting(trx, meetingId);
    const counting = await loadCounting(trx, council);
    return { meeting, counting, next: await nextMeetingOfBody(trx, meeting) };
  });
  const deadline = meetingDates(meeting.meeting_date, counting).agendaDeadline;
  const decision = decide(req.user(), 'agenda_request.create', req.clauses!, req.today, undefined, { agendaDeadline: deadline, urgentReason });
  return { meeting, counting, deadline, next, decision, nextDeadline: next ? meetingDates(next.meeting_date, counting).agendaDeadline : undefined };
}

/**
 * Meetings of the council and its committees: agendas, agenda requests with the notice
 * period enforced, the summons issued within the law's three clear days, public agendas
 * (HTML and PDF), minutes, and calendar feeds.
 */
export async function meetingRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // ------------------------------------------------------------ the clear-days tool

  const summonsDate = async (req: FastifyRequest, meeting: string) => {
    const council = req.councilOrThrow();
    const counting = await req.tx((trx) => loadCounting(trx, council));
    const answer = latestSummonsDate(meeting, counting.rules);
    return {
      meeting,
      latestIssueDate: answer.latestIssueDate,
      clearDays: answer.clearDays,
      reading: { id: answer.reading, name: readingName(answer.reading, req.t) },
      saturdaysCount: answer.saturdaysCount,
      nation: council.nation,
      skipped: answer.skipped.map((s) => ({ ...s, label: skippedLabel(s, req.t) })),
    };
  };

  app.get(
    '/api/v1/tools/summons-date',
    {
      schema: {
        tags: ['meetings'],
        summary: 'The latest date a summons may be issued for a meeting on a given day',
        description: 'Public: no sign-in. Three clear days counted as the council’s reading of the law says, with every day not counted and why.',
        querystring: z.object({ meeting: isoDate }),
        response: { 200: summonsDateView, 400: apiErrorSchema },
      },
    },
    async (req) => summonsDate(req, req.query.meeting),
  );

  // ------------------------------------------------------------ lists and scheduling

  app.get('/meetings', async (req, reply) => {
    req.authorize('meetings.view');
    const council = req.councilOrThrow();
    const canManage = req.allows('meetings.manage');
    const { meetings, counting } = await req.tx(async (trx) => ({ meetings: await listMeetings(trx), counting: await loadCounting(trx, council) }));
    const rows = meetings.map((m) => ({ ...m, body: bodyName(m, req.t), dates: meetingDates(m.meeting_date, counting) }));
    const upcoming = rows.filter((m) => m.meeting_date >= req.today);
    const past = rows.filter((m) => m.meeting_date < req.today).reverse();
    const warnings = canManage
      ? upcoming.filter((m) => (m.summons_issued_on === null || m.agenda_changed_since_issue) && req.today >= m.dates.warnFrom)
      : [];
    return reply.view(`${V}/list.njk`, { title: req.t('meetings.title'), section: 'meetings', upcoming, past, warnings, canManage, canConfigure: req.allows('council.configure'), today: req.today });
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const committees = await req.tx(listCommittees);
    return reply.view(`${V}/new.njk`, { title: req.t('meetings.new'), section: 'meetings', committees, values: { meetingDate: dateParts(null), startsAt: '19:00' }, ...data });
  };

  app.get('/meetings/new', async (req, reply) => {
    req.authorize('meetings.manage');
    return newForm(req, reply);
  });

  app.post('/meetings/new', { config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = { committeeId: blankToUndefined(body.committeeId) ?? null, kind: body.kind ?? 'ordinary', meetingDate: dateFromParts(body, 'meetingDate'), startsAt: body.startsAt, venue: body.venue };
    const values = { ...input, meetingDate: { day: body['meetingDate-day'], month: body['meetingDate-month'], year: body['meetingDate-year'] } };
    const parsed = parseInput(meetingInput, input, req.t, meetingLabels);
    if (!parsed.ok) return newForm(req, reply.status(400), { errors: toFormErrors(parsed.errors), values });
    const id = await req.tx((trx) => scheduleMeeting(trx, req.user(), parsed.value));
    return reply.to(`/meetings/${id}`, 'meetings.scheduled');
  });

  // ------------------------------------------------------------ one meeting

  const meetingPage = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, data: Record<string, unknown> = {}) => {
    req.authorize('meetings.view');
    const me = req.user();
    const council = req.councilOrThrow();
    const canManage = req.allows('meetings.manage');
    const d = await req.tx(async (trx) => {
      const meeting = await findMeeting(trx, meetingId);
      const counting = await loadCounting(trx, council);
      const chairs = await bodyChairs(trx, meeting);
      const members = await bodyMembers(trx, meeting);
      const requests = await listRequests(trx, meeting.id);
      return {
        meeting,
        counting,
        chairs,
        members,
        items: await listItems(trx, meeting.id),
        resolutions: await listResolutions(trx, { meetingId: meeting.id }),
        // The same loader as the document library's: the register, read fresh for this request.
        ruleContext: await ruleContextFor(trx, me, req.today),
        matters: canManage ? await listMatters(trx) : [],
        papers: await listPapers(trx, meeting.id),
        requests: canManage ? requests : requests.filter((r) => r.requested_by === me.personId),
        comments: await listComments(trx, meeting.id),
        outbox: canManage ? await listOutbox(trx, meeting.id) : [],
        channels: canManage ? await summonsChannels(trx, council, members.map((m) => m.id)) : new Map(),
        committees: canManage ? await listCommittees(trx) : [],
      };
    });
    const dates = meetingDates(d.meeting.meeting_date, d.counting);
    const isChair = d.chairs.includes(me.personId);
    const isMember = d.members.some((m) => m.id === me.personId);
    const issued = d.meeting.summons_issued_on !== null;
    const canSeeDraft = canManage || isChair;
    // Papers of an item whose matter this person has a pecuniary interest in are listed as withheld, with the clause.
    const memberIds = d.members.map((m) => m.id);
    const withheld: Record<string, string> = {};
    for (const item of d.items) {
      const decision = decide(me, 'document.read', req.clauses!, req.today, paperResource(item, memberIds), d.ruleContext);
      if (!decision.allowed && decision.ruleId === 'pecuniary-interest-documents') {
        const clause = decision.clauses[0]!;
        withheld[item.id] = req.t('refused.underClause', { number: clause.number, protocol: clause.protocol, text: clause.text });
      }
    }
    return reply.view(`${V}/meeting.njk`, {
      title: req.t('meetings.meetingTitle', { body: bodyName(d.meeting, req.t), date: longDay(d.meeting.meeting_date) }),
      section: 'meetings',
      m: d.meeting,
      body: bodyName(d.meeting, req.t),
      dates,
      skipped: dates.summons.skipped.map((s) => ({ ...s, label: skippedLabel(s, req.t), short: shortDate(s.date) })),
      readingName: readingName(dates.summons.reading, req.t),
      items: issued || canSeeDraft ? d.items : [],
      decisions: {
        resolutions: d.resolutions.filter((r) => !r.confidential || me.role !== 'councillor' || isMember),
        canRecord: req.allows('resolution.record', undefined, { delegatedRecorder: decisionRecorders(council.settings).includes(me.personId) }),
        canConfirm: req.allows('agreed_action.confirm'),
        isChair,
      },
      showAgenda: issued || canSeeDraft,
      papers: d.papers,
      withheld,
      matters: d.matters,
      requests: d.requests,
      comments: canSeeDraft ? d.comments : [],
      canComment: canSeeDraft && !issued,
      isChair,
      isMember,
      // An item taken in private: its details and papers are for the body's members and the Clerk.
      canSeeConfidential: me.role === 'clerk' || isMember,
      members: d.members,
      channels: Object.fromEntries(d.channels),
      outbox: d.outbox,
      canManage,
      canDecide: req.allows('agenda_request.decide'),
      issued,
      late: req.today > dates.agendaDeadline,
      summonsLate: req.today > dates.summons.latestIssueDate,
      warn: canManage && (!issued || d.meeting.agenda_changed_since_issue) && req.today >= dates.warnFrom && req.today <= dates.summons.latestIssueDate,
      today: req.today,
      reschedule: { meetingDate: dateParts(d.meeting.meeting_date), startsAt: d.meeting.starts_at, venue: d.meeting.venue },
      itemValues: {},
      ...data,
    });
  };

  app.get('/meetings/:id', { schema: { params: idParams } }, async (req, reply) => meetingPage(req, reply, req.params.id));

  const pagePost = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, fn: () => Promise<unknown>, flash: string, data: (errors: FormErrors) => Record<string, unknown> = () => ({})) => {
    try {
      await fn();
    } catch (error) {
      if (error instanceof InvalidInputError) {
        const errors = toFormErrors(error.fieldsIn(req.t));
        return meetingPage(req, reply.status(400), meetingId, { errors, ...data(errors) });
      }
      throw error;
    }
    return reply.to(`/meetings/${meetingId}`, flash);
  };

  app.post('/meetings/:id/reschedule', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseInput(rescheduleInput, { meetingDate: dateFromParts(body, 'meetingDate'), startsAt: body.startsAt, venue: body.venue }, req.t, meetingLabels);
    const reschedule = { meetingDate: { day: body['meetingDate-day'], month: body['meetingDate-month'], year: body['meetingDate-year'] }, startsAt: body.startsAt, venue: body.venue };
    if (!parsed.ok) return meetingPage(req, reply.status(400), req.params.id, { errors: toFormErrors(parsed.errors), reschedule });
    return pagePost(req, reply, req.params.id, () => req.tx(async (trx) => rescheduleMeeting(trx, req.user(), await findMeeting(trx, req.params.id), parsed.value)), 'meetings.rescheduled');
  });

  app.post('/meetings/:id/items', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = { title: body.title, details: body.details ?? '', confidential: checkbox(body.confidential), confidentialReason: body.confidentialReason ?? '', matterId: blankToUndefined(body.matterId) ?? null };
    const parsed = parseInput(itemInput, input, req.t, itemLabels);
    if (!parsed.ok) return meetingPage(req, reply.status(400), req.params.id, { errors: toFormErrors(parsed.errors), itemValues: input });
    const council = req.councilOrThrow();
    return pagePost(
      req,
      reply,
      req.params.id,
      () => req.tx(async (trx) => addItem(trx, req.user(), await findMeeting(trx, req.params.id), parsed.value, req.today, await loadCounting(trx, council), req.t)),
      'meetings.itemAdded',
      () => ({ itemValues: input }),
    );
  });

  app.post('/meetings/:id/items/:itemId/matter', { schema: { params: z.object({ id: z.uuid(), itemId: z.uuid() }) }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseInput(itemMatterInput, { matterId: blankToUndefined(body.matterId) ?? null }, req.t, itemLabels);
    const field = `matterId-${req.params.itemId}`;
    if (!parsed.ok) return meetingPage(req, reply.status(400), req.params.id, { errors: toFormErrors(parsed.errors.map((e) => ({ ...e, field }))) });
    const { id, itemId } = req.params;
    try {
      await req.tx(async (trx) => setItemMatter(trx, req.user(), await findMeeting(trx, id), itemId, parsed.value.matterId, req.t));
    } catch (error) {
      if (error instanceof InvalidInputError) return meetingPage(req, reply.status(400), id, { errors: toFormErrors(error.fieldsIn(req.t).map((e) => ({ ...e, field }))) });
      throw error;
    }
    return reply.to(`/meetings/${id}`, 'meetings.item.matterSaved');
  });

  app.post('/meetings/:id/comments', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('meetings.view');
    const me = req.user();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseInput(commentInput, { body: body.body }, req.t, { body: 'meetings.comment.body' });
    const allowed = await req.tx(async (trx) => req.allows('meetings.manage') || (await bodyChairs(trx, await findMeeting(trx, req.params.id))).includes(me.personId));
    // Draft agendas are shared with the body's chair (L2.4): to anyone else this is not here.
    if (!allowed) throw new NotFoundError();
    if (!parsed.ok) return meetingPage(req, reply.status(400), req.params.id, { errors: toFormErrors(parsed.errors) });
    return pagePost(req, reply, req.params.id, () => req.tx(async (trx) => addComment(trx, me, await findMeeting(trx, req.params.id), parsed.value.body)), 'meetings.commented');
  });

  app.post('/meetings/:id/summons', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const council = req.councilOrThrow();
    return pagePost(
      req,
      reply,
      req.params.id,
      () => req.tx(async (trx) => issueSummons(trx, req.user(), council, await findMeeting(trx, req.params.id), { today: req.today, counting: await loadCounting(trx, council), t: req.t, link: linker(req) })),
      'meetings.summonsIssued',
    );
  });

  // ------------------------------------------------------------ agenda requests

  const requestForm = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, data: Record<string, unknown> = {}) => {
    const council = req.councilOrThrow();
    const { meeting, counting, councillors } = await req.tx(async (trx) => ({
      meeting: await findMeeting(trx, meetingId),
      counting: await loadCounting(trx, council),
      councillors: req.user().role === 'clerk' ? await bodyMembers(trx, { committee_id: null, meeting_date: req.today }) : [],
    }));
    const dates = meetingDates(meeting.meeting_date, counting);
    return reply.view(`${V}/request.njk`, {
      title: req.t('meetings.request.pageTitle', { body: bodyName(meeting, req.t), date: longDay(meeting.meeting_date) }),
      section: 'meetings',
      m: meeting,
      deadline: dates.agendaDeadline,
      late: req.today > dates.agendaDeadline,
      isClerk: req.user().role === 'clerk',
      councillors,
      values: {},
      ...data,
    });
  };

  const lateRefusal = async (req: FastifyRequest, reply: FastifyReply, n: Awaited<ReturnType<typeof checkNotice>>, title: string) => {
    const decision = n.decision as Extract<Decision, { allowed: false }>;
    await recordRefusal(req, decision);
    const clause = decision.clauses[0]!;
    return reply.status(403).view(`${V}/late.njk`, {
      title: req.t('refused.title'),
      section: 'meetings',
      decision,
      message: req.t('refused.underClause', { number: clause.number, protocol: clause.protocol, text: clause.text }),
      lead: req.t('meetings.late.lead', { body: bodyName(n.meeting, req.t), date: longDay(n.meeting.meeting_date), deadline: longDay(n.deadline) }),
      next: n.next,
      nextDate: n.next ? longDay(n.next.meeting_date) : undefined,
      nextDeadline: n.nextDeadline ? longDay(n.nextDeadline) : undefined,
      nextOpen: !!n.nextDeadline && req.today <= n.nextDeadline,
      requestTitle: title,
    });
  };

  app.get('/meetings/:id/request', { schema: { params: idParams, querystring: z.object({ title: z.string().max(200).optional() }) } }, async (req, reply) => {
    const notice = await checkNotice(req, req.params.id, '');
    // The Clerk may still record a late request, as urgent with a reason; anyone else is told now.
    if (!notice.decision.allowed && req.user().role !== 'clerk') return lateRefusal(req, reply, notice, req.query.title ?? '');
    return requestForm(req, reply, req.params.id, { values: { title: req.query.title ?? '' } });
  });

  app.post('/meetings/:id/request', { schema: { params: idParams } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const paperBody = typeof body.paperBody === 'string' ? body.paperBody : '';
    const papers = typeof body.paperTitle === 'string' && (body.paperTitle.trim() || paperBody.trim()) ? [{ title: body.paperTitle, body: paperBody }] : [];
    const input = { title: body.title, details: body.details ?? '', papers, requestedBy: blankToUndefined(body.requestedBy), urgentReason: body.urgentReason ?? '' };
    const values = { ...input, paperTitle: body.paperTitle, paperBody: body.paperBody };
    const notice = await checkNotice(req, req.params.id, typeof input.urgentReason === 'string' ? input.urgentReason : '');
    if (!notice.decision.allowed) return lateRefusal(req, reply, notice, typeof body.title === 'string' ? body.title : '');
    const parsed = parseInput(agendaRequestInput, input, req.t, { ...agendaRequestLabels, 'papers.0.title': 'meetings.paper.title', 'papers.0.body': 'meetings.paper.body' });
    if (!parsed.ok) return requestForm(req, reply.status(400), req.params.id, { errors: toFormErrors(parsed.errors.map((e) => ({ ...e, field: e.field === 'papers.0.title' ? 'paperTitle' : e.field === 'papers.0.body' ? 'paperBody' : e.field }))), values });
    try {
      const request = await req.tx((trx) => createRequest(trx, req.user(), notice.meeting, parsed.value, { late: req.today > notice.deadline, today: req.today, counting: notice.counting, t: req.t }));
      return reply.to(`/meetings/${req.params.id}`, `meetings.requestReceived|${JSON.stringify({ number: request.number })}`);
    } catch (error) {
      if (error instanceof InvalidInputError) return requestForm(req, reply.status(400), req.params.id, { errors: toFormErrors(error.fieldsIn(req.t)), values });
      throw error;
    }
  });

  app.post('/meetings/:id/requests/:requestId/decision', { schema: { params: z.object({ id: z.uuid(), requestId: z.uuid() }) }, config: { authorize: 'agenda_request.decide' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseInput(decisionInput, { decision: body.decision, reason: body.reason ?? '' }, req.t, decisionLabels);
    if (!parsed.ok) return meetingPage(req, reply.status(400), req.params.id, { errors: toFormErrors(parsed.errors.map((e) => ({ ...e, field: `${e.field}-${req.params.requestId}` }))) });
    const council = req.councilOrThrow();
    return pagePost(
      req,
      reply,
      req.params.id,
      () => req.tx(async (trx) => decideRequest(trx, req.user(), await findRequest(trx, req.params.requestId), parsed.value, req.today, await loadCounting(trx, council), req.t)),
      parsed.value.decision === 'accept' ? 'meetings.requestAccepted' : 'meetings.requestRejected',
    );
  });

  // ------------------------------------------------------------ papers

  app.get('/meetings/:id/papers/:paperId', { schema: { params: z.object({ id: z.uuid(), paperId: z.uuid() }) } }, async (req, reply) => {
    req.authorize('meetings.view');
    const me = req.user();
    const { meeting, paper, item } = await req.tx(async (trx) => {
      const meeting = await findMeeting(trx, req.params.id);
      const paper = await trx.selectFrom('agenda_papers').selectAll().where('id', '=', req.params.paperId).where('meeting_id', '=', meeting.id).executeTakeFirst();
      if (!paper) throw new NotFoundError();
      const item = paper.agenda_item_id ? await trx.selectFrom('agenda_items').selectAll().where('id', '=', paper.agenda_item_id).executeTakeFirst() : undefined;
      // Before the summons, an open item's papers are for those preparing the agenda and their author.
      if (!item?.confidential && !req.allows('meetings.manage') && paper.created_by !== me.personId && meeting.summons_issued_on === null) throw new NotFoundError();
      // Decided as a document is: papers for an item taken in private go to the body's members only
      // (and the Clerk); a councillor with a registered pecuniary interest in the item's matter is refused.
      const resource = paperResource(item, (await bodyMembers(trx, meeting)).map((m) => m.id));
      req.authorize('document.read', resource, await ruleContextFor(trx, me, req.today));
      await logAccess(trx, me, { id: paper.id, title: paper.title, classification: resource.classification, entityType: 'agenda_paper' }, 'viewed');
      return { meeting, paper, item };
    });
    return reply.view(`${V}/paper.njk`, { title: paper.title, section: 'meetings', m: meeting, body: bodyName(meeting, req.t), paper, item });
  });

  // ------------------------------------------------------------ minutes

  const minutesPage = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, data: Record<string, unknown> = {}) => {
    req.authorize('meetings.view');
    const { meeting, items, approvals, approvedAt, attendance } = await req.tx(async (trx) => {
      const meeting = await findMeeting(trx, meetingId);
      return {
        meeting,
        items: await listItems(trx, meeting.id),
        approvals: await approvalMeetings(trx, meeting, req.today),
        approvedAt: meeting.minutes_approved_at ? await findMeeting(trx, meeting.minutes_approved_at) : undefined,
        attendance: attendanceSummary(await loadAttendance(trx, meeting)),
      };
    });
    const canManage = req.allows('meetings.manage');
    const isMember = canManage || (await req.tx((trx) => bodyMembers(trx, meeting))).some((m) => m.id === req.user().personId);
    return reply.view(`${V}/minutes.njk`, {
      title: req.t('meetings.minutes.title', { body: bodyName(meeting, req.t), date: longDay(meeting.meeting_date) }),
      section: 'meetings',
      m: meeting,
      items,
      approvals: approvals.map((a) => ({ ...a, label: longDay(a.meeting_date) })),
      approvedAt: approvedAt ? longDay(approvedAt.meeting_date) : undefined,
      canEdit: canManage && meeting.minutes_status !== 'approved' && meeting.meeting_date <= req.today,
      canManage,
      canSeeConfidential: isMember,
      attendance,
      ...data,
    });
  };

  app.get('/meetings/:id/minutes', { schema: { params: idParams } }, async (req, reply) => minutesPage(req, reply, req.params.id));

  app.post('/meetings/:id/minutes', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const minutes: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (k.startsWith('minute-') && typeof v === 'string') minutes[k.slice('minute-'.length)] = v;
    try {
      await req.tx(async (trx) => saveMinutes(trx, req.user(), await findMeeting(trx, req.params.id), minutes, req.today, req.t));
    } catch (error) {
      if (error instanceof InvalidInputError) return minutesPage(req, reply.status(400), req.params.id, { errors: toFormErrors(error.fieldsIn(req.t)) });
      throw error;
    }
    return reply.to(`/meetings/${req.params.id}/minutes`, 'meetings.minutesSaved');
  });

  app.post('/meetings/:id/minutes/approve', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      await req.tx(async (trx) => approveMinutes(trx, req.user(), await findMeeting(trx, req.params.id), typeof body.approvedAt === 'string' ? body.approvedAt : '', req.today, req.t));
    } catch (error) {
      if (error instanceof InvalidInputError) return minutesPage(req, reply.status(400), req.params.id, { errors: toFormErrors(error.fieldsIn(req.t)) });
      throw error;
    }
    return reply.to(`/meetings/${req.params.id}/minutes`, 'meetings.minutesApproved');
  });

  // ------------------------------------------------------------ public: agenda page, PDF, feed

  const publicAgenda = async (req: FastifyRequest, meetingId: string) => {
    const council = req.councilOrThrow();
    return req.tx(async (trx) => {
      const meeting = await findMeeting(trx, meetingId);
      // Published once the summons is issued; until then it is not there to see.
      if (meeting.summons_issued_on === null) throw new NotFoundError();
      return { meeting, council, items: await listItems(trx, meeting.id) };
    });
  };

  app.get('/meetings/public', async (req, reply) => {
    const council = req.councilOrThrow();
    const meetings = await req.tx((trx) => listMeetings(trx, { from: req.today, publicOnly: true }));
    return reply.view(`${V}/public-list.njk`, { title: req.t('meetings.public.title', { council: council.name }), section: 'meetings', meetings: meetings.map((m) => ({ ...m, body: bodyName(m, req.t), date: longDay(m.meeting_date) })) });
  });

  app.get('/meetings/:id/agenda', { schema: { params: idParams } }, async (req, reply) => {
    const { meeting, council, items } = await publicAgenda(req, req.params.id);
    return reply.view(`${V}/agenda.njk`, {
      title: req.t('meetings.agenda.title', { body: bodyName(meeting, req.t), date: longDay(meeting.meeting_date) }),
      section: 'meetings',
      m: meeting,
      council,
      body: bodyName(meeting, req.t),
      date: longDay(meeting.meeting_date),
      items,
    });
  });

  app.get('/meetings/:id/agenda.pdf', { schema: { params: idParams } }, async (req, reply) => {
    const { meeting, council, items } = await publicAgenda(req, req.params.id);
    const t = req.t;
    const body = bodyName(meeting, t);
    const lines: { text: string; style?: 'heading' | 'item' | 'body' }[] = [
      { text: council.name, style: 'heading' },
      { text: t('meetings.agenda.when', { date: longDay(meeting.meeting_date), time: meeting.starts_at }) },
      { text: t('meetings.agenda.where', { venue: meeting.venue }) },
      { text: meeting.kind === 'extraordinary' ? t('meetings.kind.extraordinary') : t('meetings.kind.ordinary') },
      { text: t('meetings.agenda.public') },
      { text: t('meetings.agenda.business'), style: 'heading' },
    ];
    for (const item of items) {
      lines.push({ text: `${item.position}. ${item.title}`, style: 'item' });
      if (item.confidential) lines.push({ text: t('meetings.agenda.excluded', { reason: item.confidential_reason }) });
      else if (item.details) lines.push({ text: item.details });
    }
    lines.push({ text: t('meetings.agenda.issued', { date: longDay(meeting.summons_issued_on!) }) });
    const pdf = await agendaPdf({ title: t('meetings.agenda.title', { body, date: longDay(meeting.meeting_date) }), lines, author: council.name, language: 'en-GB' });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="agenda-${meeting.meeting_date}.pdf"`)
      .send(Buffer.from(pdf));
  });

  app.get('/meetings/public.ics', async (req, reply) => {
    const council = req.councilOrThrow();
    const text = await req.tx(async (trx) => councilFeed(trx, { council, t: req.t, link: linker(req), counting: await loadCounting(trx, council), host: req.hostname }));
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'public, max-age=900').send(text);
  });

  app.get('/meetings/feed/:file', { schema: { params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) }) } }, async (req, reply) => {
    const council = req.councilOrThrow();
    const token = req.params.file.slice(0, -'.ics'.length);
    const text = await req.tx(async (trx) => {
      const owner = await feedOwner(trx, token);
      // A feed ends with its owner's access: a former councillor's calendar stops.
      if (!owner || !owner.active || (owner.role === 'councillor' && owner.term_ends !== null && owner.term_ends < req.today)) throw new NotFoundError();
      return personFeed(trx, owner, { council, t: req.t, link: linker(req), counting: await loadCounting(trx, council), host: req.hostname });
    });
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=900').send(text);
  });

  // ------------------------------------------------------------ a person's preferences

  const preferencesPage = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const me = req.user();
    const council = req.councilOrThrow();
    const { feed, channel } = await req.tx(async (trx) => ({ feed: await hasFeed(trx, me.personId), channel: (await summonsChannels(trx, council, [me.personId])).get(me.personId) }));
    return reply.view(`${V}/preferences.njk`, { title: req.t('meetings.preferences.title'), section: 'meetings', feed, electronic: channel === 'email', isCouncillor: me.role === 'councillor', wales: council.nation === 'wales', publicFeed: `${linker(req)('/meetings/public.ics')}`, ...data });
  };

  app.get('/meetings/preferences', async (req, reply) => preferencesPage(req, reply));

  app.post('/meetings/preferences/feed', async (req, reply) => {
    const token = await req.tx((trx) => newFeedToken(trx, req.user()));
    const url = linker(req)(`/meetings/feed/${token}.ics`);
    // Shown once, never stored: only its hash is kept.
    return preferencesPage(req, reply, { feedUrl: url, webcalUrl: url.replace(/^https?:/, 'webcal:') });
  });

  app.post('/meetings/preferences/summons', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    await req.tx((trx) => setSummonsPreference(trx, req.user(), body.electronic === 'yes'));
    return reply.to('/meetings/preferences', 'common.saved');
  });

  // ------------------------------------------------------------ the council's settings for counting

  const settingsPage = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const council = req.councilOrThrow();
    const mourning = await req.tx(listMourningDays);
    return reply.view(`${V}/settings.njk`, { title: req.t('meetings.settings.title'), section: 'meetings', s: calendarSettings(council.settings), mourning, mourningValues: { day: dateParts(null) }, ...data });
  };

  app.get('/meetings/settings', async (req, reply) => {
    req.authorize('council.configure');
    return settingsPage(req, reply);
  });

  const settingsInput = z.object({
    clearDaysReading: z.enum(['nalc', 'working-weekdays'], 'validation.choose'),
    saturdaysCount: z.boolean(),
    agendaNoticeUnit: z.enum(['clear-days', 'calendar-days'], 'validation.choose'),
  });

  app.post('/meetings/settings', { config: { authorize: 'council.configure' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseInput(settingsInput, { clearDaysReading: body.clearDaysReading, saturdaysCount: body.saturdaysCount === 'yes', agendaNoticeUnit: body.agendaNoticeUnit }, req.t, {
      clearDaysReading: 'meetings.settings.reading',
      agendaNoticeUnit: 'meetings.settings.unit',
    });
    if (!parsed.ok) return settingsPage(req, reply.status(400), { errors: toFormErrors(parsed.errors) });
    const council = req.councilOrThrow();
    await req.tx(async (trx) => {
      const current = await trx.selectFrom('councils').select('settings').where('id', '=', council.id).executeTakeFirstOrThrow();
      await trx.updateTable('councils').set({ settings: JSON.stringify({ ...current.settings, ...parsed.value }) }).where('id', '=', council.id).execute();
      await audit(trx, { councilId: council.id, actorId: req.user().personId, action: 'council.calendar_settings', entityType: 'council', entityId: council.id, data: parsed.value });
    });
    req.server.concord.councils.invalidate();
    return reply.to('/meetings/settings', 'common.saved');
  });

  app.post('/meetings/settings/mourning', { config: { authorize: 'council.configure' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseInput(mourningInput, { day: dateFromParts(body, 'day'), name: body.name }, req.t, mourningLabels);
    if (!parsed.ok) {
      return settingsPage(req, reply.status(400), { errors: toFormErrors(parsed.errors), mourningValues: { day: { day: body['day-day'], month: body['day-month'], year: body['day-year'] }, name: body.name } });
    }
    await req.tx((trx) => addMourningDay(trx, req.user(), parsed.value));
    return reply.to('/meetings/settings', 'common.saved');
  });

  app.post('/meetings/settings/mourning/:id/remove', { schema: { params: idParams }, config: { authorize: 'council.configure' } }, async (req, reply) => {
    await req.tx((trx) => removeMourningDay(trx, req.user(), req.params.id));
    return reply.to('/meetings/settings', 'common.saved');
  });

  // ------------------------------------------------------------ the API

  app.get(
    '/api/v1/meetings',
    { schema: { tags: ['meetings'], summary: 'Meetings of the council and its committees, by date', response: { 200: z.object({ meetings: z.array(meetingView) }) } } },
    async (req) => {
      req.authorize('meetings.view');
      const council = req.councilOrThrow();
      const { meetings, counting } = await req.tx(async (trx) => ({ meetings: await listMeetings(trx), counting: await loadCounting(trx, council) }));
      return { meetings: meetings.map((m) => present(m, counting, req.t)) };
    },
  );

  app.post(
    '/api/v1/meetings',
    {
      config: { authorize: 'meetings.manage' },
      schema: { tags: ['meetings'], summary: 'Schedule a meeting of the council or a committee', body: meetingInput, response: { 201: meetingView, 400: apiErrorSchema, 403: apiErrorSchema } },
    },
    async (req, reply) => {
      const council = req.councilOrThrow();
      const out = await req.tx(async (trx) => {
        const id = await scheduleMeeting(trx, req.user(), req.body);
        return present(await findMeeting(trx, id), await loadCounting(trx, council), req.t);
      });
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/api/v1/meetings/:id',
    { schema: { tags: ['meetings'], summary: 'A meeting, with its agenda once issued (or as a draft, to those who prepare it)', params: idParams, response: { 200: meetingView.extend({ items: z.array(itemView) }) } } },
    async (req) => {
      req.authorize('meetings.view');
      const council = req.councilOrThrow();
      const canManage = req.allows('meetings.manage');
      return req.tx(async (trx) => {
        const m = await findMeeting(trx, req.params.id);
        const counting = await loadCounting(trx, council);
        const chairs = await bodyChairs(trx, m);
        const members = await bodyMembers(trx, m);
        const seeDraft = canManage || chairs.includes(req.user().personId);
        const confidentialOk = req.user().role === 'clerk' || members.some((x) => x.id === req.user().personId);
        const items = m.summons_issued_on !== null || seeDraft ? await listItems(trx, m.id) : [];
        return {
          ...present(m, counting, req.t),
          items: items.map((i) => ({
            number: i.position,
            title: i.title,
            details: i.confidential && !confidentialOk ? null : i.details,
            confidential: i.confidential,
            confidentialReason: i.confidential_reason,
            ...(canManage ? { matterId: i.matter_id } : {}),
          })),
        };
      });
    },
  );

  app.post(
    '/api/v1/meetings/:id/items',
    {
      config: { authorize: 'meetings.manage' },
      schema: { tags: ['meetings'], summary: 'Add an item to a meeting’s agenda', params: idParams, body: itemInput, response: { 201: itemView, 400: apiErrorSchema, 403: apiErrorSchema } },
    },
    async (req, reply) => {
      const council = req.councilOrThrow();
      const item = await req.tx(async (trx) => {
        const added = await addItem(trx, req.user(), await findMeeting(trx, req.params.id), req.body, req.today, await loadCounting(trx, council), req.t);
        return trx.selectFrom('agenda_items').selectAll().where('id', '=', added.id).executeTakeFirstOrThrow();
      });
      return reply.status(201).send({ number: item.position, title: item.title, details: item.details, confidential: item.confidential, confidentialReason: item.confidential_reason, matterId: item.matter_id });
    },
  );

  app.post(
    '/api/v1/meetings/:id/agenda-requests',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Ask for an item on a meeting’s agenda, with papers',
        description:
          'Refused with 403, the protocol clause and the next meeting of the same body after the council’s deadline, checked before the body is validated. The Clerk may record a late request as urgent by giving urgentReason; it goes straight onto the agenda and the reason is kept in the audit log.',
        params: idParams,
        body: agendaRequestInput,
        response: { 201: requestView, 400: apiErrorSchema, 403: z.union([lateErrorSchema, apiErrorSchema]) },
      },
      preValidation: async (req, reply) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const notice = await checkNotice(req, (req.params).id, typeof body.urgentReason === 'string' ? body.urgentReason : '');
        if (notice.decision.allowed) return;
        const decision = notice.decision;
        await recordRefusal(req, decision);
        const clause = decision.clauses[0]!;
        return reply.status(403).send(
          apiError(decision.errorId, req.t('refused.underClause', { number: clause.number, protocol: clause.protocol, text: clause.text }), {
            clause: { protocol: clause.protocol, number: clause.number, text: clause.text },
            clauses: decision.clauses.map((c) => ({ protocol: c.protocol, number: c.number, text: c.text })),
            deadline: notice.deadline,
            nextMeeting: notice.next ? { id: notice.next.id, meetingDate: notice.next.meeting_date, agendaDeadline: notice.nextDeadline! } : null,
          }),
        );
      },
    },
    async (req, reply) => {
      const council = req.councilOrThrow();
      const request = await req.tx(async (trx) => {
        const meeting = await findMeeting(trx, req.params.id);
        const counting = await loadCounting(trx, council);
        const deadline = meetingDates(meeting.meeting_date, counting).agendaDeadline;
        return createRequest(trx, req.user(), meeting, req.body, { late: req.today > deadline, today: req.today, counting, t: req.t });
      });
      return reply.status(201).send({ id: request.id, number: request.number, meetingId: request.meeting_id, title: request.title, status: request.status, urgentReason: request.urgent_reason });
    },
  );

  app.post(
    '/api/v1/agenda-requests/:id/decision',
    {
      config: { authorize: 'agenda_request.decide' },
      schema: { tags: ['meetings'], summary: 'Accept an agenda request onto the agenda, or reject it with the reason', params: idParams, body: decisionInput, response: { 200: requestView, 400: apiErrorSchema, 403: apiErrorSchema } },
    },
    async (req) => {
      const council = req.councilOrThrow();
      return req.tx(async (trx) => {
        await decideRequest(trx, req.user(), await findRequest(trx, req.params.id), req.body, req.today, await loadCounting(trx, council), req.t);
        const r = await findRequest(trx, req.params.id);
        return { id: r.id, number: r.number, meetingId: r.meeting_id, title: r.title, status: r.status, urgentReason: r.urgent_reason };
      });
    },
  );

  app.post(
    '/api/v1/meetings/:id/summons',
    {
      config: { authorize: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary: 'Issue the summons and agenda to the body’s members',
        description: 'Refused with 409 summons_too_late after the latest date three clear days allow: re-schedule the meeting first.',
        params: idParams,
        response: { 200: z.object({ issuedOn: z.string(), recipients: z.number(), latestIssueDate: z.string() }), 403: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const council = req.councilOrThrow();
      try {
        const out = await req.tx(async (trx) => issueSummons(trx, req.user(), council, await findMeeting(trx, req.params.id), { today: req.today, counting: await loadCounting(trx, council), t: req.t, link: linker(req) }));
        return { issuedOn: req.today, ...out };
      } catch (error) {
        const first = error instanceof InvalidInputError ? error.fieldsIn(req.t)[0] : undefined;
        if (first?.field === 'summons') return reply.status(409).send(apiError('summons_too_late', first.message));
        throw error;
      }
    },
  );
}

