/** Text for counting clear days (src/calendar), in Welsh: the same keys as `messages.ts`. */
export const calendarMessagesCy: Readonly<Record<string, string>> = {
  'calendar.reason.christmas-break': 'Egwyl y Nadolig',
  'calendar.reason.easter-break': 'Egwyl y Pasg',
  'calendar.reason.bank-holiday': 'gŵyl banc',
  'calendar.reason.mourning': 'diwrnod o alar neu o ddiolchgarwch',
  'calendar.reason.sunday': 'Dydd Sul',
  'calendar.reason.saturday': 'Dydd Sadwrn (nid yw’n cyfrif yn ôl y dehongliad hwn)',
  'calendar.skipped': '{date}: {reason}',
  'calendar.skipped.withDetail': '{date}: {reason} ({detail})',
  'calendar.reading.nalc': 'Dehongliad NALC o Ddeddf Llywodraeth Leol 1972, a.243: nid yw dyddiau Sul, egwyliau’r Nadolig a’r Pasg, gwyliau banc na diwrnodau o alar neu o ddiolchgarwch yn cyfrif',
  'calendar.reading.working-weekdays': 'Diwrnodau gwaith yr wythnos: nid yw dyddiau Sadwrn, dyddiau Sul, egwyliau’r Nadolig a’r Pasg na gwyliau banc yn cyfrif',
  'calendar.mourning.day': 'Dyddiad',
  'calendar.mourning.name': 'Beth yw’r diwrnod',
};
