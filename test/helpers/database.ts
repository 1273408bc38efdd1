import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, setDefaultAuditKey, type Database } from '../../src/db/database.js';
import { TEST_AUDIT_KEY } from './audit.js';

// Test databases seal their audit entries with a fixed key (src/audit/keys.ts).
setDefaultAuditKey(TEST_AUDIT_KEY);

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'db', 'migrations');

/** Changes whenever a migration does, so a stale template is never used. */
async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(migrationsDir)).sort()) hash.update(file).update(await readFile(join(migrationsDir, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A freshly migrated database of its own for each test file: on PGlite by default, on the
 * PostgreSQL server named by TEST_DATABASE_URL when it is set (as CI does). A migrated
 * template is made once and copied, which takes a fraction of migrating again.
 */
export async function testDatabase(): Promise<Database & { target: string }> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? postgresCopy(url) : pgliteCopy();
}

async function pgliteCopy(): Promise<Database & { target: string }> {
  const template = join(tmpdir(), `concord-test-template-${await migrationsHash()}`);
  if (!(await exists(join(template, 'ready')))) {
    const building = `${template}.${process.pid}.${randomBytes(4).toString('hex')}`;
    const db = await openDatabase({ dataDir: join(building, 'pglite') });
    await db.migrate();
    await db.close();
    await mkdir(join(building, 'ready'));
    // Another process may have finished first; either copy is as good.
    await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
  }
  const dir = join(tmpdir(), `concord-test-${process.pid}-${randomBytes(6).toString('hex')}`);
  await cp(join(template, 'pglite'), join(dir, 'pglite'), { recursive: true });
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

async function postgresCopy(url: string): Promise<Database & { target: string }> {
  const templateName = `concord_template_${await migrationsHash()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `concord_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    // One process builds the template; the others wait for it.
    await admin.query('select pg_advisory_lock(hashtext($1))', [templateName]);
    const found = await admin.query('select 1 from pg_database where datname = $1', [templateName]);
    if (found.rowCount === 0) {
      await admin.query(`create database ${templateName}`);
      const db = await openDatabase({ url: withDatabase(url, templateName) });
      try {
        await db.migrate();
      } catch (error) {
        await db.close();
        await admin.query(`drop database ${templateName}`);
        throw error;
      }
      await db.close();
    }
    await admin.query(`create database ${name} template ${templateName}`);
    await admin.query('select pg_advisory_unlock(hashtext($1))', [templateName]);
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
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
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
