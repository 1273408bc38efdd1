import assert from 'node:assert/strict';
import { test } from 'node:test';
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
