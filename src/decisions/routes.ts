import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../audit/audit.js';
import type { RuleContext } from '../policy/rules.js';
import { asList, blankToUndefined, dateFromParts, parseInput, toFormErrors } from '../web/forms.js';
import { InvalidInputError } from '../web/errors.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { longDate, shorten } from '../web/render.js';
import { bodyChairs, bodyName, findMeeting, listItems, loadCounting, type MeetingRow } from '../meetings/service.js';
import { listCommittees } from '../setup/committees/service.js';
import { listOfficers } from '../tasks/service.js';
import { agendaPdf } from '../meetings/pdf.js';
import { protocolName } from '../protocol/clause-index.js';
import type { Trx } from '../db/database.js';
import { actionsOf, citation, decisionRecorders, findResolution, listResolutions, recordResolution, resolutionInput, resolutionLabels, type ResolutionRow } from './service.js';
import { agreedActionInput, agreedActionLabels, confirmAgreedAction, confirmInput, confirmLabels, declineAgreedAction, declineInput, declineLabels, listAgreedActions, recordAgreedAction } from './agreed.js';
import { actionReport, bodyTitle, findBody, reportLines, type ActionReport } from './report.js';
import { putReportOnAgenda } from './agenda.js';

const V = 'decisions/views';

const resolutionView = z.object({
  id: z.string(),
  minuteNumber: z.string(),
  text: z.string().nullable().describe('Withheld (null) for an item taken in private, unless the reader is a member of the body or an officer'),
  meetingId: z.string(),
  meetingDate: z.string(),
  body: z.string(),
  agendaItemId: z.string().nullable(),
  actionCount: z.number(),
});
const reportActionView = z.object({
  id: z.string(),
  reference: z.number(),
  title: z.string(),
  officer: z.string(),
  minuteNumber: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'in_progress', 'done']),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
  latestNote: z.string().nullable(),
});

/** The rule context for recording a resolution: whether the Clerk has asked this officer to. */
function recorderContext(req: FastifyRequest): Required<Pick<RuleContext, 'delegatedRecorder'>> {
  return { delegatedRecorder: decisionRecorders(req.councilOrThrow().settings).includes(req.user().personId) };
}

/**
 * A resolution made on an item taken in private is for the body's members and the officers;
 * anyone else sees that it exists, not what it says.
 */
async function privateTo(trx: Trx, req: FastifyRequest, rows: readonly ResolutionRow[]): Promise<Set<string>> {
  const me = req.user();
  const hidden = new Set<string>();
  if (me.role !== 'councillor' || !rows.some((r) => r.confidential && r.committee_id)) return hidden;
  // Every councillor is a member of the full council; committees are looked up once.
  const mine = new Set((await trx.selectFrom('committee_members').select('committee_id').where('person_id', '=', me.personId).execute()).map((m) => m.committee_id));
  for (const r of rows) if (r.confidential && r.committee_id && !mine.has(r.committee_id)) hidden.add(r.id);
  return hidden;
}

/**
 * Decisions: the resolutions meetings made, the actions officers take from them, the
 * chair's record of agreed actions awaiting the Clerk, and each body's action report.
 */
export async function decisionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  // ------------------------------------------------------------ resolutions

  app.get('/decisions', async (req, reply) => {
    req.authorize('resolution.view');
    const data = await req.tx(async (trx) => {
      const resolutions = await listResolutions(trx);
      return {
        resolutions,
        hidden: await privateTo(trx, req, resolutions),
        committees: await listCommittees(trx),
        officers: req.allows('council.configure') ? (await listOfficers(trx)).filter((o) => o.role === 'officer') : [],
        pending: req.user().role === 'clerk' ? await listAgreedActions(trx, { status: 'pending' }) : [],
      };
    });
    return reply.view(`${V}/list.njk`, {
      title: req.t('decisions.title'),
      section: 'decisions',
      resolutions: data.resolutions.map((r) => ({ ...r, citation: citation(r, req.t), hidden: data.hidden.has(r.id) })),
      committees: data.committees,
      officers: data.officers,
      recorders: decisionRecorders(req.councilOrThrow().settings),
      pending: data.pending.map((p) => ({ ...p, body: bodyName(p, req.t) })),
      canConfigure: req.allows('council.configure'),
    });
  });

  /** The Clerk asks officers to record resolutions as well (or stops asking). */
  app.post('/decisions/recorders', { config: { authorize: 'council.configure' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const chosen = asList(body.recorders);
    await req.tx(async (trx) => {
      const officers = new Set((await listOfficers(trx)).filter((o) => o.role === 'officer').map((o) => o.id));
      const recorders = chosen.filter((id) => officers.has(id));
      const council = await trx.selectFrom('councils').select('settings').where('id', '=', req.user().councilId).forUpdate().executeTakeFirstOrThrow();
      await trx.updateTable('councils').set({ settings: JSON.stringify({ ...council.settings, decisionRecorders: recorders }) }).where('id', '=', req.user().councilId).execute();
      await audit(trx, { councilId: req.user().councilId, actorId: req.user().personId, action: 'decisions.recorders_set', entityType: 'council', entityId: req.user().councilId, data: { recorders } });
    });
    req.server.concord.councils.invalidate();
    return reply.to('/decisions', 'decisions.recordersSaved');
  });

  const resolutionForm = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, data: Record<string, unknown> = {}) => {
    const { meeting, items } = await req.tx(async (trx) => {
      const meeting = await findMeeting(trx, meetingId);
      return { meeting, items: await listItems(trx, meeting.id) };
    });
    return reply.view(`${V}/new-resolution.njk`, {
      title: req.t('decisions.new.title', { body: bodyName(meeting, req.t), date: longDate(meeting.meeting_date) }),
      section: 'decisions',
      m: meeting,
      items,
      notYetHeld: meeting.meeting_date > req.today,
      values: {},
      ...data,
    });
  };

  app.get('/meetings/:id/resolutions/new', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('resolution.record', undefined, recorderContext(req));
    return resolutionForm(req, reply, req.params.id);
  });

  app.post('/meetings/:id/resolutions', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('resolution.record', undefined, recorderContext(req));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = { agendaItemId: blankToUndefined(body.agendaItemId) ?? null, minuteNumber: body.minuteNumber, text: body.text };
    const parsed = parseInput(resolutionInput, input, req.t, resolutionLabels);
    if (!parsed.ok) return resolutionForm(req, reply.status(400), req.params.id, { errors: toFormErrors(parsed.errors), values: input });
    try {
      const row = await req.tx(async (trx) => recordResolution(trx, req.user(), await findMeeting(trx, req.params.id), parsed.value, req.today, req.t));
      return reply.to(`/decisions/${row.id}`, `decisions.recorded|${JSON.stringify({ minute: row.minute_number })}`);
    } catch (error) {
      if (error instanceof InvalidInputError) return resolutionForm(req, reply.status(400), req.params.id, { errors: toFormErrors(error.fieldsIn(req.t)), values: input });
      throw error;
    }
  });

  app.get('/decisions/:id', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('resolution.view');
    const d = await req.tx(async (trx) => {
      const resolution = await findResolution(trx, req.params.id);
      return { resolution, hidden: (await privateTo(trx, req, [resolution])).has(resolution.id), actions: await actionsOf(trx, resolution.id) };
    });
    return reply.view(`${V}/resolution.njk`, {
      title: citation(d.resolution, req.t),
      section: 'decisions',
      r: d.resolution,
      hidden: d.hidden,
      actions: d.actions,
      today: req.today,
      body: bodyName(d.resolution, req.t),
      bodyKey: d.resolution.committee_id ?? 'council',
      canAssign: req.allows('officer_task.create'),
    });
  });

  // ------------------------------------------------------------ agreed actions (the chair's record)

  const agreedPage = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, data: Record<string, unknown> = {}) => {
    const me = req.user();
    const d = await req.tx(async (trx) => {
      const meeting = await findMeeting(trx, meetingId);
      return {
        meeting,
        chairs: await bodyChairs(trx, meeting),
        agreed: await listAgreedActions(trx, { meetingId: meeting.id }),
        resolutions: await listResolutions(trx, { meetingId: meeting.id }),
        officers: await listOfficers(trx),
      };
    });
    const isChair = d.chairs.includes(me.personId);
    const canConfirm = req.allows('agreed_action.confirm');
    // What the chair records is theirs and the Clerk's business until it is confirmed.
    if (!isChair && !canConfirm) req.authorize('agreed_action.record', undefined, { meetingChairIds: d.chairs });
    return reply.view(`${V}/agreed.njk`, {
      title: req.t('agreed.title', { body: bodyName(d.meeting, req.t), date: longDate(d.meeting.meeting_date) }),
      section: 'meetings',
      m: d.meeting,
      agreed: d.agreed,
      resolutions: d.resolutions.map((r) => ({ id: r.id, label: `${r.minute_number}: ${shorten(r.text, 80)}` })),
      officers: d.officers,
      isChair,
      canConfirm,
      held: d.meeting.meeting_date <= req.today,
      values: {},
      ...data,
    });
  };

  app.get('/meetings/:id/agreed-actions', { schema: { params: idParams } }, async (req, reply) => agreedPage(req, reply, req.params.id));

  const chairsOf = (req: FastifyRequest, meetingId: string) => req.tx(async (trx) => ({ chairs: await bodyChairs(trx, await findMeeting(trx, meetingId)) }));

  app.post('/meetings/:id/agreed-actions', { schema: { params: idParams } }, async (req, reply) => {
    const { chairs } = await chairsOf(req, req.params.id);
    req.authorize('agreed_action.record', undefined, { meetingChairIds: chairs });
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseInput(agreedActionInput, { description: body.description }, req.t, agreedActionLabels);
    if (!parsed.ok) return agreedPage(req, reply.status(400), req.params.id, { errors: toFormErrors(parsed.errors), values: body });
    try {
      await req.tx(async (trx) => recordAgreedAction(trx, req.user(), await findMeeting(trx, req.params.id), parsed.value.description, req.today, req.t));
    } catch (error) {
      if (error instanceof InvalidInputError) return agreedPage(req, reply.status(400), req.params.id, { errors: toFormErrors(error.fieldsIn(req.t)), values: body });
      throw error;
    }
    return reply.to(`/meetings/${req.params.id}/agreed-actions`, 'agreed.recorded');
  });

  const agreedParams = z.object({ id: z.uuid(), agreedId: z.uuid() });

  app.post('/meetings/:id/agreed-actions/:agreedId/confirm', { schema: { params: agreedParams }, config: { authorize: 'agreed_action.confirm' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = { resolutionId: blankToUndefined(body.resolutionId), assignedTo: blankToUndefined(body.assignedTo), title: body.title, dueOn: dateFromParts(body, 'dueOn') };
    const failed = (fields: readonly { field: string; message: string }[]) =>
      agreedPage(req, reply.status(400), req.params.id, { errors: toFormErrors(fields), confirming: req.params.agreedId, values: { ...input, dueOn: { day: body['dueOn-day'], month: body['dueOn-month'], year: body['dueOn-year'] } } });
    const parsed = parseInput(confirmInput, input, req.t, confirmLabels);
    if (!parsed.ok) return failed(parsed.errors);
    try {
      await req.tx((trx) => confirmAgreedAction(trx, req.user(), req.params.id, req.params.agreedId, parsed.value, now(), req.t, (r) => req.authorize('officer_task.create', r)));
    } catch (error) {
      if (error instanceof InvalidInputError) return failed(error.fieldsIn(req.t));
      throw error;
    }
    return reply.to(`/meetings/${req.params.id}/agreed-actions`, 'agreed.confirmed');
  });

  app.post('/meetings/:id/agreed-actions/:agreedId/decline', { schema: { params: agreedParams }, config: { authorize: 'agreed_action.confirm' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseInput(declineInput, { reason: body.reason }, req.t, declineLabels);
    if (!parsed.ok) return agreedPage(req, reply.status(400), req.params.id, { errors: toFormErrors(parsed.errors), declining: req.params.agreedId, values: body });
    try {
      await req.tx((trx) => declineAgreedAction(trx, req.user(), req.params.id, req.params.agreedId, parsed.value.reason, now(), req.t));
    } catch (error) {
      if (error instanceof InvalidInputError) return agreedPage(req, reply.status(400), req.params.id, { errors: toFormErrors(error.fieldsIn(req.t)), declining: req.params.agreedId, values: body });
      throw error;
    }
    return reply.to(`/meetings/${req.params.id}/agreed-actions`, 'agreed.declined');
  });

  // ------------------------------------------------------------ action reports

  const bodyQuery = z.object({ body: z.string().max(40).default('council') });
  const loadReport = (req: FastifyRequest, key: string) => req.tx(async (trx) => actionReport(trx, await findBody(trx, key), req.today));

  app.get('/decisions/report', { schema: { querystring: bodyQuery } }, async (req, reply) => {
    req.authorize('action_report.view');
    const report = await loadReport(req, req.query.body);
    return reply.view(`${V}/report.njk`, {
      title: req.t('report.actions.title', { body: bodyTitle(report.body, req.t) }),
      section: 'decisions',
      report,
      bodyKey: req.query.body,
      canPutOnAgenda: req.allows('meetings.manage') && report.nextMeeting !== null,
    });
  });

  app.get('/decisions/report.pdf', { schema: { querystring: bodyQuery } }, async (req, reply) => {
    req.authorize('action_report.view');
    const report = await loadReport(req, req.query.body);
    const council = req.councilOrThrow();
    const bytes = await agendaPdf({
      title: `${req.t('report.actions.title', { body: bodyTitle(report.body, req.t) })} – ${council.name}`,
      lines: [{ text: req.t('report.actions.asAt', { date: longDate(report.today) }), style: 'body' }, ...reportLines(report, req.t)],
      author: protocolName(council.name),
      language: 'en-GB',
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="action-report-${req.query.body === 'council' ? 'council' : 'committee'}-${report.today}.pdf"`)
      .send(Buffer.from(bytes));
  });

  app.post('/decisions/report/agenda', { config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const key = typeof body.body === 'string' ? body.body : 'council';
    const council = req.councilOrThrow();
    const meetingId = await req.tx(async (trx) => {
      const report = await actionReport(trx, await findBody(trx, key), req.today);
      if (!report.nextMeeting) throw new InvalidInputError([{ field: 'body', message: req.t('report.actions.noNextMeeting') }]);
      const meeting: MeetingRow = await findMeeting(trx, report.nextMeeting.id);
      await putReportOnAgenda(trx, req.user(), meeting, report, req.today, await loadCounting(trx, council), req.t);
      return meeting.id;
    });
    return reply.to(`/meetings/${meetingId}`, 'report.actions.onAgenda');
  });

  // ------------------------------------------------------------ API

  const presentResolution = (r: ResolutionRow, hidden: boolean) => ({
    id: r.id,
    minuteNumber: r.minute_number,
    text: hidden ? null : r.text,
    meetingId: r.meeting_id,
    meetingDate: r.meeting_date,
    body: r.committee_name ?? 'council',
    agendaItemId: r.agenda_item_id,
    actionCount: Number(r.action_count ?? 0),
  });

  app.get(
    '/api/v1/resolutions',
    { schema: { tags: ['decisions'], summary: 'Resolutions recorded at meetings, newest meeting first', response: { 200: z.object({ resolutions: z.array(resolutionView) }) } } },
    async (req) => {
      req.authorize('resolution.view');
      return req.tx(async (trx) => {
        const rows = await listResolutions(trx);
        const hidden = await privateTo(trx, req, rows);
        return { resolutions: rows.map((r) => presentResolution(r, hidden.has(r.id))) };
      });
    },
  );

  app.post(
    '/api/v1/meetings/:id/resolutions',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Record a resolution the meeting made',
        description: 'The Clerk, or an officer the Clerk has asked to record resolutions. Anyone else is refused with 403 and the protocol clause.',
        params: idParams,
        body: resolutionInput,
        response: { 201: resolutionView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req, reply) => {
      req.authorize('resolution.record', undefined, recorderContext(req));
      const row = await req.tx(async (trx) => {
        const created = await recordResolution(trx, req.user(), await findMeeting(trx, req.params.id), req.body, req.today, req.t);
        return findResolution(trx, created.id);
      });
      return reply.status(201).send(presentResolution(row, false));
    },
  );

  app.post(
    '/api/v1/meetings/:id/agreed-actions',
    {
      schema: {
        tags: ['decisions'],
        summary: 'The chair records an action the meeting agreed, for the Clerk to confirm against the minutes',
        description: 'Only the chair or vice-chair of the body that met. The record instructs no one until the Clerk confirms it.',
        params: idParams,
        body: agreedActionInput,
        response: { 201: z.object({ id: z.string(), status: z.enum(['pending', 'confirmed', 'declined']) }), 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const { chairs } = await chairsOf(req, req.params.id);
      req.authorize('agreed_action.record', undefined, { meetingChairIds: chairs });
      const row = await req.tx(async (trx) => recordAgreedAction(trx, req.user(), await findMeeting(trx, req.params.id), req.body.description, req.today, req.t));
      return reply.status(201).send({ id: row.id, status: row.status });
    },
  );

  app.get(
    '/api/v1/action-report',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Progress on the actions from a body’s resolutions: open (overdue first) and done since it last met',
        querystring: bodyQuery.describe('"council" or a committee’s id'),
        response: {
          200: z.object({ body: z.string(), today: z.string(), lastMeetingDate: z.string().nullable(), nextMeetingDate: z.string().nullable(), overdue: z.number(), open: z.array(reportActionView), doneSinceLastMeeting: z.array(reportActionView) }),
          404: apiErrorSchema,
        },
      },
    },
    async (req) => {
      req.authorize('action_report.view');
      const report: ActionReport = await loadReport(req, req.query.body);
      const view = (a: ActionReport['open'][number]) => ({ id: a.id, reference: a.reference, title: a.title, officer: a.officerName, minuteNumber: a.minuteNumber, dueOn: a.dueOn, status: a.status, doneOn: a.doneOn, overdue: a.overdue, latestNote: a.latestNote });
      return {
        body: bodyTitle(report.body, req.t),
        today: report.today,
        lastMeetingDate: report.lastMeeting?.date ?? null,
        nextMeetingDate: report.nextMeeting?.date ?? null,
        overdue: report.overdueCount,
        open: report.open.map(view),
        doneSinceLastMeeting: report.doneSinceLastMeeting.map(view),
      };
    },
  );

}
