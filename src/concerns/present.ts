import { z } from 'zod';
import type { Translate } from '../i18n/messages.js';
import { CONCERN_ABOUT, ENTRY_KINDS, PROCEDURES, STAGES } from '../db/schema-concerns.js';
import { dueNext, type LoadedCase, type caseRecord, type accessLog } from './service.js';
import type { Disclosure } from './disclosure.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const caseView = z.object({
  id: z.string(),
  status: z.enum(['informal', 'formal', 'closed']),
  procedure: z.enum(PROCEDURES).nullable(),
  aboutKind: z.enum(CONCERN_ABOUT),
  aboutName: z.string().nullable().describe('Shown to those handling the case only'),
  raisedBy: z.object({ id: z.string(), name: z.string() }),
  passedOnBy: z.string().nullable().describe('The councillor who passed an officer’s approach into the procedure (I3.4)'),
  statement: z.string(),
  outcome: z.string().nullable(),
  raisedAt: z.string(),
  handlers: z.array(z.object({ name: z.string(), office: z.string() })).describe('Who the protocol sent it to'),
  committee: z.string().nullable().describe('Once formal: the committee that holds personnel matters'),
  routing: z.enum(['to_clerk', 'about_clerk']).describe('Why these handlers: a concern goes to the Clerk; one about (or by) the Clerk to the people the protocol names. Fixed when raised.'),
  record: z
    .object({
      entries: z.array(z.object({ kind: z.enum(ENTRY_KINDS), occurredOn: z.string(), body: z.string(), author: z.string(), contact: z.string().nullable() })),
      stages: z.array(z.object({ stage: z.enum(STAGES), dueOn: z.string(), doneOn: z.string().nullable(), companion: z.string(), note: z.string() })),
      dueNext: z.object({ stage: z.enum(STAGES), dueOn: z.string() }).nullable(),
      told: z
        .array(z.object({ toldAt: z.string(), toldBy: z.string(), summary: z.string(), invitation: z.string().nullable(), dates: z.boolean(), outcome: z.boolean(), raiserNamed: z.boolean() }))
        .describe('What the person concerned was told, and when'),
    })
    .nullable()
    .describe('The handlers’ record: for its handlers and the personnel committee’s members only'),
  accessLog: z.array(z.object({ at: z.string(), who: z.string().nullable(), action: z.string() })).nullable().describe('For its handlers only'),
});

/** A case as its reader may see it: the raiser their statement and outcome; handlers and the committee the record; handlers the access log. */
export function presentCase(kase: LoadedCase, t: Translate, record?: Awaited<ReturnType<typeof caseRecord>>, log?: Awaited<ReturnType<typeof accessLog>>, told: readonly Disclosure[] = []): z.infer<typeof caseView> {
  const next = record ? dueNext(record.stages) : undefined;
  return {
    id: kase.id,
    status: kase.status,
    procedure: kase.procedure,
    aboutKind: kase.about_kind,
    aboutName: record ? kase.about_name : null,
    raisedBy: { id: kase.raised_by, name: kase.raised_by_name },
    passedOnBy: kase.passed_on_by_name,
    statement: kase.statement,
    outcome: kase.outcome,
    raisedAt: iso(kase.raised_at)!,
    handlers: kase.handlers.map((h) => ({ name: h.name, office: t(h.office) })),
    committee: kase.status === 'informal' ? null : kase.committee_name,
    routing: kase.concerns_clerk ? 'about_clerk' : 'to_clerk',
    record: record
      ? {
          entries: record.entries.map((e) => ({ kind: e.kind, occurredOn: e.occurred_on, body: e.body, author: e.author_name, contact: e.contact_name ? `${e.contact_name}${e.contact_organisation ? `, ${e.contact_organisation}` : ''}` : null })),
          stages: record.stages.map((s) => ({ stage: s.stage, dueOn: s.due_on, doneOn: s.done_on, companion: s.companion, note: s.note })),
          dueNext: next ? { stage: next.stage, dueOn: next.due_on } : null,
          told: told.map((d) => ({ toldAt: iso(d.disclosed_at)!, toldBy: d.disclosed_by_name, summary: d.summary, invitation: d.invitation || null, dates: d.share_dates, outcome: d.outcome !== null, raiserNamed: d.raiser_name !== null })),
        }
      : null,
    accessLog: log ? log.map((l) => ({ at: iso(l.at)!, who: l.actor_name, action: l.action.replace(/^concern_case\./, '') })) : null,
  };
}
