import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import * as cheerio from 'cheerio';
import { DEMO_PASSWORD } from '../../src/demo/demo.js';

/**
 * A browser-like client over `app.inject`: it keeps cookies, reads the CSRF token from
 * the page as a browser would, and posts forms. No security feature is switched off for it.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  /** When a cookie set with Max-Age or Expires runs out, by this browser's clock (see `passTime`). */
  private cookieEnds = new Map<string, number>();
  private clockOffsetMs = 0;
  csrfToken: string | undefined;

  constructor(
    private app: FastifyInstance,
    /** The council's path prefix, e.g. "/c/demo", or "". */
    readonly base = '',
    /** The address the requests come from (light-my-request's own, 127.0.0.1, unless given). */
    readonly address?: string,
  ) {}

  /**
   * The same browser, its cookies and token, reaching another Concord process serving the same
   * database, as a proxy in front of several processes sends each request to any of them.
   */
  reach(app: FastifyInstance): this {
    this.app = app;
    return this;
  }

  async get(path: string, headers?: Record<string, string>): Promise<Page> {
    const res = await this.request({ method: 'GET', url: this.base + path, headers });
    return new Page(res, this);
  }

  /** Post a form as a browser would, with the CSRF token from the last page seen. */
  async post(path: string, fields: Record<string, string | string[]>, options: { csrf?: boolean } = {}): Promise<Page> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    if (options.csrf !== false && this.csrfToken && !('_csrf' in fields)) body.append('_csrf', this.csrfToken);
    const res = await this.request({ method: 'POST', url: this.base + path, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    return new Page(res, this);
  }

  /** Call the JSON API; writes carry the CSRF token in a header, as a browser script would. */
  async api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, json?: unknown): Promise<LightMyRequestResponse & { json<T = any>(): T }> {
    if (method !== 'GET' && !this.csrfToken) await this.api('GET', '/api/v1/session');
    const headers: Record<string, string> = {};
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (json !== undefined) headers['content-type'] = 'application/json';
    const res = await this.request({ method, url: this.base + path, payload: json === undefined ? undefined : JSON.stringify(json), headers });
    // Signing in through the API hands out a new token, as asking who is signed in does.
    if (res.headers['content-type']?.toString().includes('json') && (method === 'GET' || method === 'POST') && path === '/api/v1/session') {
      this.csrfToken = res.json<{ csrfToken?: string }>().csrfToken ?? this.csrfToken;
    }
    return res;
  }

  /**
   * Post a multipart form (a file upload) as a browser would: the CSRF token is the first
   * field, as the form's hidden input is. With `api`, the token goes in the header instead.
   */
  async upload(
    path: string,
    fields: Record<string, string | string[]>,
    file?: { name: string; type: string; bytes: Buffer; field?: string },
    options: { csrf?: boolean; api?: boolean } = {},
  ): Promise<Page> {
    const boundary = `----concordtest${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    const field = (name: string, value: string) => parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    if (options.csrf !== false && this.csrfToken && !options.api) field('_csrf', this.csrfToken);
    if (options.csrf !== false && options.api) {
      if (!this.csrfToken) await this.api('GET', '/api/v1/session');
      headers['x-csrf-token'] = this.csrfToken ?? '';
    }
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) field(k, item);
    if (file) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
      parts.push(file.bytes, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.request({ method: 'POST', url: this.base + path, payload: Buffer.concat(parts), headers });
    return new Page(res, this);
  }

  /** Sign in through the real form, as a demo person. */
  async signIn(email: string, password = DEMO_PASSWORD): Promise<Page> {
    await this.get('/sign-in');
    const page = await this.post('/sign-in', { email, password });
    return page.status === 303 ? this.get(page.location!.replace(this.base, '')) : page;
  }

  cookie(name: string): string | undefined {
    this.dropExpired();
    return this.cookies.get(name);
  }

  /** As if `seconds` went by for this browser: the cookies that have run out by then are gone. */
  passTime(seconds: number): void {
    this.clockOffsetMs += seconds * 1000;
  }

  private dropExpired(): void {
    const now = Date.now() + this.clockOffsetMs;
    for (const [name, ends] of this.cookieEnds) {
      if (ends > now) continue;
      this.cookies.delete(name);
      this.cookieEnds.delete(name);
    }
  }

  private async request(opts: { method: string; url: string; payload?: string | Buffer; headers?: Record<string, string> }) {
    this.dropExpired();
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method: opts.method as 'GET',
      url: opts.url,
      payload: opts.payload,
      headers: { ...(opts.headers ?? {}), ...(cookie ? { cookie } : {}) },
      ...(this.address ? { remoteAddress: this.address } : {}),
    });
    // By this browser's clock, as `dropExpired` reads it.
    const now = Date.now() + this.clockOffsetMs;
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires !== undefined && c.expires.getTime() < now);
      this.cookieEnds.delete(c.name);
      if (expired) this.cookies.delete(c.name);
      else {
        this.cookies.set(c.name, c.value);
        if (c.maxAge !== undefined) this.cookieEnds.set(c.name, now + c.maxAge * 1000);
        else if (c.expires !== undefined) this.cookieEnds.set(c.name, c.expires.getTime());
      }
    }
    return res;
  }
}

/** A response read as a page: status, redirect, and its DOM. */
export class Page {
  readonly $: cheerio.CheerioAPI;
  constructor(
    readonly res: LightMyRequestResponse,
    client: TestClient,
  ) {
    this.$ = cheerio.load(res.body);
    const token = this.$('input[name="_csrf"]').first().val();
    if (typeof token === 'string' && token) client.csrfToken = token;
  }
  get status(): number {
    return this.res.statusCode;
  }
  get location(): string | undefined {
    const l = this.res.headers.location;
    return typeof l === 'string' ? l : undefined;
  }
  text(selector: string): string {
    return this.$(selector).text().replace(/\s+/g, ' ').trim();
  }
  /** The error summary's messages, in order. */
  errors(): string[] {
    return this.$('.govuk-error-summary__list li').map((_, el) => this.$(el).text().trim()).get();
  }
  title(): string {
    return this.$('title').text().trim();
  }
}
