import { z } from 'zod';
import { apiErrorSchema } from '../web/schemas.js';

/** The shapes the meetings API answers with, for its OpenAPI document. */

export const summonsDateView = z.object({
  meeting: z.string(),
  latestIssueDate: z.string(),
  clearDays: z.number(),
  reading: z.object({ id: z.enum(['nalc', 'working-weekdays']), name: z.string() }),
  saturdaysCount: z.boolean(),
  nation: z.enum(['england', 'wales']),
  skipped: z.array(z.object({ date: z.string(), reason: z.string(), detail: z.string().optional(), label: z.string() })),
});

export const meetingView = z.object({
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

export const itemView = z.object({
  number: z.number(),
  title: z.string(),
  details: z.string().nullable().describe('Withheld (null) for an item taken in private, unless the reader is a member of the body or an officer'),
  confidential: z.boolean(),
  confidentialReason: z.string(),
  matterId: z.string().nullable().optional().describe('The council matter the item is about; shown to those who prepare the agenda'),
});

export const minutesView = z.object({
  meetingId: z.string(),
  status: z.enum(['none', 'draft', 'approved']),
  approvedOn: z.string().nullable(),
  items: z.array(
    z.object({
      number: z.number(),
      title: z.string(),
      confidential: z.boolean(),
      minute: z.string().nullable().describe('Withheld (null) for an item taken in private, unless the reader is a member of the body or an officer; "" when none is recorded'),
    }),
  ),
  declarations: z
    .array(
      z.object({
        member: z.string(),
        item: z.number(),
        itemTitle: z.string(),
        kind: z.enum(['pecuniary', 'other_registrable', 'non_registrable', 'none']),
        details: z.string(),
        leftRoom: z.boolean(),
        tookNoPart: z.boolean(),
        dispensation: z.boolean().describe('The member took part under a dispensation'),
      }),
    )
    .describe('The declarations of interest made at the meeting'),
});

export const requestView = z.object({ id: z.string(), number: z.number(), meetingId: z.string(), title: z.string(), status: z.enum(['pending', 'accepted', 'rejected']), urgentReason: z.string().nullable() });

export const lateErrorSchema = z.object({
  error: apiErrorSchema.shape.error.extend({
    deadline: z.string(),
    nextMeeting: z.object({ id: z.string(), meetingDate: z.string(), agendaDeadline: z.string() }).nullable(),
  }),
});
