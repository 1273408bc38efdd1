import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CATALOGUES, conflictingMessageKeys, councilTranslator, translator } from '../capabilities/registry.js';

const en = CATALOGUES.en;

const src = join(import.meta.dirname ?? '', '..');
function files(dir: string, ending: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, ending);
    return name.endsWith(ending) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the message catalogue', () => {
  it('has every key that a template or the code asks for by name', () => {
    const missing: string[] = [];
    for (const file of [...files(src, '.njk'), ...files(src, '.ts')]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)*)'/g)) {
        if (!(m[1]! in en)) missing.push(`${file.slice(src.length + 1)}: ${m[1]}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('has one text for each key, whichever capability brings it', () => {
    assert.deepEqual(conflictingMessageKeys(), []);
  });

  it('speaks in the council’s own terminology', () => {
    const t = translator('en', { clerk: 'Chief Officer', chair: 'Mayor' });
    assert.equal(t('refused.alt.clerk_manages_staff'), 'Ask the Chief Officer, who directs the council’s staff.');
    assert.equal(t('offices.chair'), 'Mayor');
  });

  it('keeps every page template free of literal English between tags', () => {
    // A rough guard: text nodes in templates should come from t(); numbers, punctuation and
    // template syntax are fine.
    const offenders: string[] = [];
    for (const file of files(src, '.njk')) {
      const text = readFileSync(file, 'utf8')
        .replace(/\{#[^]*?#\}/g, '')
        .replace(/\{%[^]*?%\}/g, '')
        .replace(/\{\{[^]*?\}\}/g, '')
        .replace(/<(script|style)[^]*?<\/\1>/g, '');
      for (const m of text.matchAll(/>([^<>]*[A-Za-z]{3,}[^<>]*)</g)) offenders.push(`${file.slice(src.length + 1)}: ${m[1]!.trim()}`);
    }
    assert.deepEqual(offenders, []);
  });

  it('gives GOV.UK components their own hidden and scripted words in the reader’s language, not the library’s English', () => {
    // Each component named here has words of its own (a warning's "Warning" for screen readers,
    // a password's "Show" button) that stay English unless a page passes them in.
    const needs: Record<string, string> = { govukWarningText: 'iconFallbackText', govukPasswordInput: 'showPasswordText' };
    const missing: string[] = [];
    for (const file of files(src, '.njk')) {
      const text = readFileSync(file, 'utf8');
      for (const [macro, param] of Object.entries(needs)) {
        for (const m of text.matchAll(new RegExp(`${macro}\\(\\{[^]*?\\}\\) ?\\}\\}`, 'g'))) {
          if (!m[0].includes(`${param}:`)) missing.push(`${file.slice(src.length + 1)}: ${macro} without ${param}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  it('chooses the plural form of a count by the language’s own rules', () => {
    const english = translator('en');
    assert.equal(english.plural('home.bulletins.unread', 1), english('home.bulletins.unread.one'));
    assert.equal(english.plural('home.bulletins.unread', 3), 'You have 3 unread bulletins from the officers.');
    const welsh = translator('cy');
    const forms = [0, 1, 2, 3, 6, 7].map((n) => welsh.plural('home.bulletins.unread', n));
    assert.equal(new Set(forms).size, 6, `Welsh has six forms: ${forms.join(' | ')}`);
    assert.ok(forms.every((f) => !f.includes('{count}')));
  });
});

describe('a council’s translator', () => {
  it('writes each council’s own titles, in each language, however often it is asked, and a renamed council’s new ones', () => {
    const key = Object.entries(en).find(([, text]) => text.includes('{clerk}') && !/\{(?!clerk\})\w+\}/.test(text))?.[0];
    assert.ok(key, 'a message naming only the clerk');
    const town = { name: 'Ledbury Town Council', terminology: { clerk: 'Town Clerk', chair: 'Mayor', viceChair: 'Deputy Mayor', council: 'Town Council', welsh: { clerk: 'Clerc y Dref', chair: 'Maer', viceChair: 'Dirprwy Faer', council: 'Cyngor Tref', councilName: 'Cyngor Tref Ledbury' } } };
    const parish = { name: 'Wells Parish Council', terminology: { clerk: 'Parish Clerk', chair: 'Chair', viceChair: 'Vice-Chair', council: 'Parish Council' } };
    for (let i = 0; i < 3; i++) {
      assert.match(councilTranslator(town)(key), /Town Clerk/);
      assert.match(councilTranslator(parish)(key), /Parish Clerk/);
      assert.match(councilTranslator(town, 'cy')(key), /Clerc y Dref/);
    }
    const renamed = { ...town, terminology: { ...town.terminology, clerk: 'Chief Officer' } };
    assert.match(councilTranslator(renamed)(key), /Chief Officer/, 'a council read again is a new object, with its own words');
    assert.match(councilTranslator(town)(key, { clerk: 'Proper Officer' }), /Proper Officer/, 'words given with the message come first');
  });
});
