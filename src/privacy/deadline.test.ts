import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addCalendarMonths, sarDeadline } from './deadline.js';

describe('the subject access deadline, counted the ICO’s way', () => {
  it('is the corresponding date next month', () => {
    assert.equal(sarDeadline('2026-03-15', false, 'england'), '2026-04-15');
    assert.equal(sarDeadline('2026-12-20', false, 'wales'), '2027-01-20');
  });

  it('is the last day of next month when it has no corresponding date', () => {
    assert.equal(addCalendarMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(sarDeadline('2028-01-31', false, 'england'), '2028-02-29');
    assert.equal(sarDeadline('2026-03-31', false, 'england'), '2026-04-30');
  });

  it('gives until the next working day when that date is a weekend or a bank holiday', () => {
    assert.equal(sarDeadline('2026-01-31', false, 'england'), '2026-03-02', '28 February 2026 is a Saturday');
    // 25 December is a Friday in 2026, Boxing Day a Saturday (its holiday the Monday after).
    assert.equal(sarDeadline('2026-11-25', false, 'wales'), '2026-12-29');
  });

  it('runs two further months when extended, with the same month-end rule', () => {
    assert.equal(sarDeadline('2026-03-15', true, 'england'), '2026-06-15');
    assert.equal(sarDeadline('2026-11-30', true, 'england'), '2027-03-01', '28 February 2027 is a Sunday');
    assert.equal(sarDeadline('2027-11-30', true, 'england'), '2028-02-29');
    assert.equal(sarDeadline('2026-01-31', true, 'england'), '2026-04-30');
  });

  it('counts whole months across years', () => {
    assert.equal(addCalendarMonths('2026-01-31', 13), '2027-02-28');
    assert.equal(addCalendarMonths('2026-05-31', -3), '2026-02-28');
  });
});
