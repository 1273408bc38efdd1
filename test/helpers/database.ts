import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { openDatabase, setDefaultAuditKey, type Database } from '../../src/db/database.js';
import { TEST_AUDIT_KEY } from './audit.js';

// Test databases seal their audit entries with a fixed key (src/audit/keys.ts).
setDefaultAuditKey(TEST_AUDIT_KEY);

const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
const migrationsDir = join(srcDir, 'db', 'migrations');
const pgliteManifest = join(srcDir, '..', 'node_modules', '@electric-sql', 'pglite', 'package.json');

export type TestDatabase = Database & { target: string };

/** What a template holds beyond the migrations, and how to put it there. */
export interface Seed {
  /** Says what the seed is, e.g. "demo ilminster 2026-11-22": part of the template's key. */
  name: string;
  fill(db: Database): Promise<void>;
}

/** Templates unused for longer than this are removed when a new one is made. */
const UNUSED_FOR_MS = 60 * 60 * 1000;

/**
 * A database of its own for each caller: on PGlite by default, on the PostgreSQL server named
 * by TEST_DATABASE_URL when it is set. It is a copy of a template made once and kept: migrated,
 * and filled by `seed` when one is given. A migrated template is keyed by the migrations, a
 * seeded one by every source file under src/ (tests aside) and the seed's name, so a stale
 * template is never used. Copying takes a fraction of the time of migrating and seeding again.
 */
export async function testDatabase(seed?: Seed): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? postgresCopy(url, seed) : pgliteCopy(seed);
}

const hashOf = (...parts: (string | Buffer)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 16);
};

/** The files under `dir` that `keep` accepts, as relative path and content, in a stable order. */
async function contents(dir: string, keep: (path: string) => boolean): Promise<(string | Buffer)[]> {
  const paths: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && keep(path)) paths.push(path);
    }
  };
  await walk(dir);
  paths.sort();
  return (await Promise.all(paths.map(async (path) => [relative(dir, path), await readFile(path)]))).flat();
}

let keys: Promise<{ migrations: string; source: string }> | undefined;
/** What the templates' keys are made of: the migrations, and every source file that is not a test. */
function templateKeys(): Promise<{ migrations: string; source: string }> {
  keys ??= (async () => {
    const pglite = await readFile(pgliteManifest, 'utf8').then((text) => (JSON.parse(text) as { version: string }).version, () => 'unknown');
    const migrations = hashOf(pglite, ...(await contents(migrationsDir, () => true)));
    const source = hashOf(pglite, ...(await contents(srcDir, (path) => !path.endsWith('.test.ts'))));
    return { migrations, source };
  })();
  return keys;
}

// PGlite: a template is a data folder under the temporary folder, built under a name of its
// own and renamed into place when whole, so one that exists is complete. Its folder's time
// says when it was last copied.

const PGLITE_PREFIX = 'concord-template-';

async function pgliteCopy(seed: Seed | undefined): Promise<TestDatabase> {
  const dir = join(tmpdir(), `concord-test-${process.pid}-${randomBytes(6).toString('hex')}`);
  for (let attempt = 1; ; attempt++) {
    const template = await pgliteTemplate(seed);
    try {
      await copyFolder(template, join(dir, 'pglite'));
      break;
    } catch (error) {
      // Only if the template was removed as unused just now: it is made again.
      await rm(dir, { recursive: true, force: true });
      if (attempt === 2 || (await exists(template))) throw error;
    }
  }
  const db = await openDatabase({ dataDir: join(dir, 'pglite') });
  return {
    ...db,
    target: dir,
    async close() {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The data folder of the template for `seed` (or of the migrated one), made if need be. */
async function pgliteTemplate(seed: Seed | undefined): Promise<string> {
  const { migrations, source } = await templateKeys();
  const dir = join(tmpdir(), PGLITE_PREFIX + (seed ? hashOf('seeded', source, seed.name) : hashOf('migrated', migrations)));
  if (!(await exists(join(dir, 'ready')))) {
    const building = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      if (seed) await copyFolder(await pgliteTemplate(undefined), join(building, 'pglite'));
      const db = await openDatabase({ dataDir: join(building, 'pglite') });
      try {
        await (seed ? seed.fill(db) : db.migrate());
      } finally {
        await db.close();
      }
      await mkdir(join(building, 'ready'));
    } catch (error) {
      await rm(building, { recursive: true, force: true });
      throw error;
    }
    // Another process may have finished first; either copy is as good.
    await rename(building, dir).catch(() => rm(building, { recursive: true, force: true }));
    await prunePglite(dir);
  }
  const now = new Date();
  await utimes(dir, now, now).catch(() => undefined);
  return join(dir, 'pglite');
}

/** Copy a folder that `to` does not yet name: with the system's cp, several times faster than fs.cp, where there is one. */
async function copyFolder(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await promisify(execFile)('cp', ['-R', from, to]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await cp(from, to, { recursive: true });
  }
}

async function prunePglite(current: string): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith(PGLITE_PREFIX) || path === current) continue;
    const unused = await stat(path).then((s) => Date.now() - s.mtimeMs > UNUSED_FOR_MS, () => false);
    if (!unused) continue;
    // Out of the way at once, so that a copy begun from it fails rather than copies half.
    const removing = `${path}.removing.${randomBytes(4).toString('hex')}`;
    if (await rename(path, removing).then(() => true, () => false)) await rm(removing, { recursive: true, force: true });
  }
}

// PostgreSQL: a template is a database, built under a name of its own and renamed when whole,
// all under an advisory lock named after it, which is also held while it is copied. Its
// comment says when it was last copied.

const POSTGRES_PREFIX = 'concord_tpl_';

async function postgresCopy(url: string, seed: Seed | undefined): Promise<TestDatabase> {
  const name = `concord_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const built = await postgresTemplate(admin, url, seed, (template) => admin.query(`create database ${name} template ${template}`));
    if (built) await prunePostgres(admin);
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ url: withDatabase(url, name) });
  return {
    ...db,
    target: name,
    async close() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      try {
        await dropDatabase(cleanup, name);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/**
 * Make the template for `seed` (or the migrated one) if need be, and `use` it under its lock.
 * True if a template was made.
 */
async function postgresTemplate(admin: pg.Client, url: string, seed: Seed | undefined, use: (template: string) => Promise<unknown>): Promise<boolean> {
  const { migrations, source } = await templateKeys();
  const template = POSTGRES_PREFIX + (seed ? hashOf('seeded', source, seed.name) : hashOf('migrated', migrations));
  await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
    const build = found.rowCount === 0;
    if (build) {
      const building = `${template}_building`;
      await admin.query(`drop database if exists ${building} with (force)`);
      if (seed) await postgresTemplate(admin, url, undefined, (migrated) => admin.query(`create database ${building} template ${migrated}`));
      else await admin.query(`create database ${building}`);
      try {
        const db = await openDatabase({ url: withDatabase(url, building) });
        try {
          await (seed ? seed.fill(db) : db.migrate());
        } finally {
          await db.close();
        }
      } catch (error) {
        await dropDatabase(admin, building);
        throw error;
      }
      await admin.query(`alter database ${building} rename to ${template}`);
    }
    await admin.query(`comment on database ${template} is '${new Date().toISOString()}'`);
    await use(template);
    return build;
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
  }
}

/** Remove templates unused for a while, and any left half-built. The ones just used are recent. */
async function prunePostgres(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string; used: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as used from pg_database where starts_with(datname, $1)`,
    [POSTGRES_PREFIX],
  );
  for (const { datname, used } of rows) {
    if (used && Date.now() - Date.parse(used) <= UNUSED_FOR_MS) continue;
    // One being copied or built holds its lock; it is left alone.
    const lock = datname.replace(/_building$/, '');
    const { rows: got } = await admin.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [lock]);
    if (!got[0]?.locked) continue;
    try {
      await admin.query(`drop database if exists ${datname} with (force)`);
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [lock]);
    }
  }
}

/**
 * Drop a database once its connections have gone. A pool that has just ended may still have
 * connections on their way out; the server waits a few seconds for them. Dropping WITH (FORCE)
 * at once would end them with an error that their pool has no listener for.
 */
async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  try {
    await client.query(`drop database if exists ${name}`);
  } catch (error) {
    // 55006, object_in_use: a connection was left open; end it.
    if ((error as { code?: string }).code !== '55006') throw error;
    await client.query(`drop database if exists ${name} with (force)`);
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
