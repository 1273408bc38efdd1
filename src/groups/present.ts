import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { GroupReportRow, GroupRequestRow } from './service.js';

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const requestView = z.object({
  id: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  requestedBy: z.object({ id: z.string(), name: z.string() }),
  kind: z.enum(['briefing', 'written_report', 'attendance']),
  subject: z.string(),
  details: z.string(),
  meetingOn: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'declined']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  declinedUnderClause: z.string().nullable().describe('Declined as the officer’s right, under this clause of the protocol'),
  assignedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
  dueOn: z.string().nullable(),
  createdAt: z.string(),
});
export const presentRequest = (r: GroupRequestRow) => ({
  id: r.id,
  groupId: r.group_id,
  groupName: r.group_name,
  requestedBy: { id: r.requested_by, name: r.requested_by_name },
  kind: r.kind,
  subject: r.subject,
  details: r.details,
  meetingOn: r.meeting_on,
  status: r.status,
  decidedBy: r.decided_by_name,
  decidedAt: iso(r.decided_at),
  declinedUnderClause: r.decline_clause,
  assignedTo: r.assigned_to ? { id: r.assigned_to, name: r.assigned_to_name ?? '' } : null,
  dueOn: r.due_on,
  createdAt: iso(r.created_at)!,
});

export const reportView = z.object({
  id: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  requestId: z.string().nullable(),
  kind: z.enum(['report', 'advice']),
  subject: z.string(),
  facts: z.string(),
  options: z.string(),
  author: z.string(),
  neutralityConfirmed: z.boolean(),
  sharedInFull: z.boolean(),
  issuedAt: z.string(),
});
export const presentReport = (r: GroupReportRow) => ({
  id: r.id,
  groupId: r.group_id,
  groupName: r.group_name,
  requestId: r.request_id,
  kind: r.kind,
  subject: r.subject,
  facts: r.facts,
  options: r.options,
  author: r.author_name,
  neutralityConfirmed: r.neutrality_confirmed,
  sharedInFull: r.shared_in_full,
  issuedAt: iso(r.issued_at)!,
});

export const noticeView = z.object({
  id: z.string(),
  reportId: z.string(),
  toGroup: z.string(),
  givenTo: z.string(),
  kind: z.enum(['report', 'advice']),
  subject: z.string(),
  sharedInFull: z.boolean(),
  createdAt: z.string(),
});

/** The address of the council's pages, for links in emails. */
export function linker(req: FastifyRequest): (path: string) => string {
  const configured = req.server.concord.services.config.publicUrl;
  const origin = configured ? configured.replace(/\/$/, '') : `${req.protocol}://${req.host}`;
  return (path) => `${origin}${req.base}${path}`;
}

/** The groups whose papers a person sees in full: their own, or every group for the officers. */
export const papersOf = (req: FastifyRequest): readonly string[] | 'all' => (req.allows('group_request.decide') ? 'all' : req.user().groupIds);

