import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { LightMyRequestResponse } from 'fastify';
import { testApp, type TestContext } from '../helpers/app.js';
import { DEMO_PASSWORD } from '../../src/demo/demo.js';

/**
 * The API's contract, tried as an attacker would: every operation the OpenAPI document lists,
 * as the Clerk, a councillor and someone signed out, with malformed ids, wrong types, missing
 * and extra fields, huge strings, control characters, invalid Unicode and broken bodies. No
 * answer may be a 5xx, and every answer must be a status the operation declares, with a body
 * that matches the schema it declares for that status.
 *
 * The requests are generated from the document, not written by hand, so a new operation is
 * fuzzed the day it is added. FUZZ_RUNS sets how many (5,000 on CI), FUZZ_SEED replays a run,
 * FUZZ_PROFILE prints where the CPU time went and which operations never answered with success.
 */

// ajv-formats is CommonJS; its plugin is its default export.
const addFormats = addFormatsModule.default as unknown as (ajv: Ajv2020) => Ajv2020;

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  additionalProperties?: boolean | Schema;
};

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body?: Schema;
  /** Declared answers: status → the JSON schema of the body, or null when none is declared. */
  responses: Map<number, Schema | null>;
}

type Persona = 'clerk' | 'councillor' | 'signedOut';
const PERSONAS: readonly Persona[] = ['clerk', 'councillor', 'signedOut'];
const SIGN_IN: Record<Exclude<Persona, 'signedOut'>, string> = { clerk: 'clerk@example.org', councillor: 'tom@example.org' };

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string | undefined; bytes: Buffer };

interface FuzzRequest {
  persona: Persona;
  operation: number;
  /** Each path parameter's text exactly as it goes into the URL (already encoded, or deliberately not). */
  params: string[];
  query: string;
  body: Body;
  csrf: 'valid' | 'missing' | 'forged';
}

const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 5000 : 1000));
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

let ctx: TestContext;
let operations: Operation[];
/** Ids of things that exist, gathered from the API's own lists, so that requests reach past "not found". */
let knownIds: string[];
/** The ids each list answers with, by the list's path. */
const idsByCollection = new Map<string, string[]>();

/** A signed-in (or not) browser for the API: its cookies and its CSRF token. */
class Caller {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly app: TestContext['app']) {}

  async send(opts: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer }): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({ method: opts.method as 'GET', url: opts.url, payload: opts.payload, headers: { ...opts.headers, ...(cookie ? { cookie } : {}) } });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  async refreshToken(): Promise<void> {
    const res = await this.send({ method: 'GET', url: '/api/v1/session' });
    this.csrf = res.json<{ csrfToken: string }>().csrfToken;
  }

  async signIn(email: string): Promise<void> {
    await this.refreshToken();
    const res = await this.send({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json', 'x-csrf-token': this.csrf },
      payload: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    assert.equal(res.statusCode, 200, `signing in as ${email}: ${res.body}`);
    await this.refreshToken();
  }
}

/** The operations of the OpenAPI document, with what each declares it answers. */
function readOperations(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []) as { in: string; name: string; schema: Schema }[];
      const responses = new Map<number, Schema | null>();
      for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
        responses.set(Number(status), response?.content?.['application/json']?.schema ?? null);
      }
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content?.['application/json']?.schema,
        responses,
      });
    }
  }
  return out;
}

// ——— Hostile values ———

const CONTROL = fc.constantFrom('\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u2028', '\u202e', '\ufeff', '\ufffe');
const LONE_SURROGATES = fc.constantFrom('\ud800', '\udfff', 'a\ud83d', '\ude00b');
/** Strings a careless parser or database trips on. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.tuple(fc.string({ maxLength: 8 }), CONTROL, fc.string({ maxLength: 8 })).map(([a, c, b]) => a + c + b),
  fc.tuple(fc.string({ maxLength: 8 }), LONE_SURROGATES).map(([a, s]) => a + s),
  fc.constantFrom('', ' ', '\u0000', 'null', 'undefined', '0', '-1', 'NaN', '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd', '%00', '{{7*7}}', '${7*7}', '__proto__', 'constructor'),
  fc.constantFrom(201, 2_001, 5_001, 50_001).map((n) => 'x'.repeat(n)),
  fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '99999-01-01', '2026-1-1', '25:00', '23:60'),
);
/** Any JSON value: the wrong type for whatever field it lands in. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0),
  nastyString,
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxKeys: 3 }),
  fc.constant({ __proto__: { polluted: true } }),
);

let knownIdArbitrary: fc.Arbitrary<string> | undefined;
const knownId = () => (knownIdArbitrary ??= fc.constantFrom(...knownIds));

/** A path segment: a real id, a well-formed stranger, or something that is not an id at all. */
function idSegment(own: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    // The ids the operation's own list shows (a meeting's for /meetings/{id}), so that requests get past "not found".
    { weight: own.length ? 4 : 0, arbitrary: own.length ? fc.constantFrom(...own) : knownId() },
    { weight: 2, arbitrary: knownId() },
    { weight: 2, arbitrary: fc.uuid().map(String) },
    { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '0', '-1', 'null', 'undefined', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'NOT-A-UUID', ' ', '.', '..') },
    { weight: 2, arbitrary: nastyString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd')).slice(0, 4000)) },
    // Badly encoded: what no browser sends and a decoder must refuse, not throw on.
    { weight: 2, arbitrary: fc.constantFrom('%', '%E0%A4%A', '%C0%AF', '%FF%FE', '%ED%A0%80', '%00', '%0D%0A', '%25%', 'a%2Fb', '%uD800', '%%', 'caf%E9') },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 10_000 }).map((n) => 'a'.repeat(n)) },
  );
}

/** A value that fits the schema, as far as a generator reasonably can: the start of most bodies. */
function fitting(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fitting(s, depth + 1)));
  if (schema.allOf?.length) return fitting(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null')[0] ?? 'null' : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') return fc.oneof({ weight: 4, arbitrary: knownId() }, { weight: 1, arbitrary: fc.uuid().map(String) });
      if (schema.format === 'date') return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (schema.format === 'date-time') return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.pattern && !schema.format) return fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' });
      if (schema.format === 'email') return fc.constantFrom('clerk@example.org', 'tom@example.org', 'someone.new@example.org');
      const min = Math.max(1, schema.minLength ?? 1);
      const max = Math.min(schema.maxLength ?? 40, 40);
      return fc.string({ minLength: Math.min(min, max), maxLength: Math.max(min, max) });
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 100 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -5, max: schema.maximum ?? 100, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fitting(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of props) record[k] = fitting(s, depth + 1);
      return fc.record(record, { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
    }
    case 'null':
      return fc.constant(null);
    default:
      return wrongType;
  }
}

/** Ways to break an object that fits: a field missing, one too many, or one of the wrong kind. */
function mutated(schema: Schema): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties ?? {});
  return fitting(schema).chain((value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fc.constant(value);
    const obj = value as Record<string, unknown>;
    const choices: fc.Arbitrary<unknown>[] = [
      // Often left whole, so that requests get past validation to the services behind it.
      fc.constant(obj),
      fc.constant(obj),
      fc.constant(obj),
      fc.record({ key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'id', 'councilId', 'council_id', 'role')), value: wrongType }).map(({ key, value: v }) => ({ ...obj, [key]: v })),
    ];
    if (keys.length) {
      choices.push(fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(obj).filter(([key]) => key !== k))));
      choices.push(fc.tuple(fc.constantFrom(...keys), wrongType).map(([k, v]) => ({ ...obj, [k]: v })));
      choices.push(fc.tuple(fc.constantFrom(...keys), nastyString).map(([k, v]) => ({ ...obj, [k]: v })));
      // Each array of objects gets a broken element too: nested fields are fields.
      choices.push(
        fc.tuple(fc.constantFrom(...keys), wrongType).map(([k, v]) => {
          const items = schema.properties?.[k]?.items;
          if (items?.type !== 'object') return { ...obj, [k]: v };
          return { ...obj, [k]: [{ ...Object.fromEntries(Object.keys(items.properties ?? {}).map((p) => [p, 'x'])), [Object.keys(items.properties ?? {})[0] ?? 'x']: v }] };
        }),
      );
    }
    return fc.oneof(...choices);
  });
}

/** Bodies no JSON schema describes: broken JSON, bytes that are not UTF-8, the wrong type of body. */
const rawBody: fc.Arbitrary<Body> = fc.oneof(
  fc.constantFrom<Body>(
    { kind: 'raw', contentType: 'application/json', bytes: Buffer.from('{') },
    { kind: 'raw', contentType: 'application/json', bytes: Buffer.from('') },
    { kind: 'raw', contentType: 'application/json', bytes: Buffer.from('null') },
    { kind: 'raw', contentType: 'application/json', bytes: Buffer.from('[]') },
    { kind: 'raw', contentType: 'application/json', bytes: Buffer.from('"text"') },
    { kind: 'raw', contentType: 'application/json', bytes: Buffer.from('{"__proto__":{"admin":true}}') },
    { kind: 'raw', contentType: 'application/json', bytes: Buffer.from('{"constructor":{"prototype":{"admin":true}}}') },
    { kind: 'raw', contentType: 'application/json', bytes: Buffer.from([0x7b, 0x22, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]) },
    { kind: 'raw', contentType: 'application/json; charset=latin1', bytes: Buffer.from('{"title":"caf\xe9"}', 'latin1') },
    { kind: 'raw', contentType: 'text/plain', bytes: Buffer.from('hello') },
    { kind: 'raw', contentType: 'application/xml', bytes: Buffer.from('<a/>') },
    { kind: 'raw', contentType: 'application/x-www-form-urlencoded', bytes: Buffer.from('title=%ZZ&title=a&x[y]=1') },
    { kind: 'raw', contentType: 'multipart/form-data', bytes: Buffer.from('garbage') },
    { kind: 'raw', contentType: 'multipart/form-data; boundary=xyz', bytes: Buffer.from('--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\ntrunc') },
    { kind: 'raw', contentType: 'multipart/form-data; boundary=xyz', bytes: Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a\r\nb.pdf"\r\n\r\n%PDF\r\n--xyz--\r\n') },
    { kind: 'raw', contentType: 'multipart/form-data; boundary=xyz', bytes: Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a"b.pdf"\r\n\r\n%PDF\r\n--xyz--\r\n') },
    { kind: 'raw', contentType: '', bytes: Buffer.from('{}') },
    { kind: 'raw', contentType: undefined, bytes: Buffer.from('{}') },
    { kind: 'raw', contentType: ';;;', bytes: Buffer.from('{}') },
  ),
  fc.uint8Array({ maxLength: 200 }).map((b): Body => ({ kind: 'raw', contentType: 'application/json', bytes: Buffer.from(b) })),
  // Just over the body limit, and well under it.
  fc.constantFrom(1_100_000, 60_000).map((n): Body => ({ kind: 'raw', contentType: 'application/json', bytes: Buffer.from(JSON.stringify({ title: 'x'.repeat(n) })) })),
);

function body(op: Operation): fc.Arbitrary<Body> {
  const writes = op.method !== 'GET' && op.method !== 'DELETE';
  const json = op.body ? mutated(op.body) : fc.oneof(fc.constant({}), wrongType);
  return fc.oneof(
    { weight: writes ? 6 : 0, arbitrary: json.map((value): Body => ({ kind: 'json', value })) },
    { weight: writes ? 2 : 1, arbitrary: rawBody },
    { weight: writes ? 1 : 6, arbitrary: fc.constant<Body>({ kind: 'none' }) },
  );
}

function queryString(op: Operation): fc.Arbitrary<string> {
  const pair = (name: string, value: fc.Arbitrary<string>) => value.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))}`);
  const declared = op.query.map((q) =>
    fc.option(pair(q.name, fc.oneof(fitting(q.schema).map(String), nastyString)), { nil: undefined }),
  );
  return fc
    .tuple(
      fc.tuple(...declared),
      fc.option(pair('lang', fc.constantFrom('cy', 'en', 'fr', '')), { nil: undefined }),
      fc.option(fc.oneof(pair('extra', nastyString), fc.constantFrom('a=%ZZ', '%E0%A4%A=1', 'x[y][z]=1', '&&&', 'a=1&a=2&a=3')), { nil: undefined }),
    )
    .map(([d, lang, extra]) => {
      const parts = [...d, lang, extra].filter((p): p is string => p !== undefined);
      return parts.length ? `?${parts.join('&')}` : '';
    });
}

function requests(): fc.Arbitrary<FuzzRequest> {
  // Built once an operation, not once a request: building arbitraries is most of the cost of generating.
  const perOperation = operations.map((op, index) =>
    fc.record({
      // The Clerk may do the most, so the Clerk's requests reach furthest into the services.
      persona: fc.constantFrom<Persona>('clerk', 'clerk', 'councillor', 'signedOut'),
      operation: fc.constant(index),
      params: fc.tuple(...op.pathParams.map(() => idSegment(idsByCollection.get(op.path.split('/{')[0]!) ?? []))),
      query: queryString(op),
      body: body(op),
      csrf: fc.constantFrom<FuzzRequest['csrf']>('valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'missing', 'forged'),
    }),
  );
  return fc.integer({ min: 0, max: operations.length - 1 }).chain((index) => perOperation[index]!);
}

function urlOf(op: Operation, req: FuzzRequest): string {
  let i = 0;
  return op.path.replace(/\{[^}]+\}/g, () => req.params[i++] ?? '') + req.query;
}

// ——— The run ———

before(async () => {
  ctx = await testApp();
  const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  operations = readOperations(doc);
  assert.ok(operations.length > 30, 'the OpenAPI document lists the API');

  // Every id the Clerk can see in the lists, and the people's: the fuzz's real ids.
  const clerk = new Caller(ctx.app);
  await clerk.signIn(SIGN_IN.clerk);
  const ids = new Set<string>(Object.values(ctx.people));
  for (const op of operations) {
    if (op.method !== 'GET' || op.pathParams.length) continue;
    const res = await clerk.send({ method: 'GET', url: op.path });
    const listed = [...res.body.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map((m) => m[0]);
    for (const id of listed) ids.add(id);
    if (listed.length) idsByCollection.set(op.path, [...new Set(listed)]);
  }
  knownIds = [...ids];
});

after(() => ctx?.close());

test(`every API operation keeps its contract under ${RUNS} hostile requests (seed ${SEED})`, async () => {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  // Compiled once a distinct schema: every operation's error answers share one.
  const validators = new Map<string, ValidateFunction>();
  const bySchema = new Map<Schema, ValidateFunction>();
  const validatorFor = (schema: Schema) => {
    let v = bySchema.get(schema);
    if (v) return v;
    const key = JSON.stringify(schema);
    v = validators.get(key);
    if (!v) validators.set(key, (v = ajv.compile(schema)));
    bySchema.set(schema, v);
    return v;
  };

  const callers = {} as Record<Persona, Caller>;
  for (const persona of PERSONAS) {
    callers[persona] = new Caller(ctx.app);
    if (persona === 'signedOut') await callers[persona].refreshToken();
    else await callers[persona].signIn(SIGN_IN[persona]);
  }

  const generated = fc.sample(requests(), { numRuns: RUNS, seed: SEED });
  // Signing in and out change who the caller is, so those go last; everything before runs as the persona says.
  const changesSession = (r: FuzzRequest) => operations[r.operation]!.path === '/api/v1/session' && operations[r.operation]!.method !== 'GET';
  const ordered = [...generated.filter((r) => !changesSession(r)), ...generated.filter(changesSession)];

  let serverErrors = 0;
  let offContract = 0;
  const byStatus = new Map<number, number>();
  const reached = new Set<string>();
  /** One example of each kind of failure: the operation, the status and what was wrong. */
  const failures = new Map<string, string>();
  const started = process.cpuUsage();
  const profile = new Map<string, number>();

  for (const request of ordered) {
    const op = operations[request.operation]!;
    const caller = callers[request.persona];
    const headers: Record<string, string> = {};
    if (request.csrf === 'valid') headers['x-csrf-token'] = caller.csrf;
    if (request.csrf === 'forged') headers['x-csrf-token'] = 'forged-token';
    let payload: string | Buffer | undefined;
    if (request.body.kind === 'json') {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(request.body.value) ?? 'null';
    } else if (request.body.kind === 'raw') {
      if (request.body.contentType !== undefined) headers['content-type'] = request.body.contentType;
      payload = request.body.bytes;
    }
    const url = urlOf(op, request);
    const t0 = process.cpuUsage();
    const res = await caller.send({ method: op.method, url, headers, payload });
    if (process.env.FUZZ_PROFILE) {
      const d = process.cpuUsage(t0);
      const k = `${request.persona} ${op.method} ${op.path} ${request.body.kind}`;
      profile.set(k, (profile.get(k) ?? 0) + d.user + d.system);
    }
    byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
    if (res.statusCode < 400) reached.add(`${op.method} ${op.path}`);

    const problem = check(op, res, validatorFor);
    if (res.statusCode >= 500) serverErrors++;
    if (problem) {
      offContract++;
      const kind = `${op.method} ${op.path} ${res.statusCode} ${problem.slice(0, 50)}`;
      if (!failures.has(kind)) {
        const shownBody = request.body.kind === 'json' ? JSON.stringify(request.body.value).slice(0, 300) : request.body.kind === 'raw' ? `${request.body.contentType} ${request.body.bytes.toString('latin1').slice(0, 120)}` : '';
        failures.set(kind, `${request.persona} ${op.method} ${url.slice(0, 200)} ${shownBody}\n    → ${res.statusCode}: ${problem}\n    ${res.body.slice(0, 300)}`);
      }
    }
  }

  const cpu = process.cpuUsage(started);
  console.log(
    `API fuzz: ${ordered.length} requests over ${operations.length} operations (seed ${SEED}), ${serverErrors} 5xx, ${offContract} off the declared contract; ` +
      `${reached.size} operations answered with success; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...byStatus].sort(([a], [b]) => a - b)))}`,
  );
  if (process.env.FUZZ_PROFILE) console.log([...profile].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
  const examples = [...failures.values()].sort((a, b) => Number(/→ 5\d\d/.test(b)) - Number(/→ 5\d\d/.test(a))).slice(0, 30).join('\n');
  assert.equal(serverErrors, 0, `server errors (replay with FUZZ_SEED=${SEED}):\n${examples}`);
  assert.equal(offContract, 0, `answers off the declared contract (replay with FUZZ_SEED=${SEED}):\n${examples}`);
  const unreached = operations.filter((op) => !reached.has(`${op.method} ${op.path}`)).map((op) => `${op.method} ${op.path}`);
  if (process.env.FUZZ_PROFILE) console.log(`never answered with success: ${unreached.join(', ')}`);
  // How many a run reaches depends on its seed (44 to 77 of 143 in the runs seen); a fuzz stuck at
  // validation reaches a handful.
  assert.ok(reached.size >= operations.length / 4, `only ${reached.size} operations were reached with a success: the fuzz is not getting past validation`);
});

/** What is wrong with an answer, by the operation's own declaration; undefined when nothing is. */
function check(op: Operation, res: LightMyRequestResponse, validatorFor: (s: Schema) => ValidateFunction): string | undefined {
  if (res.statusCode >= 500) return 'a server error';
  if (!op.responses.has(res.statusCode)) return `status ${res.statusCode} is not declared (declared: ${[...op.responses.keys()].join(', ')})`;
  const schema = op.responses.get(res.statusCode);
  if (res.statusCode === 204) return res.body.length === 0 ? undefined : 'a body with 204 No Content';
  if (!schema) return res.body.length === 0 || res.statusCode >= 300 ? undefined : 'a body where none is declared';
  if (!String(res.headers['content-type'] ?? '').startsWith('application/json')) return `content-type ${String(res.headers['content-type'])}, not JSON`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    return 'a body that is not JSON';
  }
  const validate = validatorFor(schema);
  if (!validate(parsed)) return `the body does not match the declared schema: ${ajv_errors(validate)}`;
  return undefined;
}

function ajv_errors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}
