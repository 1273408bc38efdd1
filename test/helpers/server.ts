import type { AddressInfo } from 'node:net';
import { testApp, type TestContext } from './app.js';

export interface TestServer extends TestContext {
  /** Where the server listens, e.g. "http://127.0.0.1:41234", without a trailing slash. */
  baseURL: string;
  /** Stop listening, then close the app and its database. */
  close(): Promise<void>;
}

/**
 * A real HTTP server for browsers and load tools: `testApp()` (a fresh database, the demo
 * council from a template, a fixed clock) listening on 127.0.0.1 on a free port. Only
 * the loopback address is used, so nothing outside this machine can reach it.
 */
export async function testServer(options: Parameters<typeof testApp>[0] = {}): Promise<TestServer> {
  const ctx = await testApp(options);
  try {
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await ctx.close();
    throw error;
  }
  const { port } = ctx.app.server.address() as AddressInfo;
  return { ...ctx, baseURL: `http://127.0.0.1:${port}`, close: () => ctx.close() };
}
