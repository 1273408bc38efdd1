import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

// A script of the command line's, in JavaScript: found from this source's own place (tests also run compiled, from .build/).
const { runBundle } = (await import(new URL('../../scripts/run-bundle.mjs', import.meta.url).href)) as { runBundle: unknown };

type Bundle = { answer: number; later(): Promise<number> };
const run = (file: string) => (runBundle as (file: string, options: { keepCompiled: boolean }) => Bundle)(file, { keepCompiled: true });

/**
 * `concord` runs its bundle with what V8 compiled of it at the previous start (scripts/run-bundle.mjs).
 * A small bundle of the same shape stands in for it: its first line its stamp, then CommonJS,
 * with a library imported only when a function asks for it, as the bundle imports PDF writers.
 */
describe('the bundle run with its compiled code kept', () => {
  let dir: string;
  let file: string;
  const bundle = (stamp: string, answer: number) =>
    [
      `// concord bundle ${stamp}`,
      `const concordImport = typeof __concordImport === 'function' ? __concordImport : (specifier) => import(specifier);`,
      `exports.answer = ${answer};`,
      `exports.later = async () => (await concordImport('node:os')).EOL.length + exports.answer;`,
      '',
    ].join('\n');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-bundle-'));
    file = join(dir, 'concord.cjs');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('runs the bundle, and keeps its compiled code beside it, marked with its stamp', async () => {
    await writeFile(file, bundle('aaa', 41));
    const first = run(file);
    assert.equal(first.answer, 41);
    assert.equal(await first.later(), 42, 'a library imported when asked');
    const kept = await readFile(`${file}.v8cache`);
    assert.equal(kept.subarray(0, '// concord bundle aaa\n'.length).toString(), '// concord bundle aaa\n');
    assert.ok(kept.length > 100, 'with V8’s code after the stamp');
  });

  it('runs again from the code kept, which it leaves as it is, importing as before', async () => {
    const before = (await stat(`${file}.v8cache`)).mtimeMs;
    const again = run(file);
    assert.equal(again.answer, 41);
    assert.equal(await again.later(), 42, 'a function compiled from the cache still imports');
    assert.equal((await stat(`${file}.v8cache`)).mtimeMs, before, 'taken, not made again');
  });

  it('does not hand V8 the code kept for another bundle, even one of the same length', async () => {
    await writeFile(file, bundle('bbb', 43));
    const other = run(file);
    assert.equal(other.answer, 43, 'the new bundle’s own code runs');
    assert.equal(await other.later(), 44);
    const kept = await readFile(`${file}.v8cache`);
    assert.equal(kept.subarray(0, '// concord bundle bbb\n'.length).toString(), '// concord bundle bbb\n', 'kept again, for this bundle');
  });

  it('is loaded as Node loads it, keeping nothing, when stack traces are to name the sources', async () => {
    await rm(`${file}.v8cache`, { force: true });
    const plain = (runBundle as (file: string, options: { keepCompiled: boolean }) => Bundle)(file, { keepCompiled: false });
    assert.equal(await plain.later(), 44, 'importing through Node’s own loader');
    await assert.rejects(stat(`${file}.v8cache`), { code: 'ENOENT' });
  });
});
