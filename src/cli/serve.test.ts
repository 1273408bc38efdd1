import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../demo/people.js';
import { startConcord, type ConcordProcess } from '../../test/helpers/concord-process.js';

/** The repository's root: from this source's own place, as tests also run compiled from .build/. */
const root = fileURLToPath(new URL('../..', import.meta.url));

// `concord serve --demo` as a clerk starts it: bin/concord.mjs, which runs Concord bundled with
// its libraries into one file (scripts/bundle.mjs). Every other test loads Concord's modules
// one by one, so this is where the bundle is seen to serve pages, the API, the assets and a
// sign-in. On the embedded database only: the bundle is the same on both.
describe('concord serve, from the bundle', { skip: Boolean(process.env.TEST_DATABASE_URL) && 'runs on the embedded database only', timeout: 300_000 }, () => {
  let concord: ConcordProcess;
  let data: string;
  let origin: string;

  before(async () => {
    data = await mkdtemp(join(tmpdir(), 'concord-serve-'));
    concord = await startConcord(['serve', '--demo'], {
      DATABASE_URL: undefined,
      DATABASE_APP_URL: undefined,
      CONCORD_UNBUNDLED: undefined,
      CONCORD_TSX: undefined,
      CONCORD_DATA: data,
      COOKIE_SECURE: 'false',
      LOG_LEVEL: 'error',
      CONCORD_DEBUG_START: '1',
    });
    origin = concord.origin;
  });

  after(async () => {
    await concord?.stop();
    await rm(data, { recursive: true, force: true });
  });

  it('runs the bundle, and says what it serves', async () => {
    // It prints once it listens, so the lines may follow the first answer.
    for (let waited = 0; waited < 100 && !concord.output().includes('Demo accounts'); waited++) await sleep(100);
    const output = concord.output();
    assert.match(output, /concord: running \S*\.build\/concord\.cjs/);
    assert.match(output, /Concord is running at http:\/\/localhost:\d+/);
    assert.match(output, /\(demo, created now\)/);
  });

  it('runs the bundle as strict code, as each of its modules is written', async () => {
    const source = await readFile(join(root, '.build', 'concord.cjs'), 'utf8');
    const head = source.split('\n').slice(0, 3).join('\n');
    // A function inherits strictness from the code around it: `this` is then undefined in it.
    const strict: unknown = runInThisContext(`(function (__concordImport) {${head}\nreturn (function () { return this === undefined; })();\n})`);
    assert.equal((strict as (loader: unknown) => boolean)(() => undefined), true, head);
  });

  it('signs a demo councillor in and shows their home page', async () => {
    const signIn = await fetch(`${origin}/sign-in`);
    assert.equal(signIn.status, 200);
    const form = await signIn.text();
    assert.match(form, /chair@example\.org/, 'the demo accounts are listed');
    const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1];
    assert.ok(token, 'the form carries a CSRF token');
    const jar = new Map<string, string>();
    const keep = (res: Response) => {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
    };
    keep(signIn);
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const posted = await fetch(`${origin}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(), origin },
      body: new URLSearchParams({ _csrf: token, next: '', email: 'chair@example.org', password: DEMO_PASSWORD }).toString(),
    });
    assert.equal(posted.status, 303, await posted.text());
    keep(posted);
    const home = await fetch(`${origin}/`, { headers: { cookie: cookie() } });
    assert.equal(home.status, 200);
    const page = await home.text();
    assert.match(page, /<html lang="en"/);
    assert.match(page, /Jo Evans/);
    const meetings = await fetch(`${origin}/meetings`, { headers: { cookie: cookie() } });
    assert.equal(meetings.status, 200);
  });

  it('answers the API, with its OpenAPI document, and serves the stylesheet', async () => {
    const openapi = await fetch(`${origin}/api/openapi.json`);
    assert.equal(openapi.status, 200);
    const doc = (await openapi.json()) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(Object.keys(doc.paths).length > 50, 'the API is described');
    const refused = await fetch(`${origin}/api/v1/enquiries`);
    assert.equal(refused.status, 401);
    const css = await fetch(`${origin}/assets/concord.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  });
});
