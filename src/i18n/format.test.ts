import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatClock, formatDateTime, formatTime, formatWallTime, pluralCategory } from './format.js';

/** One style for every date and time Concord shows: GOV.UK's, and its Welsh counterpart. */
describe('dates and times, GOV.UK style', () => {
  it('writes an instant as London reads it: “2 December 2026 at 9:00am”', () => {
    assert.equal(formatDateTime(new Date('2026-12-02T09:00:00Z')), '2 December 2026 at 9:00am');
    assert.equal(formatDateTime(new Date('2026-12-02T09:00:00Z'), 'cy'), '2 Rhagfyr 2026 am 9:00yb');
    // Summer time: 23:30 UTC on 30 June is 00:30 on 1 July in London.
    assert.equal(formatDateTime(new Date('2026-06-30T23:30:00Z')), '1 July 2026 at 12:30am');
    assert.equal(formatDateTime(new Date('2026-06-30T23:30:00Z'), 'cy'), '1 Gorffennaf 2026 am 12:30yb');
  });

  it('writes times of day without a leading zero, with am and pm (yb and yp in Welsh)', () => {
    assert.deepEqual(
      [formatClock(0, 47), formatClock(9, 0), formatClock(12, 0), formatClock(19, 5), formatClock(19, 5, 'cy')],
      ['12:47am', '9:00am', '12:00pm', '7:05pm', '7:05yp'],
    );
    assert.equal(formatTime(new Date('2026-11-22T12:00:00Z')), '12:00pm');
    assert.equal(formatWallTime('19:00'), '7:00pm');
    assert.equal(formatWallTime('09:30:00', 'cy'), '9:30yb');
    assert.equal(formatWallTime('later'), 'later');
  });
});

describe('plural categories', () => {
  it('are Intl’s for every count, asked once or again: Welsh’s six as well as English’s two', () => {
    const wrong: string[] = [];
    for (const [locale, tag] of [
      ['en', 'en-GB'],
      ['cy', 'cy-GB'],
    ] as const) {
      const rules = new Intl.PluralRules(tag);
      for (const count of [...Array.from({ length: 1_005 }, (_, i) => i), ...Array.from({ length: 1_005 }, (_, i) => i), -1, 1.5, 0.5, 1e6]) {
        if (pluralCategory(count, locale) !== rules.select(count)) wrong.push(`${locale} ${count}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual([0, 1, 2, 3, 6, 7].map((n) => pluralCategory(n, 'cy')), ['zero', 'one', 'two', 'few', 'many', 'other']);
  });
});
