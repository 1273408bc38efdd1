import type { Database } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import type { ProtocolTemplate } from '../protocol/types.js';

export interface NewCouncil {
  template: ProtocolTemplate;
  /** Defaults to the template's council name. */
  name?: string;
  /** Defaults to a slug made from the name. */
  slug?: string;
  hostnames?: string[];
  /** A demonstration council, whose sign-in page lists its example accounts. */
  demo?: boolean;
}

/**
 * Create a council from a protocol template: the council with its terminology and
 * settings, its committees, and its protocol (every version in the template's approval
 * record, the last one current). One transaction: a council is created whole or not at all.
 */
export async function createCouncil(db: Database, input: NewCouncil): Promise<Council> {
  const { template } = input;
  const name = input.name?.trim() || template.council.name;
  const slug = input.slug ?? slugify(name);
  return db.system(async (trx) => {
    const council = await trx
      .insertInto('councils')
      .values({
        slug,
        name,
        kind: template.council.kind,
        nation: template.council.nation,
        principal_authority: template.council.principalAuthority,
        template_key: template.key,
        terminology: JSON.stringify(template.welsh ? { ...template.terminology, welsh: template.welsh.terminology } : template.terminology),
        settings: JSON.stringify(template.settings),
        hostnames: input.hostnames ?? [],
        is_demo: input.demo ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const committee of template.committees) {
      await trx
        .insertInto('committees')
        .values({
          council_id: council.id,
          name: committee.name,
          terms_of_reference: committee.termsOfReference,
          delegated_powers: committee.delegatedPowers,
          holds_personnel: committee.holdsPersonnel,
          holds_finance: committee.holdsFinance,
          chair_id: null,
          vice_chair_id: null,
        })
        .execute();
    }
    const versions = template.versions.length > 0 ? template.versions : [{ version: '1', approvedOn: '', approvedBy: '', summary: '' }];
    let current: string | undefined;
    for (const [i, version] of versions.entries()) {
      const row = await trx
        .insertInto('protocol_versions')
        .values({
          council_id: council.id,
          version: version.version,
          title: template.title,
          approved_on: version.approvedOn || null,
          approved_by: version.approvedBy,
          summary: version.summary,
          title_cy: template.welsh?.title ?? null,
          summary_cy: template.welsh?.versions?.[version.version]?.summary ?? null,
          is_current: i === versions.length - 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      current = row.id;
    }
    // Earlier versions' texts are not in the template; the current one holds the clauses.
    for (const [position, clause] of template.clauses.entries()) {
      await trx
        .insertInto('protocol_clauses')
        .values({
          council_id: council.id,
          version_id: current!,
          position,
          number: clause.number,
          heading: clause.heading,
          body: clause.text,
          summary: clause.summary,
          kind: clause.kind,
          rules: [...clause.rules],
          heading_cy: template.welsh?.clauses[clause.number]?.heading ?? null,
          body_cy: template.welsh?.clauses[clause.number]?.text ?? null,
          summary_cy: template.welsh?.clauses[clause.number]?.summary ?? null,
          addresses: [...(clause.addresses ?? [])],
        })
        .execute();
    }
    await audit(trx, {
      councilId: council.id,
      actorId: null,
      action: 'council.created',
      entityType: 'council',
      entityId: council.id,
      data: { name, slug, template: template.key },
    });
    return council;
  });
}

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return slug || 'council';
}
