import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { londonDate, londonInstant, londonWallClock } from './london.js';

describe('London time', () => {
  it('is GMT in winter and BST in summer', () => {
    assert.equal(londonInstant('2026-12-08', '19:00').toISOString(), '2026-12-08T19:00:00.000Z');
    assert.equal(londonInstant('2026-07-08', '19:00').toISOString(), '2026-07-08T18:00:00.000Z');
  });

  it('takes the earlier instant of the hour repeated when the clocks go back', () => {
    // 25 October 2026: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
    assert.equal(londonInstant('2026-10-25', '01:30').toISOString(), '2026-10-25T00:30:00.000Z');
  });

  it('gives a date near midnight as London sees it, not UTC', () => {
    assert.equal(londonDate(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
    assert.equal(londonDate(new Date('2026-12-31T23:30:00Z')), '2026-12-31');
    assert.deepEqual(londonWallClock(new Date('2026-03-29T01:15:00Z')), { date: '2026-03-29', minutes: 2 * 60 + 15 });
  });

  it('reads each minute as Intl does, asked once or again, across both changes of the clocks and midnight', () => {
    const intl = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const expected = (at: Date) => {
      const part = (type: string) => intl.formatToParts(at).find((p) => p.type === type)!.value;
      return { date: `${part('year')}-${part('month')}-${part('day')}`, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
    };
    const wrong: string[] = [];
    for (const start of ['2026-03-28T23:00:00Z', '2026-10-24T23:00:00Z']) {
      for (let minute = 0; minute < 4 * 60; minute++) {
        for (const second of [0, 59, 30]) {
          const at = new Date(Date.parse(start) + minute * 60_000 + second * 1_000);
          if (JSON.stringify(londonWallClock(at)) !== JSON.stringify(expected(at))) wrong.push(at.toISOString());
        }
      }
    }
    assert.deepEqual(wrong, []);
    const answer = londonWallClock(new Date('2026-12-08T19:00:00Z'));
    answer.date = '1999-01-01';
    assert.equal(londonDate(new Date('2026-12-08T19:00:30Z')), '2026-12-08', 'an answer changed by its caller changes no later one');
  });
});
