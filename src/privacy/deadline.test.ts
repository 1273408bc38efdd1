import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addCalendarMonths, sarDeadline } from './deadline.js';

describe('the subject access deadline, counted the ICO’s way', () => {
  it('is the corresponding date next month', () => {
    assert.equal(sarDeadline('2026-03-15', false), '2026-04-15');
    assert.equal(sarDeadline('2026-12-20', false), '2027-01-20');
  });

  it('is the last day of next month when it has no corresponding date', () => {
    assert.equal(sarDeadline('2026-01-31', false), '2026-02-28');
    assert.equal(sarDeadline('2028-01-31', false), '2028-02-29');
    assert.equal(sarDeadline('2026-03-31', false), '2026-04-30');
  });

  it('runs two further months when extended, with the same month-end rule', () => {
    assert.equal(sarDeadline('2026-03-15', true), '2026-06-15');
    assert.equal(sarDeadline('2026-11-30', true), '2027-02-28');
    assert.equal(sarDeadline('2027-11-30', true), '2028-02-29');
    assert.equal(sarDeadline('2026-01-31', true), '2026-04-30');
  });

  it('counts whole months across years', () => {
    assert.equal(addCalendarMonths('2026-01-31', 13), '2027-02-28');
    assert.equal(addCalendarMonths('2026-05-31', -3), '2026-02-28');
  });
});
