import type { Council } from '../db/schema.js';
import type { Database } from '../db/database.js';

/**
 * Finds the council a request is for. One deployment can hold many councils:
 * - by host name, when a council has its own (e.g. concord.ledbury-tc.gov.uk);
 * - by path prefix, `/c/<slug>/...`, when councils share one host;
 * - and when the deployment holds exactly one council, that one at `/`.
 * Councils change rarely, so they are cached and re-read after a change or a miss.
 */
export class CouncilResolver {
  private cache: { at: number; councils: Council[] } | undefined;

  constructor(
    private readonly db: Database,
    private readonly maxAgeMs = 30_000,
  ) {}

  async resolve(host: string | undefined, slug: string | undefined): Promise<Council | undefined> {
    let found = this.pick(await this.councils(), host, slug);
    if (!found && (slug || this.cacheAge() > 1_000)) {
      this.invalidate(); // a council added by another process since we last looked
      found = this.pick(await this.councils(), host, slug);
    }
    return found;
  }

  async byId(id: string): Promise<Council | undefined> {
    return (await this.councils()).find((c) => c.id === id);
  }

  invalidate(): void {
    this.cache = undefined;
  }

  private pick(councils: Council[], host: string | undefined, slug: string | undefined): Council | undefined {
    if (slug) return councils.find((c) => c.slug === slug);
    const hostname = host?.split(':')[0]?.toLowerCase();
    const byHost = hostname ? councils.find((c) => c.hostnames.includes(hostname)) : undefined;
    if (byHost) return byHost;
    return councils.length === 1 ? councils[0] : undefined;
  }

  private cacheAge(): number {
    return this.cache ? Date.now() - this.cache.at : Infinity;
  }

  private async councils(): Promise<Council[]> {
    if (this.cache && this.cacheAge() < this.maxAgeMs) return this.cache.councils;
    const councils = await this.db.system((trx) => trx.selectFrom('councils').selectAll().orderBy('name').execute());
    this.cache = { at: Date.now(), councils };
    return councils;
  }
}

/** `/c/<slug>/rest` → slug and the rest of the path; anything else is unprefixed. */
export function splitCouncilPrefix(url: string): { slug: string; rest: string } | undefined {
  const match = /^\/c\/([a-z0-9][a-z0-9-]{0,62})(\/[^]*)?$/.exec(url);
  if (!match?.[1]) return undefined;
  return { slug: match[1], rest: match[2] ?? '/' };
}
