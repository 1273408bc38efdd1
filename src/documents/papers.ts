import type { Trx } from '../db/database.js';
import type { ClauseIndex, Decision } from '../policy/decide.js';
import type { Principal } from '../policy/principal.js';
import { documentAccess, listDocuments, pecuniaryMatterIds, type DocumentRecord } from './service.js';

/**
 * Meeting papers follow the agenda: the members of the body meeting (a committee's members,
 * or every councillor in term for the full council) get its papers, except a member with a
 * registered pecuniary interest in a paper's matter, who is told why. Until meetings and
 * agenda items exist as records, a paper names its body and its meeting in words.
 */
export interface PaperForMember {
  doc: DocumentRecord;
  access: 'receives' | 'withheld' | 'not_issued';
  decision?: Extract<Decision, { allowed: false }>;
}

export interface Meeting {
  key: string;
  committeeId: string | null;
  committeeName: string | null;
  meetingReference: string;
  papers: DocumentRecord[];
  members: { id: string; name: string; papers: PaperForMember[] }[];
}

type Member = { id: string; name: string; term_starts: string | null; term_ends: string | null };

const inTermToday = (p: Member, today: string) => (!p.term_starts || p.term_starts <= today) && (!p.term_ends || p.term_ends >= today);

async function membersOf(trx: Trx, committeeId: string | null, today: string): Promise<Member[]> {
  const people = committeeId
    ? await trx
        .selectFrom('committee_members as m')
        .innerJoin('people as p', 'p.id', 'm.person_id')
        .select(['p.id', 'p.name', 'p.term_starts', 'p.term_ends'])
        .where('m.committee_id', '=', committeeId)
        .where('p.role', '=', 'councillor')
        .where('p.active', '=', true)
        .orderBy('p.name')
        .execute()
    : await trx.selectFrom('people').select(['id', 'name', 'term_starts', 'term_ends']).where('role', '=', 'councillor').where('active', '=', true).orderBy('name').execute();
  return people.filter((p) => inTermToday(p, today));
}

function asPrincipal(m: Member, councilId: string): Principal {
  return { personId: m.id, councilId, name: m.name, role: 'councillor', councilOffice: null, termStarts: m.term_starts, termEnds: m.term_ends, chairOf: [], leaderOf: [], groupIds: [] };
}

/** Every meeting with papers, and what each member of its body receives. */
export async function meetings(trx: Trx, councilId: string, clauses: ClauseIndex, today: string): Promise<Meeting[]> {
  const docs = (await listDocuments(trx)).filter((d) => d.meetingReference !== '');
  const byMeeting = new Map<string, Meeting>();
  for (const doc of docs) {
    const key = `${doc.committeeId ?? 'council'}|${doc.meetingReference}`;
    const meeting = byMeeting.get(key) ?? { key, committeeId: doc.committeeId, committeeName: doc.committeeName, meetingReference: doc.meetingReference, papers: [], members: [] };
    meeting.papers.push(doc);
    byMeeting.set(key, meeting);
  }
  const interests = new Map<string, Set<string>>();
  for (const meeting of byMeeting.values()) {
    meeting.papers.sort((a, b) => a.agendaItem.localeCompare(b.agendaItem, 'en', { numeric: true }) || a.title.localeCompare(b.title));
    for (const m of await membersOf(trx, meeting.committeeId, today)) {
      if (!interests.has(m.id)) interests.set(m.id, await pecuniaryMatterIds(trx, m.id, today));
      const principal = asPrincipal(m, councilId);
      const papers = meeting.papers.map((doc): PaperForMember => {
        const decision = documentAccess(principal, clauses, today, doc, { pecuniaryMatterIds: interests.get(m.id)! });
        if (decision.allowed) return { doc, access: 'receives' };
        if (decision.ruleId === 'confidential-papers') return { doc, access: 'not_issued' };
        return { doc, access: 'withheld', decision };
      });
      meeting.members.push({ id: m.id, name: m.name, papers });
    }
  }
  return [...byMeeting.values()].sort((a, b) => a.meetingReference.localeCompare(b.meetingReference));
}

/** The meetings whose papers a councillor gets as a member of the body, with what is withheld from them and why. */
export async function papersFor(trx: Trx, principal: Principal, clauses: ClauseIndex, today: string) {
  const all = await meetings(trx, principal.councilId, clauses, today);
  return all
    .map((m) => ({ meeting: m, mine: m.members.find((x) => x.id === principal.personId) }))
    .filter((x): x is { meeting: Meeting; mine: Meeting['members'][number] } => !!x.mine)
    .map(({ meeting, mine }) => ({ ...meeting, papers: mine.papers.filter((p) => p.access !== 'not_issued') }));
}
