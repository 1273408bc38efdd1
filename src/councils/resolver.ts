import type { Council } from '../db/schema.js';
import type { Database } from '../db/database.js';

/**
 * Finds the council a request is for. One deployment can hold many councils:
 * - by host name, when a council has its own (e.g. concord.ledbury-tc.gov.uk);
 * - by path prefix, `/c/<slug>/...`, when councils share one host;
 * - and when the deployment holds exactly one council, that one at `/`.
 *
 * Councils change rarely, so they are kept in maps by slug, host and id, read once and read
 * again after a change: one made here, or one the database tells of (src/db/changes.ts, which a
 * serving process follows), or, as a safety net, when they are older than `maxAgeMs`. While a reload runs the old maps keep answering, and every request that wants a
 * reload shares the one in flight. A slug or host the maps do not know is looked up on its
 * own, by the database's index, so a stream of unknown addresses costs one small query each,
 * never a reload of every council.
 */
export class CouncilResolver {
  private cache: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  private generation = 0;

  constructor(
    private readonly db: Database,
    private maxAgeMs = 30_000,
  ) {}

  /** How long maps may answer unread: long once changes are heard as they are made, as a safety net. */
  setMaxAge(ms: number): void {
    this.maxAgeMs = ms;
  }

  async resolve(host: string | undefined, slug: string | undefined): Promise<Council | undefined> {
    const snapshot = await this.snapshot();
    if (slug) return snapshot.bySlug.get(slug) ?? (await this.bySlug(slug));
    // A host the maps do not know is not looked up: on a single council's deployment every
    // request comes by a host no council names. A host added elsewhere is seen at the next reload.
    const hostname = host?.split(':')[0]?.toLowerCase();
    return (hostname ? snapshot.byHost.get(hostname) : undefined) ?? snapshot.only;
  }

  async byId(id: string): Promise<Council | undefined> {
    return (await this.snapshot()).byId.get(id);
  }

  /** After a change made here or heard of: the next request reads the councils again, and waits for them. */
  invalidate(): void {
    this.cache = undefined;
    this.loading = undefined; // a load already running may not have seen the change
    this.generation++;
  }

  private async snapshot(): Promise<Snapshot> {
    const cache = this.cache;
    if (cache && Date.now() - cache.at < this.maxAgeMs) return cache;
    if (!this.loading) {
      const loading = this.load().finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    const reload = this.loading;
    // Stale maps answer while the reload runs; only a first load (or one after a change made
    // here, which must be seen at once) is waited for. A reload that fails in the background
    // is tried again by the next request; the stale maps go on answering meanwhile.
    if (!cache) return reload;
    reload.catch(() => undefined);
    return cache;
  }

  private async load(): Promise<Snapshot> {
    const generation = this.generation;
    const councils = await this.db.system((trx) => trx.selectFrom('councils').selectAll().execute());
    const snapshot: Snapshot = { at: Date.now(), bySlug: new Map(), byHost: new Map(), byId: new Map(), only: councils.length === 1 ? councils[0] : undefined };
    for (const council of councils) remember(snapshot, council);
    // An invalidation while this load ran means a change it may not have seen: keep no cache.
    if (generation === this.generation) this.cache = snapshot;
    return snapshot;
  }

  /** A council added by another process since the maps were read, found by its own index. */
  private async bySlug(slug: string): Promise<Council | undefined> {
    const found = await this.db.system((trx) => trx.selectFrom('councils').selectAll().where('slug', '=', slug).executeTakeFirst());
    if (found && this.cache) {
      remember(this.cache, found);
      this.cache.only = undefined; // there is more than one council now
    }
    return found;
  }
}

interface Snapshot {
  at: number;
  bySlug: Map<string, Council>;
  byHost: Map<string, Council>;
  byId: Map<string, Council>;
  /** The council served at `/` when the deployment holds exactly one. */
  only: Council | undefined;
}

function remember(snapshot: Snapshot, council: Council): void {
  snapshot.bySlug.set(council.slug, council);
  snapshot.byId.set(council.id, council);
  for (const host of council.hostnames) snapshot.byHost.set(host.toLowerCase(), council);
}

/** `/c/<slug>/rest` → slug and the rest of the path; anything else is unprefixed. */
export function splitCouncilPrefix(url: string): { slug: string; rest: string } | undefined {
  const match = /^\/c\/([a-z0-9][a-z0-9-]{0,62})(\/[^]*)?$/.exec(url);
  if (!match?.[1]) return undefined;
  return { slug: match[1], rest: match[2] ?? '/' };
}
