/** Text for counting clear days, in English. Part of the catalogue through the capability (src/capabilities). */
export const calendarMessages = {
  'calendar.reason.christmas-break': 'Christmas break',
  'calendar.reason.easter-break': 'Easter break',
  'calendar.reason.bank-holiday': 'bank holiday',
  'calendar.reason.mourning': 'day of mourning or thanksgiving',
  'calendar.reason.sunday': 'Sunday',
  'calendar.reason.saturday': 'Saturday (not counted on this reading)',
  'calendar.skipped': '{date}: {reason}',
  'calendar.skipped.withDetail': '{date}: {reason} ({detail})',
  'calendar.reading.nalc': 'NALC’s reading of the Local Government Act 1972, s.243: Sundays, the Christmas and Easter breaks, bank holidays and days of mourning or thanksgiving do not count',
  'calendar.reading.working-weekdays': 'Working weekdays: Saturdays, Sundays, the Christmas and Easter breaks and bank holidays do not count',
  'calendar.mourning.day': 'Date',
  'calendar.mourning.name': 'What the day is',
} as const satisfies Record<string, string>;
