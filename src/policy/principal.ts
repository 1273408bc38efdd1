import type { CouncilOffice, Role } from '../db/schema.js';

/** The signed-in person, as the rules see them. Loaded once per request. */
export interface Principal {
  personId: string;
  councilId: string;
  name: string;
  role: Role;
  /** Chair or vice-chair of the council (Mayor, Chairman...), for councillors only. */
  councilOffice: CouncilOffice | null;
  termStarts: string | null;
  termEnds: string | null;
  /** Committees this person chairs. */
  chairOf: readonly string[];
  /** Political groups this person leads. */
  leaderOf: readonly string[];
  /** Political groups this person belongs to. */
  groupIds: readonly string[];
  /** The language the person chose to read Concord in, if they have. */
  locale?: 'en' | 'cy' | null;
}

/** Today's date in the council's time zone, "YYYY-MM-DD". */
export { londonDate } from '../calendar/london.js';

/** A councillor's term covers `today` when it has started and not yet ended. */
export function inTerm(p: Pick<Principal, 'role' | 'termStarts' | 'termEnds'>, today: string): boolean {
  if (p.role !== 'councillor') return true;
  if (p.termStarts && today < p.termStarts) return false;
  if (p.termEnds && today > p.termEnds) return false;
  return true;
}

/** Everything of a person's that the rules read: two requests with the same may be answered alike. */
export function principalKey(p: Principal): string {
  return [p.personId, p.role, p.councilOffice, p.termStarts, p.termEnds, p.chairOf.join(','), p.leaderOf.join(','), p.groupIds.join(',')].join('\u0001');
}
