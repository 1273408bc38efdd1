// Screenshots of Concord's key pages, as a phone (390 px) and a laptop (1280 px) show them,
// into docs/screenshots/, from the demo council (Ilminster) at the tests' fixed date.
// Usage: npm run screenshots [-- name-fragment ...]   (fragments choose some shots only)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, newPage } from '../test/helpers/browser.js';
import { testServer } from '../test/helpers/server.js';
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../src/demo/demo.js';

interface Shot {
  name: string;
  /** Who is signed in (a demo person's key); nobody for a page seen signed out. */
  as?: string;
  /** The page, or how to reach it from the home page. */
  path: string | ((page: Page, baseURL: string) => Promise<void>);
}

const firstLink = (selector: string) => async (page: Page, baseURL: string, from: string) => {
  await page.goto(`${baseURL}${from}`);
  await page.locator(selector).first().click();
};

const SHOTS: Shot[] = [
  { name: 'sign-in', path: '/sign-in' },
  { name: 'clerk-home', as: 'clerk', path: '/' },
  { name: 'clerk-meetings', as: 'clerk', path: '/meetings' },
  { name: 'clerk-meeting', as: 'clerk', path: (p, b) => firstLink('[data-testid=upcoming-meetings] a')(p, b, '/meetings') },
  { name: 'clerk-enquiries', as: 'clerk', path: '/enquiries' },
  { name: 'clerk-outbox', as: 'clerk', path: '/outbox' },
  { name: 'clerk-equal-treatment', as: 'clerk', path: '/reports/equal-treatment' },
  { name: 'clerk-declarations', as: 'clerk', path: '/declarations' },
  { name: 'chair-home', as: 'chair', path: '/' },
  { name: 'chair-tasks', as: 'chair', path: '/tasks' },
  { name: 'councillor-documents', as: 'independent', path: '/documents' },
  // A paper withheld for her registered interest, while her request for a dispensation waits.
  { name: 'councillor-withheld', as: 'market', path: (p, b) => firstLink('[data-testid=withheld-link]')(p, b, '/documents') },
  { name: 'councillor-enquiry', as: 'independent', path: (p, b) => firstLink('[data-testid=enquiries] a')(p, b, '/enquiries') },
  { name: 'officer-home', as: 'officer', path: '/' },
  { name: 'protocol', as: 'independent', path: '/protocol' },
];

const WIDTHS = [
  { label: 'phone', width: 390, height: 844 },
  { label: 'laptop', width: 1280, height: 800 },
];

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });
const chosen = process.argv.slice(2);
const shots = SHOTS.filter((s) => chosen.length === 0 || chosen.some((c) => s.name.includes(c)));

const server = await testServer({ template: 'ilminster' });
const browser = await launchBrowser();
try {
  for (const size of WIDTHS) {
    const pages = new Map<string, Page>();
    const signedIn = async (who: string | undefined): Promise<Page> => {
      const key = who ?? '';
      let page = pages.get(key);
      if (page) return page;
      page = (await newPage(browser, { viewport: { width: size.width, height: size.height } })).page;
      if (who) {
        await page.goto(`${server.baseURL}/sign-in`);
        await page.getByLabel('Email address', { exact: true }).fill(DEMO_PEOPLE.find((p) => p.key === who)!.email);
        await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
        await page.getByTestId('sign-in').click();
        await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
      }
      pages.set(key, page);
      return page;
    };
    for (const shot of shots) {
      const page = await signedIn(shot.as);
      if (typeof shot.path === 'string') await page.goto(`${server.baseURL}${shot.path}`);
      else await shot.path(page, server.baseURL);
      const file = join(outDir, `${shot.name}-${size.width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file.slice(root.length));
    }
    await Promise.all([...pages.values()].map((p) => p.context().close()));
  }
} finally {
  await browser.close();
  await server.close();
}
