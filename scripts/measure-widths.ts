// Crawls every page each demo person can reach and lists those that scroll sideways at a
// phone's width (390 px) and a laptop's (1280 px), naming the elements that stick out.
// The accessibility tests make the same check; this is the quick look, without axe.
// Usage: node --import tsx scripts/measure-widths.ts [clerk|officer|chair ...]
import { launchBrowser, newPage } from '../test/helpers/browser.js';
import { testServer } from '../test/helpers/server.js';
import { crawl, widthProblems } from '../test/helpers/accessibility.js';
import { DEMO_PASSWORD } from '../src/demo/demo.js';

const who = process.argv.slice(2);
const people = (who.length ? who : ['clerk', 'officer', 'chair']).map((key) => ({ key, email: `${key}@example.org` }));
const server = await testServer({ template: process.env.TEMPLATE ?? 'ilminster' });
const browser = await launchBrowser();
let wide = 0;
try {
  for (const person of people) {
    const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${server.baseURL}/sign-in`);
    await page.getByLabel('Email address', { exact: true }).fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
    const found = await crawl(page, server.baseURL, person.key, 200, '/', undefined, (p, label) => widthProblems(p, label));
    const problems = found.checked.flatMap((c) => c.problems);
    wide += problems.length;
    console.log(`${person.key}: ${found.checked.length} pages, ${problems.length} too wide`);
    for (const problem of problems) console.log(problem);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(wide ? 1 : 0);
