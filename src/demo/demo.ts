import type { Database } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { createCouncil } from '../councils/create.js';
import { DEMO_PASSWORD, DEMO_PEOPLE } from './people.js';
import { councilTranslator, seedDemo } from '../capabilities/registry.js';
import { londonDate } from '../policy/principal.js';
import type { ProtocolTemplate } from '../protocol/types.js';

export { DEMO_PASSWORD, DEMO_PEOPLE, isDemoCouncil, type DemoKey } from './people.js';

/**
 * A council from a template, with example people, groups, committee places and
 * external contacts, so that every page has something to show on first run.
 */
export async function createDemoCouncil(
  db: Database,
  template: ProtocolTemplate,
  options: { name?: string; slug?: string; today?: string } = {},
): Promise<Council> {
  const council = await createCouncil(db, { template, name: options.name, slug: options.slug ?? 'demo', demo: true });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.tenant(council.id, async (trx) => {
    const ids = new Map<string, string>();
    for (const p of DEMO_PEOPLE) {
      const row = await trx
        .insertInto('people')
        .values({
          council_id: council.id,
          name: p.name,
          email: p.email,
          password_hash: passwordHash,
          role: p.role,
          job_title: p.role === 'clerk' ? template.terminology.clerk : (p.jobTitle ?? ''),
          council_office: p.office ?? null,
          is_rfo: p.role === 'clerk' && template.settings.clerkIsRfo,
          term_starts: p.term?.starts ?? null,
          term_ends: p.term?.ends ?? null,
          postal_address: p.postalAddress ?? '',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(p.key, row.id);
    }
    const id = (key: string) => ids.get(key)!;

    const groups = { riverside: 'Riverside Group', market: 'Market Ward Independents' } as const;
    for (const [key, name] of Object.entries(groups) as [keyof typeof groups, string][]) {
      const members = DEMO_PEOPLE.filter((p) => p.group === key);
      const group = await trx
        .insertInto('political_groups')
        .values({ council_id: council.id, name, leader_id: id(key === 'riverside' ? 'riverside' : 'market') })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const m of members) {
        await trx.insertInto('group_members').values({ council_id: council.id, group_id: group.id, person_id: id(m.key) }).execute();
      }
    }

    let committees = await trx.selectFrom('committees').select(['id', 'name']).orderBy('name').execute();
    if (committees.length === 0) {
      await trx
        .insertInto('committees')
        .values({
          council_id: council.id,
          name: 'Finance and General Purposes Committee',
          terms_of_reference: 'Oversees the budget, accounts and general business between meetings of the full council.',
          delegated_powers: 'Approves spending within the agreed budget.',
          holds_finance: true,
          chair_id: null,
          vice_chair_id: null,
        })
        .execute();
      committees = await trx.selectFrom('committees').select(['id', 'name']).orderBy('name').execute();
    }
    const chairs = ['riverside', 'market'];
    for (const [i, committee] of committees.entries()) {
      const chairKey = chairs[i % chairs.length]!;
      await trx.updateTable('committees').set({ chair_id: id(chairKey), vice_chair_id: id('independent') }).where('id', '=', committee.id).execute();
      for (const key of [chairKey, 'independent', 'chair']) {
        await trx.insertInto('committee_members').values({ council_id: council.id, committee_id: committee.id, person_id: id(key) }).execute();
      }
    }

    await trx
      .insertInto('external_contacts')
      .values([
        {
          council_id: council.id,
          kind: template.council.nation === 'wales' ? 'ombudsman' : 'monitoring_officer',
          name: template.council.nation === 'wales' ? 'Public Services Ombudsman for Wales' : 'Monitoring Officer',
          organisation: template.council.nation === 'wales' ? 'Public Services Ombudsman for Wales' : template.council.principalAuthority,
          email: 'monitoring.officer@example.org',
        },
        { council_id: council.id, kind: 'county_association', name: 'County Association of Local Councils', organisation: 'County Association', email: 'advice@example.org' },
        { council_id: council.id, kind: 'independent_person', name: 'Independent HR adviser', organisation: 'Society of Local Council Clerks', email: 'adviser@example.org' },
      ])
      .execute();

    // Each capability's example records, in the order they refer to each other.
    const today = options.today ?? londonDate(new Date());
    await seedDemo(trx, {
      council: { id: council.id, nation: template.council.nation, settings: template.settings, terminology: template.terminology },
      id,
      today,
      t: councilTranslator(council),
    });

    await audit(trx, { councilId: council.id, actorId: null, action: 'demo.seeded', entityType: 'council', entityId: council.id, data: { people: DEMO_PEOPLE.length } });
  });
  return council;
}
