import type { Council } from '../db/schema.js';
import type { TemplateSettings } from '../protocol/types.js';
import { addDays, type IsoDate } from './dates.js';
import { clearDaysBefore, NATIONAL_MOURNING_DAYS, type CountingRules, type MourningDay, type Reading } from './clear-days.js';

/** A council's settings for counting days, with the defaults applied where they are unset. */
export interface CalendarSettings {
  reading: Reading;
  saturdaysCount: boolean;
  agendaNoticeDays: number;
  agendaNoticeUnit: 'clear-days' | 'calendar-days';
  summonsWarningDays: number;
}

export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = {
  reading: 'nalc',
  saturdaysCount: true,
  agendaNoticeDays: 5,
  agendaNoticeUnit: 'clear-days',
  summonsWarningDays: 3,
};

export function calendarSettings(settings: Partial<TemplateSettings> | undefined): CalendarSettings {
  const s = settings ?? {};
  return {
    reading: s.clearDaysReading ?? DEFAULT_CALENDAR_SETTINGS.reading,
    saturdaysCount: s.saturdaysCount ?? DEFAULT_CALENDAR_SETTINGS.saturdaysCount,
    agendaNoticeDays: s.agendaNoticeDays ?? DEFAULT_CALENDAR_SETTINGS.agendaNoticeDays,
    agendaNoticeUnit: s.agendaNoticeUnit ?? DEFAULT_CALENDAR_SETTINGS.agendaNoticeUnit,
    summonsWarningDays: s.summonsWarningDays ?? DEFAULT_CALENDAR_SETTINGS.summonsWarningDays,
  };
}

/** The counting rules for a council: its nation's bank holidays, its reading, its mourning days. */
export function countingRules(council: Pick<Council, 'nation'> & { settings: Partial<TemplateSettings> }, councilMourningDays: readonly MourningDay[] = []): CountingRules {
  const s = calendarSettings(council.settings);
  return {
    nation: council.nation,
    reading: s.reading,
    saturdaysCount: s.saturdaysCount,
    mourningDays: [...NATIONAL_MOURNING_DAYS, ...councilMourningDays],
  };
}

/**
 * The last day an agenda request and its papers may reach the Clerk for a meeting: the
 * council's notice period in clear days (counted as the summons is), or in calendar days
 * ("at least a week before": the same weekday a week earlier).
 */
export function agendaDeadline(meeting: IsoDate, settings: CalendarSettings, rules: CountingRules): IsoDate {
  if (settings.agendaNoticeUnit === 'calendar-days') return addDays(meeting, -Math.max(settings.agendaNoticeDays, 1));
  return clearDaysBefore(meeting, settings.agendaNoticeDays, rules).latestIssueDate;
}
