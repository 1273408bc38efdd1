import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { clausesCarrying } from '../policy/decide.js';
import { iso, linker, noticeView, papersOf, presentReport, presentRequest, reportView, requestView } from './present.js';
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
  listNotices,
  listReports,
  listRequests,
  refuseForbiddenFields,
} from './service.js';

/** The political groups' requests, reports and notices in the JSON API. */
export async function groupApiRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  app.get(
    '/api/v1/group-requests',
    { schema: { tags: ['groups'], summary: 'Political groups’ requests to the officers: one’s own group’s, or every group’s for the officers', response: { 200: z.object({ requests: z.array(requestView) }) } } },
    async (req) => {
      req.authorize('group_notice.view');
      return { requests: (await req.tx((trx) => listRequests(trx, papersOf(req)))).map(presentRequest) };
    },
  );

  app.post(
    '/api/v1/group-requests',
    {
      schema: {
        tags: ['groups'],
        summary: 'Ask the officers, for one’s group, for a briefing, a written report or an officer’s attendance',
        description: 'The request goes to the Clerk’s queue. An officer may decline it: a group cannot require the work.',
        body: groupRequestInput,
        response: { 201: requestView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const request = await req.tx(async (trx) => {
        req.authorize('group_request.create', await groupResource(trx, req.councilOrThrow().settings, req.body.groupId));
        return createRequest(trx, req.councilOrThrow(), req.user(), req.body, now(), await req.recipientsText(trx), linker(req));
      });
      return reply.status(201).send(presentRequest(request));
    },
  );

  app.get(
    '/api/v1/group-requests/:id',
    { schema: { tags: ['groups'], summary: 'One group request', params: idParams, response: { 200: requestView, 403: apiErrorSchema, 404: apiErrorSchema } } },
    async (req) => {
      const request = await req.tx(async (trx) => {
        const request = await getRequest(trx, req.params.id);
        req.authorize('group_papers.view', await groupResource(trx, req.councilOrThrow().settings, request.group_id));
        return request;
      });
      return presentRequest(request);
    },
  );

  app.post(
    '/api/v1/group-requests/:id/decline',
    {
      config: { authorize: 'group_request.decide' },
      schema: {
        tags: ['groups'],
        summary: 'Decline a group’s request, as the officer’s right',
        description: 'No reason is needed beyond the protocol’s clause, which is recorded with the decision.',
        params: idParams,
        response: { 200: requestView, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (req) => {
      const clause = declineClause(req.clauses!);
      return presentRequest(await req.tx(async (trx) => declineRequest(trx, req.councilOrThrow(), req.user(), req.params.id, clause, now(), await req.recipientsText(trx))));
    },
  );

  app.post(
    '/api/v1/group-requests/:id/accept',
    {
      config: { authorize: 'group_request.decide' },
      schema: { tags: ['groups'], summary: 'Accept a group’s request: who does the work, and by when', params: idParams, body: acceptInput, response: { 200: requestView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema } },
    },
    async (req) => presentRequest(await req.tx((trx) => acceptRequest(trx, req.councilOrThrow(), req.user(), req.params.id, req.body, now()))),
  );

  app.get(
    '/api/v1/group-reports',
    { schema: { tags: ['groups'], summary: 'Reports and advice given to one’s own group (every group’s, for the officers)', response: { 200: z.object({ reports: z.array(reportView) }) } } },
    async (req) => {
      req.authorize('group_notice.view');
      return { reports: (await req.tx((trx) => listReports(trx, papersOf(req)))).map(presentReport) };
    },
  );

  app.post(
    '/api/v1/group-reports',
    {
      config: { authorize: 'group_report.issue' },
      // The shape has no place for a recommendation: a body carrying one is refused by name,
      // with the clause, rather than having the field quietly dropped.
      preValidation: async (req) => refuseForbiddenFields(req.body, clausesCarrying(req.clauses!, 'group-reports-neutral')[0]),
      schema: {
        tags: ['groups'],
        summary: 'Give a group a report or advice: the facts and an appraisal of the options',
        description:
          'There is no recommendation and no political implications: a body with `recommendation` or `politicalImplications` is refused (400) naming the field and the clause. Every other group is told at once, in the same transaction.',
        body: groupReportInput,
        response: { 201: reportView, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const report = await req.tx(async (trx) => issueReport(trx, req.councilOrThrow(), req.user(), req.body, now(), await req.recipientsText(trx), linker(req)));
      return reply.status(201).send(presentReport(report));
    },
  );

  app.get(
    '/api/v1/group-reports/:id',
    { schema: { tags: ['groups'], summary: 'One report to a group, as issued', description: 'Other groups see only the notice, unless the council gives every group the report itself.', params: idParams, response: { 200: reportView, 403: apiErrorSchema, 404: apiErrorSchema } } },
    async (req) => {
      const report = await req.tx(async (trx) => {
        const report = await getReport(trx, req.params.id);
        req.authorize('group_papers.view', { ...(await groupResource(trx, req.councilOrThrow().settings, report.group_id)), sharedInFull: report.shared_in_full });
        return report;
      });
      return presentReport(report);
    },
  );

  app.get(
    '/api/v1/group-notices',
    { schema: { tags: ['groups'], summary: 'Notices to one’s group that another group was given a report or advice', response: { 200: z.object({ notices: z.array(noticeView) }) } } },
    async (req) => {
      req.authorize('group_notice.view');
      const scope = req.allows('group_request.decide') ? 'all' : req.user().groupIds;
      const notices = await req.tx((trx) => listNotices(trx, scope));
      return {
        notices: notices.map((n) => ({ id: n.id, reportId: n.report_id, toGroup: n.told_group, givenTo: n.given_to, kind: n.kind, subject: n.subject, sharedInFull: n.shared_in_full, createdAt: iso(n.created_at)! })),
      };
    },
  );
}
