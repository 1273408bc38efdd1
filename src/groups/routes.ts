import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { labelled, submitForm } from '../web/form.js';
import { idFromPath } from '../web/pages.js';
import { clausesCarrying } from '../policy/decide.js';
import { linker, papersOf } from './present.js';
import {
  acceptInput,
  acceptRequest,
  createRequest,
  declineClause,
  declineRequest,
  getReport,
  getRequest,
  groupReportInput,
  groupRequestInput,
  groupResource,
  issueReport,
  listGroupNames,
  listNotices,
  listOfficers,
  listReports,
  listRequests,
  reportsToAllGroups,
  requestsBy,
  saveGroupSettings,
} from './service.js';

const settingsInput = z.object({
  groupRequestsBy: labelled(z.enum(['leader', 'members'], 'validation.choose'), 'groupSettings.requestsBy'),
  groupReportsToAllGroups: labelled(z.boolean().default(false), 'groupSettings.toAll'),
});

/**
 * Political groups' requests to the officers and the reports given to them. Requests go to the
 * Clerk's queue; an officer may decline under the protocol's clause, as of right. A report to a
 * group states facts and options only, and every other group is told of it at once.
 */
export async function groupWorkRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  app.get('/groups', async (req, reply) => {
    req.authorize('group_notice.view');
    const scope = papersOf(req);
    const user = req.user();
    const { requests, reports, notices, groups } = await req.tx(async (trx) => ({
      requests: await listRequests(trx, scope),
      reports: await listReports(trx, scope),
      notices: await listNotices(trx, scope === 'all' ? 'all' : user.groupIds),
      groups: await listGroupNames(trx),
    }));
    const ownGroup = groups.find((g) => user.groupIds.includes(g.id));
    return reply.view('groups/views/list.njk', {
      title: req.t('groupWork.title'),
      section: 'groups',
      requests,
      reports,
      notices,
      ownGroup,
      officers: scope === 'all',
      canAsk: !!ownGroup && req.allows('group_request.create', await req.tx((trx) => groupResource(trx, req.councilOrThrow().settings, ownGroup.id))),
      canIssue: req.allows('group_report.issue'),
      canConfigure: req.allows('council.configure'),
    });
  });

  // Asking for one's own group.
  const requestForm = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const user = req.user();
    const groups = await req.tx(listGroupNames);
    const group = groups.find((g) => user.groupIds.includes(g.id));
    if (!group) {
      // Not in a group: the rule names why (a group asks through its members).
      req.authorize('group_request.create', { kind: 'group', id: '', leaderId: null, requestsBy: requestsBy(req.councilOrThrow().settings) });
    }
    req.authorize('group_request.create', await req.tx((trx) => groupResource(trx, req.councilOrThrow().settings, group!.id)));
    return reply.view('groups/views/request-new.njk', { title: req.t('groupRequests.new'), section: 'groups', group, values: { kind: 'briefing' }, ...data });
  };

  app.get('/groups/requests/new', (req, reply) => requestForm(req, reply));

  app.post('/groups/requests/new', async (req, reply) => {
    const settings = req.councilOrThrow().settings;
    return submitForm(req, reply, {
      schema: groupRequestInput,
      save: async (trx, value) => {
        req.authorize('group_request.create', await groupResource(trx, settings, value.groupId));
        return createRequest(trx, req.councilOrThrow(), req.user(), value, now(), await req.recipientsText(trx), linker(req));
      },
      redisplay: (r, { errors, values }) => requestForm(req, r, { errors, values }),
      done: (request) => ({ path: `/groups/requests/${request.id}`, flash: 'groupRequests.sent' }),
    });
  });

  const requestPage = async (req: FastifyRequest, reply: FastifyReply, id: string, data: Record<string, unknown> = {}) => {
    const { request, officers, report } = await req.tx(async (trx) => {
      const request = await getRequest(trx, id);
      req.authorize('group_papers.view', await groupResource(trx, req.councilOrThrow().settings, request.group_id));
      const report = await trx.selectFrom('group_reports').select('id').where('request_id', '=', id).executeTakeFirst();
      return { request, officers: await listOfficers(trx), report };
    });
    const clause = declineClause(req.clauses!);
    return reply.view('groups/views/request.njk', {
      title: request.subject,
      section: 'groups',
      request,
      report,
      officers,
      declineClause: clause,
      canDecide: request.status === 'pending' && req.allows('group_request.decide'),
      canIssue: request.status === 'accepted' && !report && req.allows('group_report.issue'),
      acceptValues: { assignedTo: req.user().personId },
      ...data,
    });
  };

  app.get('/groups/requests/:id', (req, reply) => requestPage(req, reply, idFromPath(req.params)));

  app.post('/groups/requests/:id/decline', async (req, reply) => {
    req.authorize('group_request.decide');
    const id = idFromPath(req.params);
    const clause = declineClause(req.clauses!);
    await req.tx(async (trx) => declineRequest(trx, req.councilOrThrow(), req.user(), id, clause, now(), await req.recipientsText(trx)));
    return reply.to(`/groups/requests/${id}`, 'groupRequests.declined');
  });

  app.post('/groups/requests/:id/accept', async (req, reply) => {
    req.authorize('group_request.decide');
    const id = idFromPath(req.params);
    return submitForm(req, reply, {
      schema: acceptInput,
      save: (trx, value) => acceptRequest(trx, req.councilOrThrow(), req.user(), id, value, now()),
      redisplay: (r, { errors, values }) => requestPage(req, r, id, { errors, acceptValues: values }),
      done: () => ({ path: `/groups/requests/${id}`, flash: 'groupRequests.accepted' }),
    });
  });

  const reportForm = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    req.authorize('group_report.issue');
    const groups = await req.tx(listGroupNames);
    const neutral = clausesCarrying(req.clauses!, 'group-reports-neutral')[0];
    const allTold = clausesCarrying(req.clauses!, 'group-reports-all-told')[0];
    return reply.view('groups/views/report-new.njk', {
      title: req.t('groupReports.new'),
      section: 'groups',
      groups,
      neutral,
      allTold,
      inFull: reportsToAllGroups(req.councilOrThrow().settings),
      values: { kind: 'report' },
      ...data,
    });
  };

  app.get('/groups/reports/new', async (req, reply) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    if (typeof q.request === 'string' && z.uuid().safeParse(q.request).success) {
      const request = await req.tx((trx) => getRequest(trx, q.request as string));
      return reportForm(req, reply, { values: { kind: request.kind === 'written_report' ? 'report' : 'advice', groupId: request.group_id, requestId: request.id, subject: request.subject } });
    }
    return reportForm(req, reply);
  });

  app.post('/groups/reports/new', async (req, reply) => {
    req.authorize('group_report.issue');
    return submitForm(req, reply, {
      schema: groupReportInput,
      save: async (trx, value) => issueReport(trx, req.councilOrThrow(), req.user(), value, now(), await req.recipientsText(trx), linker(req)),
      redisplay: (r, { errors, values }) => reportForm(req, r, { errors, values }),
      done: (report) => ({ path: `/groups/reports/${report.id}`, flash: 'groupReports.issued' }),
    });
  });

  app.get('/groups/reports/:id', async (req, reply) => {
    const id = idFromPath(req.params);
    const { report, told } = await req.tx(async (trx) => {
      const report = await getReport(trx, id);
      req.authorize('group_papers.view', { ...(await groupResource(trx, req.councilOrThrow().settings, report.group_id)), sharedInFull: report.shared_in_full });
      const told = await trx.selectFrom('group_notices as n').innerJoin('political_groups as g', 'g.id', 'n.group_id').select('g.name').where('n.report_id', '=', id).orderBy('g.name').execute();
      return { report, told };
    });
    return reply.view('groups/views/report.njk', { title: report.subject, section: 'groups', report, told: told.map((g) => g.name) });
  });

  const settingsPage = (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const settings = req.councilOrThrow().settings;
    return reply.view('groups/views/settings.njk', {
      title: req.t('groupSettings.title'),
      section: 'groups',
      values: { groupRequestsBy: requestsBy(settings), groupReportsToAllGroups: reportsToAllGroups(settings) },
      ...data,
    });
  };
  app.get('/groups/settings', async (req, reply) => {
    req.authorize('council.configure');
    return settingsPage(req, reply);
  });
  app.post('/groups/settings', async (req, reply) => {
    req.authorize('council.configure');
    return submitForm(req, reply, {
      schema: settingsInput,
      save: (trx, value) => saveGroupSettings(trx, req.user(), value),
      redisplay: (r, { errors, values }) => settingsPage(req, r, { errors, values }),
      afterSave: () => req.server.concord.councils.invalidate(),
      done: () => ({ path: '/groups/settings', flash: 'common.saved' }),
    });
  });
}
