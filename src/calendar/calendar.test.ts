import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bankHolidays } from './bank-holidays.js';
import { christmasBreak, clearDaysBefore, easterBreak, easterDay, latestSummonsDate, whyNotCounted, type CountingRules, type Reading } from './clear-days.js';
import { addDays, isoWeekday } from './dates.js';
import { agendaDeadline, calendarSettings, countingRules } from './settings.js';
import { findTemplate } from '../protocol/templates/index.js';

const NALC: CountingRules = { nation: 'england', reading: 'nalc', saturdaysCount: true, mourningDays: [] };
const WW: CountingRules = { ...NALC, reading: 'working-weekdays' };
/** A day of mourning that never happened, for tests only. */
const TEST_MOURNING = { date: '2024-03-13', name: 'Test day of mourning' };

interface Case {
  meeting: string;
  latest: string;
  rules?: Partial<CountingRules>;
  why: string;
  /** Skipped days as "YYYY-MM-DD reason", where the case checks them. */
  skipped?: string[];
}

/**
 * Worked by hand, counting back from the meeting: the day before it, and on, skipping what
 * does not count, until three days have counted; the day before the earliest of those is
 * the latest issue date, stepped back past a Sunday or bank holiday.
 */
const CASES: Case[] = [
  // DOMAIN.md's worked cases.
  { meeting: '2025-05-27', latest: '2025-05-21', why: 'worked case: Spring bank holiday Monday', skipped: ['2025-05-25 sunday', '2025-05-26 bank-holiday'] },
  {
    meeting: '2026-04-09',
    latest: '2026-03-30',
    why: 'worked case: Easter break 2–7 Apr 2026',
    skipped: ['2026-04-02 easter-break', '2026-04-03 easter-break', '2026-04-04 easter-break', '2026-04-05 easter-break', '2026-04-06 easter-break', '2026-04-07 easter-break'],
  },
  // An ordinary week, meeting on each day.
  { meeting: '2026-11-30', latest: '2026-11-25', why: 'Monday meeting: Sat, Fri, Thu count', skipped: ['2026-11-29 sunday'] },
  { meeting: '2026-12-01', latest: '2026-11-26', why: 'Tuesday meeting' },
  { meeting: '2026-12-02', latest: '2026-11-27', why: 'Wednesday meeting' },
  { meeting: '2026-12-03', latest: '2026-11-28', why: 'Thursday meeting: never a Sunday issue, so Saturday', skipped: ['2026-11-29 sunday'] },
  { meeting: '2026-12-04', latest: '2026-11-30', why: 'Friday meeting', skipped: [] },
  { meeting: '2026-12-05', latest: '2026-12-01', why: 'Saturday meeting' },
  // The stricter reading, and Saturdays not counting on NALC's.
  { meeting: '2026-12-03', latest: '2026-11-28', rules: { reading: 'working-weekdays' }, why: 'working weekdays: Wed, Tue, Mon count' },
  { meeting: '2025-05-27', latest: '2025-05-20', rules: { reading: 'working-weekdays' }, why: 'working weekdays: the Saturday does not count', skipped: ['2025-05-24 saturday', '2025-05-25 sunday', '2025-05-26 bank-holiday'] },
  { meeting: '2026-11-30', latest: '2026-11-24', rules: { reading: 'working-weekdays' }, why: 'working weekdays, Monday meeting', skipped: ['2026-11-28 saturday', '2026-11-29 sunday'] },
  { meeting: '2026-11-30', latest: '2026-11-24', rules: { saturdaysCount: false }, why: 'NALC with Saturdays not counting' },
  // Christmas breaks (s.243(4)): last weekday before 25 Dec to the first weekday after it that is not a bank holiday.
  {
    meeting: '2022-12-29',
    latest: '2022-12-19',
    why: 'Christmas 2022 on a Sunday: break Fri 23 – Wed 28 Dec',
    skipped: ['2022-12-23 christmas-break', '2022-12-24 christmas-break', '2022-12-25 christmas-break', '2022-12-26 christmas-break', '2022-12-27 christmas-break', '2022-12-28 christmas-break'],
  },
  { meeting: '2023-01-03', latest: '2022-12-28', why: 'after the 2022 break: New Year substitute Mon 2 Jan; issue on the last day of the break', skipped: ['2023-01-01 sunday', '2023-01-02 bank-holiday'] },
  { meeting: '2023-12-28', latest: '2023-12-18', why: 'Christmas 2023 on a Monday: break Fri 22 – Wed 27 Dec' },
  { meeting: '2024-01-02', latest: '2023-12-27', why: 'New Year’s Day 2024 a Monday' },
  { meeting: '2024-12-30', latest: '2024-12-20', why: 'Christmas 2024 on a Wednesday: break Tue 24 – Fri 27 Dec; Sat 28 and Sat 21 count' },
  { meeting: '2025-01-03', latest: '2024-12-28', why: 'New Year’s Day 2025 a Wednesday; issue stepped back from Sunday 29 to Saturday 28' },
  { meeting: '2025-12-30', latest: '2025-12-19', why: 'Christmas 2025 on a Thursday: break Wed 24 – Mon 29 Dec' },
  { meeting: '2026-01-05', latest: '2025-12-30', why: 'New Year’s Day 2026 a Thursday' },
  { meeting: '2026-12-30', latest: '2026-12-19', why: 'Christmas 2026 on a Friday: Boxing Day substitute Mon 28, break Thu 24 – Tue 29 Dec', skipped: ['2026-12-20 sunday', '2026-12-24 christmas-break', '2026-12-25 christmas-break', '2026-12-26 christmas-break', '2026-12-27 christmas-break', '2026-12-28 christmas-break', '2026-12-29 christmas-break'] },
  { meeting: '2026-12-21', latest: '2026-12-16', why: 'the week before Christmas 2026 is ordinary' },
  { meeting: '2027-01-04', latest: '2026-12-29', why: 'New Year’s Day 2027 a Friday; issue on the last day of the break' },
  { meeting: '2027-01-04', latest: '2026-12-22', rules: { reading: 'working-weekdays' }, why: 'working weekdays across Christmas 2026 and New Year' },
  { meeting: '2027-12-30', latest: '2027-12-20', why: 'Christmas 2027 on a Saturday: two substitute days, break Fri 24 – Wed 29 Dec' },
  // Easter breaks: the Thursday before Easter Day to the Tuesday after it.
  { meeting: '2022-04-20', latest: '2022-04-09', why: 'Easter 2022 (17 Apr): break 14–19 Apr' },
  { meeting: '2023-04-13', latest: '2023-04-03', why: 'Easter 2023 (9 Apr): break 6–11 Apr' },
  { meeting: '2024-04-03', latest: '2024-03-23', why: 'Easter 2024 (31 Mar): break 28 Mar – 2 Apr' },
  { meeting: '2025-04-24', latest: '2025-04-14', why: 'Easter 2025 (20 Apr): break 17–22 Apr' },
  { meeting: '2027-03-31', latest: '2027-03-20', why: 'Easter 2027 (28 Mar): break 25–30 Mar' },
  { meeting: '2026-04-13', latest: '2026-04-07', rules: { reading: 'working-weekdays' }, why: 'issue on Easter Tuesday: in the break, but neither Sunday nor bank holiday', skipped: ['2026-04-11 saturday', '2026-04-12 sunday'] },
  // The one-off bank holidays of 2022 and 2023.
  { meeting: '2022-06-07', latest: '2022-05-31', why: 'Spring bank holiday moved to Thu 2 Jun 2022 and the Platinum Jubilee Fri 3 Jun', skipped: ['2022-06-02 bank-holiday', '2022-06-03 bank-holiday', '2022-06-05 sunday'] },
  { meeting: '2022-06-07', latest: '2022-05-30', rules: { reading: 'working-weekdays' }, why: 'the jubilee weekend, working weekdays: Mon 30 May 2022 was an ordinary day' },
  { meeting: '2022-09-21', latest: '2022-09-15', why: 'the Queen’s state funeral, Mon 19 Sep 2022, a bank holiday', skipped: ['2022-09-18 sunday', '2022-09-19 bank-holiday'] },
  { meeting: '2023-05-10', latest: '2023-05-04', why: 'the Coronation bank holiday, Mon 8 May 2023', skipped: ['2023-05-07 sunday', '2023-05-08 bank-holiday'] },
  { meeting: '2023-05-09', latest: '2023-05-02', rules: { reading: 'working-weekdays' }, why: 'the Coronation weekend, working weekdays' },
  // A day of mourning from the council's list.
  { meeting: '2024-03-15', latest: '2024-03-09', rules: { mourningDays: [TEST_MOURNING] }, why: 'a day of mourning does not count on NALC’s reading', skipped: ['2024-03-10 sunday', '2024-03-13 mourning'] },
  { meeting: '2024-03-15', latest: '2024-03-11', rules: { mourningDays: [TEST_MOURNING], reading: 'working-weekdays' }, why: 'on the working-weekdays reading, mourning that is not a bank holiday does not stop notice' },
  { meeting: '2024-03-15', latest: '2024-03-11', why: 'the same week without the day of mourning' },
  // Wales: the same bank holidays in these years.
  { meeting: '2025-05-27', latest: '2025-05-21', rules: { nation: 'wales' }, why: 'Wales, worked case' },
  { meeting: '2026-12-30', latest: '2026-12-19', rules: { nation: 'wales' }, why: 'Wales, Christmas 2026' },
  // Other bank holidays, and what date-holidays lists but is not a day off.
  { meeting: '2027-06-01', latest: '2027-05-26', why: 'Spring bank holiday 31 May 2027' },
  { meeting: '2024-08-27', latest: '2024-08-21', why: 'Summer bank holiday 26 Aug 2024' },
  { meeting: '2026-09-01', latest: '2026-08-26', why: 'Summer bank holiday 31 Aug 2026' },
  { meeting: '2022-01-05', latest: '2021-12-30', why: 'New Year’s Day 2022 fell on a Saturday: that Saturday counts, Mon 3 Jan is the day off', skipped: ['2022-01-02 sunday', '2022-01-03 bank-holiday'] },
  { meeting: '2025-05-30', latest: '2025-05-24', why: 'the issue day steps back over a bank holiday and a Sunday', skipped: ['2025-05-25 sunday', '2025-05-26 bank-holiday'] },
  { meeting: '2023-03-21', latest: '2023-03-16', why: 'Mother’s Day (19 Mar 2023) is an observance, not a holiday: only its Sunday is skipped', skipped: ['2023-03-19 sunday'] },
];

describe('three clear days before a meeting (LGA 1972 Sch. 12, s.243)', () => {
  it('has at least 40 cases over 2022–2027', () => {
    assert.ok(CASES.length >= 40, `${CASES.length} cases`);
    assert.ok(CASES.every((c) => c.meeting >= '2022-01-01' && c.meeting <= '2027-12-31'));
  });

  for (const c of CASES) {
    const label = `${c.meeting}${c.rules ? ` ${JSON.stringify(c.rules)}` : ''} → ${c.latest}: ${c.why}`;
    it(label, () => {
      const answer = latestSummonsDate(c.meeting, { ...NALC, ...c.rules });
      assert.equal(answer.latestIssueDate, c.latest);
      assert.equal(answer.counted.length, 3);
      if (c.skipped) assert.deepEqual(answer.skipped.map((s) => `${s.date} ${s.reason}`), c.skipped);
    });
  }

  it('names the holiday or the day of mourning it skipped, and the reading', () => {
    const jubilee = latestSummonsDate('2022-06-07', NALC);
    assert.deepEqual(jubilee.skipped.filter((s) => s.reason === 'bank-holiday').map((s) => s.detail), ['Spring bank holiday', 'Queen’s Platinum Jubilee']);
    assert.equal(jubilee.reading, 'nalc');
    assert.equal(jubilee.saturdaysCount, true);
    const mourning = latestSummonsDate('2024-03-15', { ...NALC, mourningDays: [TEST_MOURNING] });
    assert.deepEqual(mourning.skipped.find((s) => s.reason === 'mourning'), { date: '2024-03-13', reason: 'mourning', detail: 'Test day of mourning' });
    const strict = latestSummonsDate('2024-03-15', { ...WW, saturdaysCount: true });
    assert.equal(strict.reading, 'working-weekdays');
    assert.equal(strict.saturdaysCount, false, 'Saturdays never count on the working-weekdays reading');
  });

  it('counts the breaks and bank holidays as s.243(4) defines them', () => {
    assert.equal(easterDay(2026), '2026-04-05');
    assert.equal(easterDay(2027), '2027-03-28');
    assert.deepEqual(easterBreak(2026), { from: '2026-04-02', to: '2026-04-07' });
    assert.deepEqual(christmasBreak('england', 2022), { from: '2022-12-23', to: '2022-12-28' });
    assert.deepEqual(christmasBreak('england', 2024), { from: '2024-12-24', to: '2024-12-27' });
    assert.deepEqual(christmasBreak('wales', 2027), { from: '2027-12-24', to: '2027-12-29' });
    const y2022 = bankHolidays('england', 2022);
    assert.equal(y2022.has('2022-01-01'), false, 'a holiday on a Saturday is not a day off');
    assert.equal(y2022.has('2022-01-03'), true);
    assert.equal([...y2022.values()].some((n) => /Mother/.test(n)), false, 'observances are not holidays');
    assert.equal(y2022.size, 10);
  });

  it('works out an agenda deadline in clear days, or in calendar days for a week', () => {
    const ledbury = findTemplate('ledbury')!;
    const model = findTemplate('model')!;
    // Tue 27 May 2025 after a bank holiday Monday.
    assert.equal(agendaDeadline('2025-05-27', calendarSettings(ledbury.settings), countingRules({ nation: 'england', settings: ledbury.settings })), '2025-05-20');
    assert.equal(agendaDeadline('2025-05-27', calendarSettings(model.settings), countingRules({ nation: 'england', settings: model.settings })), '2025-05-19');
    assert.equal(calendarSettings(model.settings).reading, 'nalc', 'NALC’s reading by default');
  });
});

describe('the clear-days function, for any meeting date (property tests)', () => {
  const day = fc.integer({ min: 0, max: 6 * 366 }).map((n) => addDays('2022-01-01', n));
  const rules = fc.record({
    nation: fc.constantFrom<'england' | 'wales'>('england', 'wales'),
    reading: fc.constantFrom<Reading>('nalc', 'working-weekdays'),
    saturdaysCount: fc.boolean(),
    mourningDays: fc.array(day.map((date) => ({ date, name: 'A day of mourning' })), { maxLength: 3 }),
  });
  const days = fc.integer({ min: 0, max: 10 });

  it('issues before the meeting, never on a Sunday or bank holiday, with exactly the clear days between', () => {
    fc.assert(
      fc.property(day, rules, days, (meeting, r, n) => {
        const a = clearDaysBefore(meeting, n, r);
        assert.ok(a.latestIssueDate < meeting);
        assert.notEqual(isoWeekday(a.latestIssueDate), 7);
        assert.equal(bankHolidays(r.nation, Number(a.latestIssueDate.slice(0, 4))).has(a.latestIssueDate), false);
        // Every day strictly between is either counted or skipped with its reason, and n count.
        let between = 0;
        for (let d = addDays(a.latestIssueDate, 1); d < meeting; d = addDays(d, 1)) {
          between++;
          const why = whyNotCounted(d, r);
          assert.equal(a.counted.includes(d), !why, d);
        }
        assert.equal(a.counted.length, n);
        assert.equal(a.counted.length + a.skipped.length, between);
      }),
      { numRuns: 1000 },
    );
  });

  it('is monotone: a later meeting never has an earlier latest issue date', () => {
    fc.assert(
      fc.property(day, day, rules, (m1, m2, r) => {
        const [early, late] = m1 <= m2 ? [m1, m2] : [m2, m1];
        assert.ok(latestSummonsDate(early, r).latestIssueDate <= latestSummonsDate(late, r).latestIssueDate);
      }),
      { numRuns: 1000 },
    );
  });

  it('never lets the stricter reading allow a later date than NALC’s', () => {
    fc.assert(
      fc.property(day, rules, (meeting, r) => {
        assert.ok(latestSummonsDate(meeting, { ...r, reading: 'working-weekdays', mourningDays: [] }).latestIssueDate <= latestSummonsDate(meeting, { ...r, reading: 'nalc', mourningDays: [] }).latestIssueDate);
      }),
      { numRuns: 500 },
    );
  });
});
