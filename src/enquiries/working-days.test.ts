import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays, isWorkingDay, workingCalendar, workingDaysBetween, type WorkingCalendar } from './working-days.js';
import { bankHolidayOn } from '../calendar/bank-holidays.js';

const ENGLAND: WorkingCalendar = { nation: 'england', officeDays: [1, 2, 3, 4, 5] };
const WALES: WorkingCalendar = { nation: 'wales', officeDays: [1, 2, 3, 4, 5] };
const MON_THU: WorkingCalendar = { nation: 'england', officeDays: [1, 2, 3, 4] };

interface Case {
  received: string;
  days: number;
  due: string;
  cal?: WorkingCalendar;
  why: string;
}

/** Worked by hand: count the working days after the day received, skipping weekends, non-office days and bank holidays actually off. */
const CASES: Case[] = [
  { received: '2026-11-19', days: 5, due: '2026-11-26', why: 'an ordinary week: Thu → the next Thu' },
  { received: '2026-11-21', days: 1, due: '2026-11-23', why: 'received on a Saturday: the first working day is Monday' },
  { received: '2026-11-20', days: 0, due: '2026-11-20', why: 'no days: the day itself' },
  // Easter.
  { received: '2024-03-28', days: 5, due: '2024-04-08', why: 'Easter 2024: Good Friday 29 Mar and Easter Monday 1 Apr' },
  { received: '2025-04-16', days: 5, due: '2025-04-25', why: 'Easter 2025: Good Friday 18 Apr and Easter Monday 21 Apr' },
  { received: '2024-03-28', days: 5, due: '2024-04-08', cal: WALES, why: 'Easter 2024 in Wales: the same days off' },
  // Christmas and New Year.
  { received: '2022-12-23', days: 5, due: '2023-01-04', why: 'Christmas 2022 on a Sunday: Boxing Day 26 Dec, substitute 27 Dec, New Year substitute Mon 2 Jan 2023' },
  { received: '2022-12-23', days: 1, due: '2022-12-28', why: 'the first working day after Christmas 2022 is Wed 28 Dec' },
  { received: '2021-12-31', days: 1, due: '2022-01-04', why: 'New Year’s Day 2022 a Saturday: Mon 3 Jan is the day off' },
  { received: '2021-12-31', days: 5, due: '2022-01-10', why: 'New Year 2022, five days' },
  { received: '2026-12-24', days: 2, due: '2026-12-30', why: 'Christmas 2026 on a Friday: Boxing Day substitute Mon 28 Dec' },
  { received: '2022-12-23', days: 5, due: '2023-01-04', cal: WALES, why: 'Christmas 2022 in Wales' },
  // The one-off bank holidays of 2022 and 2023.
  { received: '2022-06-01', days: 5, due: '2022-06-10', why: 'Platinum Jubilee: Spring bank holiday Thu 2 Jun and Jubilee Fri 3 Jun 2022' },
  { received: '2022-05-27', days: 5, due: '2022-06-07', why: 'Mon 30 May 2022 was an ordinary day: the spring bank holiday moved' },
  { received: '2022-09-16', days: 5, due: '2022-09-26', why: 'the Queen’s state funeral, Mon 19 Sep 2022' },
  { received: '2022-09-16', days: 5, due: '2022-09-26', cal: WALES, why: 'the state funeral in Wales' },
  { received: '2023-05-05', days: 5, due: '2023-05-15', why: 'the Coronation, Mon 8 May 2023' },
  { received: '2023-04-28', days: 5, due: '2023-05-09', why: 'Early May bank holiday 1 May 2023 and the Coronation' },
  { received: '2023-05-05', days: 5, due: '2023-05-15', cal: WALES, why: 'the Coronation in Wales' },
  // Wales: St David's Day is not a bank holiday.
  { received: '2023-02-28', days: 1, due: '2023-03-01', cal: WALES, why: 'St David’s Day (Wed 1 Mar 2023) is a working day in Wales' },
  // An office open Monday to Thursday.
  { received: '2026-11-19', days: 5, due: '2026-11-30', cal: MON_THU, why: 'Mon–Thu office: Fridays do not count' },
  { received: '2024-03-28', days: 5, due: '2024-04-09', cal: MON_THU, why: 'Mon–Thu office across Easter 2024' },
  { received: '2022-06-01', days: 1, due: '2022-06-06', cal: MON_THU, why: 'Mon–Thu office across the Jubilee' },
];

describe('enquiry due dates in working days', () => {
  for (const c of CASES) {
    it(`${c.received} + ${c.days} ${c.cal?.nation ?? 'england'}${c.cal === MON_THU ? ' Mon–Thu' : ''} → ${c.due}: ${c.why}`, () => {
      const cal = c.cal ?? ENGLAND;
      assert.equal(addWorkingDays(c.received, c.days, cal), c.due);
      assert.equal(workingDaysBetween(c.received, c.due, cal), c.days, 'counting back gives the same number');
      assert.equal(c.days === 0 || isWorkingDay(c.due, cal), true, 'the due date is a working day');
    });
  }

  it('relies on date-holidays for Wales as for England: no St David’s Day holiday', () => {
    assert.equal(bankHolidayOn('wales', '2023-03-01'), undefined);
    assert.equal(bankHolidayOn('wales', '2022-09-19'), bankHolidayOn('england', '2022-09-19'));
  });

  it('takes office days from the council’s office hours, Monday to Friday by default', () => {
    assert.deepEqual(workingCalendar({ nation: 'wales', settings: { officeHours: { days: [1, 2, 3, 4] } } }), { nation: 'wales', officeDays: [1, 2, 3, 4] });
    assert.deepEqual(workingCalendar({ nation: 'england', settings: {} }).officeDays, [1, 2, 3, 4, 5]);
  });

  it('refuses a negative or fractional number of days', () => {
    assert.throws(() => addWorkingDays('2026-11-19', -1, ENGLAND), RangeError);
    assert.throws(() => addWorkingDays('2026-11-19', 1.5, ENGLAND), RangeError);
  });
});
