import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CATALOGUES, conflictingMessageKeys, translator } from '../capabilities/registry.js';

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
