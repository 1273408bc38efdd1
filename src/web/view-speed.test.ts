import assert from 'node:assert/strict';
import { test } from 'node:test';
import nunjucks from 'nunjucks';
import { createViews } from './render.js';
import { asNunjucksComes } from './view-speed.js';

// Frames: what a template sets (in loops, macros, blocks and at the top) is seen where Nunjucks
// would show it, and nowhere else, with Concord's faster `Frame.set` and with Nunjucks' own.
const FRAMES = `
{%- set total = 0 -%}
{%- set shown = 'outer' -%}
{%- macro tally(n) -%}{% set shown = 'in macro' %}{{ n }}:{{ shown }}{%- endmacro -%}
{%- for x in ['a', 'b', 'c'] -%}
  {{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.length }}{{ 'F' if loop.first }}{{ 'L' if loop.last }}{{ x }}
  {%- set total = total + loop.index -%}
  {%- set inner = x -%};
{%- endfor -%}
|{{ total }}|{{ inner }}|{{ tally(7) }}|{{ shown }}
{%- for k, v in { one: 1, two: 2 } -%}|{{ k }}={{ v }}{{ loop.index }}{%- endfor -%}
{%- for p, q in [[1, 2], [3, 4]] -%}|{{ p }}{{ q }}{%- endfor -%}
`;

const EXPECTED = '10323Fa;21213b;32103Lc;|6||7:in macro|outer|one=11|two=22|12|34';

test('variables set in loops, macros and at the top land where Nunjucks puts them', () => {
  const views = createViews();
  assert.equal(views.renderString(FRAMES, {}), EXPECTED);
  assert.equal(asNunjucksComes(() => views.renderString(FRAMES, {})), EXPECTED);
});

test('a template renders the same after another has set the same names', () => {
  const views = createViews();
  views.renderString('{% for x in [1] %}{{ loop.index }}{% set total = 5 %}{% endfor %}', {});
  assert.equal(views.renderString(FRAMES, {}), EXPECTED);
});

test("Concord's environment renders with the faster runtime, and the plain one with Nunjucks' own", () => {
  createViews();
  const runtime = () => ({
    set: (nunjucks.runtime as unknown as { Frame: { prototype: { set: unknown } } }).Frame.prototype.set,
    escape: (nunjucks.lib as unknown as { escape: unknown }).escape,
    extend: (nunjucks.lib as unknown as { extend: unknown }).extend,
  });
  const ours = runtime();
  const theirs = asNunjucksComes(runtime);
  assert.notEqual(ours.set, theirs.set);
  assert.notEqual(ours.escape, theirs.escape);
  assert.notEqual(ours.extend, theirs.extend);
  assert.deepEqual(runtime(), ours, 'put back after the plain render');
});

test('what a page prints is escaped as Nunjucks escapes it, and text with nothing to escape is left as it is', () => {
  const views = createViews();
  const plain = createViews({ plain: true });
  // Each character Nunjucks escapes, alone in a value too, so a fast path that missed one would show.
  const template = '{{ a }}|{{ b }}|{{ c }}|{{ d | escape }}|{{ e }}|{{ n }}|{% for x in only %}{{ x }},{% endfor %}';
  const context = {
    a: `<a href="x">Tom's & Jo's</a> \\ done`,
    b: 'Nothing to escape here: just words, 42, and a full stop.',
    c: new nunjucks.runtime.SafeString('<strong>kept</strong>'),
    d: '"quoted"',
    e: '',
    n: 7,
    only: ['Fish & chips', 'Jo’s and Jo\'s', 'a\\b', 'x < y', 'y > x', 'say "hi"'],
  };
  const expected = '&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jo&#39;s&lt;/a&gt; &#92; done|Nothing to escape here: just words, 42, and a full stop.|<strong>kept</strong>|&quot;quoted&quot;||7|Fish &amp; chips,Jo’s and Jo&#39;s,a&#92;b,x &lt; y,y &gt; x,say &quot;hi&quot;,';
  assert.equal(views.renderString(template, context), expected);
  assert.equal(plain.renderString(template, context), expected);
});

test('a context copies what Nunjucks copies: own names in order, none inherited, and nothing from nothing', () => {
  createViews();
  const extend = (nunjucks.lib as unknown as { extend: (a: object | undefined, b: unknown) => object }).extend;
  const plain = asNunjucksComes(() => (nunjucks.lib as unknown as { extend: typeof extend }).extend);
  const inherited = Object.assign(Object.create({ hidden: 1 }) as object, { b: 2, a: 1 });
  for (const [target, source] of [
    [{}, { z: 1, a: 2, '1': 3 }],
    [{ kept: true, a: 0 }, inherited],
    [undefined, { only: 'this' }],
    [{ x: 1 }, undefined],
    [{ x: 1 }, null],
  ] as [object | undefined, unknown][]) {
    const ours = extend(target === undefined ? undefined : { ...target }, source);
    const theirs = plain(target === undefined ? undefined : { ...target }, source);
    assert.deepEqual(Object.entries(ours), Object.entries(theirs), JSON.stringify([target, source]));
  }
});
