import { cp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { Database, DatabaseTarget } from '../../src/db/database.js';

/**
 * Copies of a test database (from `testDatabase()`), for tests that change one as an intruder
 * with the owner's rights would, then open it again as Concord would. Stop using the source
 * first (`source.kysely.destroy()`): PostgreSQL copies a database nobody is connected to, and
 * PGlite's folder is copied whole.
 */
export interface DatabaseCopy {
  /** Where the copy is, as `openDatabase` takes it. */
  target: DatabaseTarget & ({ url: string } | { dataDir: string });
  /** The same, as the command line's settings. */
  env: Record<string, string>;
  remove(): Promise<void>;
}

/** A copy of `source` (PGlite: into `folder`/pglite, so `folder` serves as CONCORD_DATA). */
export async function copyDatabase(source: Database & { target: string }, folder: string): Promise<DatabaseCopy> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dataDir = join(folder, 'pglite');
    await cp(join(source.target, 'pglite'), dataDir, { recursive: true });
    return { target: { dataDir }, env: { CONCORD_DATA: folder }, remove: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `${source.target}_${randomBytes(3).toString('hex')}`;
  await admin(url, `create database ${name} template ${source.target}`);
  const copyUrl = databaseUrl(url, name);
  return {
    target: { url: copyUrl },
    env: { CONCORD_DATA: folder, DATABASE_URL: copyUrl },
    remove: () => admin(url, `drop database if exists ${name} with (force)`),
  };
}

/** The test server's address for one database, optionally as another user. */
export function databaseUrl(url: string, name: string, user?: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

/** Run one statement on a PostgreSQL server as its administrator (create or drop a database). */
export async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A database with nothing in it, not even the migrations: where a restore begins. On PGlite a
 * new data folder under `folder`; with TEST_DATABASE_URL, a new database on that server.
 */
export async function emptyDatabase(folder: string): Promise<DatabaseCopy> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dataDir = join(folder, 'pglite');
    return { target: { dataDir }, env: { CONCORD_DATA: folder }, remove: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `concord_empty_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(url, `create database ${name}`);
  const emptyUrl = databaseUrl(url, name);
  return {
    target: { url: emptyUrl },
    env: { CONCORD_DATA: folder, DATABASE_URL: emptyUrl },
    remove: () => admin(url, `drop database if exists ${name} with (force)`),
  };
}

/** The requests login tests log in as: the set-up the README gives an operator. */
export const TEST_LOGIN = 'concord_test_login';

/** Makes TEST_LOGIN, a login role that is a member of concord_app_login, on the server at `url`. */
export async function createTestLogin(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${TEST_LOGIN}') then create role ${TEST_LOGIN} login; end if;
    end $$`);
    await admin.query(`grant concord_app_login to ${TEST_LOGIN}`).catch(() => undefined);
  } finally {
    await admin.end();
  }
}
