import type { Council } from '../db/schema.js';

/** The demo council's people, apart from the seeding, so the sign-in page can name them without loading every capability. */

/** Every demo account's password, printed at start-up and shown on the demo sign-in page. */
export const DEMO_PASSWORD = 'concord-demo';

export function isDemoCouncil(council: Pick<Council, 'is_demo'>): boolean {
  return council.is_demo;
}

export type DemoKey = 'clerk' | 'officer' | 'chair' | 'vice' | 'riverside' | 'market' | 'independent' | 'former';

interface DemoPerson {
  key: DemoKey;
  name: string;
  email: string;
  role: 'clerk' | 'officer' | 'councillor';
  jobTitle?: string;
  office?: 'chair' | 'vice_chair';
  term?: { starts: string; ends: string };
  group?: 'riverside' | 'market';
  /** Where a summons on paper goes (made up: ZZ99 is no real postcode). */
  postalAddress?: string;
}

const CURRENT_TERM = { starts: '2023-05-04', ends: '2027-05-06' };

/** The example people: a clerk, a member of staff, the chair, councillors in two groups, an independent, and a former councillor. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { key: 'clerk', name: 'Alex Morgan', email: 'clerk@example.org', role: 'clerk' },
  { key: 'officer', name: 'Sam Patel', email: 'officer@example.org', role: 'officer', jobTitle: 'Assistant Clerk' },
  { key: 'chair', name: 'Jo Evans', email: 'chair@example.org', role: 'councillor', office: 'chair', term: CURRENT_TERM, group: 'riverside', postalAddress: '3 Orchard Close\nZZ99 1AB' },
  { key: 'vice', name: 'Priya Shah', email: 'vice@example.org', role: 'councillor', office: 'vice_chair', term: CURRENT_TERM, group: 'market', postalAddress: 'Flat 2, 41 High Street\nZZ99 2CD' },
  { key: 'riverside', name: 'Tom Baker', email: 'tom@example.org', role: 'councillor', term: CURRENT_TERM, group: 'riverside', postalAddress: 'Mill House, Mill Lane\nZZ99 3EF' },
  { key: 'market', name: 'Hannah Price', email: 'hannah@example.org', role: 'councillor', term: CURRENT_TERM, group: 'market', postalAddress: '18 Station Road\nZZ99 4GH' },
  { key: 'independent', name: 'Owen Hughes', email: 'owen@example.org', role: 'councillor', term: CURRENT_TERM, postalAddress: '7 Chapel Row\nZZ99 5JK' },
  { key: 'former', name: 'Dan Clarke', email: 'former@example.org', role: 'councillor', term: { starts: '2019-05-02', ends: '2023-05-03' } },
];

