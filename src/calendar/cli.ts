import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { translator } from '../capabilities/registry.js';
import { latestSummonsDate, type CountingRules } from './clear-days.js';
import { isIsoDate, longDay } from './dates.js';
import { readingName, skippedLabel } from './labels.js';
import { calendarSettings, countingRules } from './settings.js';

type Out = { log: (line: string) => void; error: (line: string) => void };

export const SUMMONS_DATE_USAGE = 'summons-date <YYYY-MM-DD> [--council <id or slug>] [--json]';

export class CalendarUsageError extends Error {}

/**
 * `concord summons-date 2026-04-09`: the latest day the summons may be issued, and every day
 * not counted with why. Without --council: England, NALC's reading, Saturdays counting. With
 * it, the council's nation, reading and days of mourning.
 */
export async function summonsDateCommand(args: string[], loadConfig: () => Config, out: Out): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { council: { type: 'string' }, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CalendarUsageError(`${(error as Error).message}\nUsage: concord ${SUMMONS_DATE_USAGE}`);
  }
  const meeting = parsed.positionals[0];
  if (!meeting || parsed.positionals.length > 1 || !isIsoDate(meeting)) throw new CalendarUsageError(`Give the meeting date as YYYY-MM-DD.\nUsage: concord ${SUMMONS_DATE_USAGE}`);
  let rules: CountingRules = countingRules({ nation: 'england', settings: calendarDefaults() });
  let councilName: string | undefined;
  if (parsed.values.council) {
    const key = parsed.values.council;
    const db = await openDatabase(loadConfig().database);
    try {
      await db.migrate();
      const council = await db.system((trx) =>
        trx
          .selectFrom('councils')
          .selectAll()
          .where((eb) => (/^[0-9a-f-]{36}$/i.test(key) ? eb('id', '=', key) : eb('slug', '=', key)))
          .executeTakeFirst(),
      );
      if (!council) throw new CalendarUsageError(`There is no council "${key}". Give its id or slug.`);
      const mourning = await db.tenant(council.id, (trx) => trx.selectFrom('mourning_days').select(['day', 'name']).execute());
      rules = countingRules(council, mourning.map((m) => ({ date: m.day, name: m.name })));
      councilName = council.name;
    } finally {
      await db.close();
    }
  }
  const t = translator('en', { clerk: 'Clerk', council: 'Council' });
  const answer = latestSummonsDate(meeting, rules);
  const skipped = answer.skipped.map((s) => ({ ...s, label: skippedLabel(s, t) }));
  if (parsed.values.json) {
    out.log(JSON.stringify({ meeting, latestIssueDate: answer.latestIssueDate, clearDays: answer.clearDays, reading: { id: answer.reading, name: readingName(answer.reading, t) }, saturdaysCount: answer.saturdaysCount, nation: rules.nation, council: councilName ?? null, skipped }, null, 2));
    return 0;
  }
  out.log(`Meeting: ${longDay(meeting)}${councilName ? ` (${councilName})` : ''}`);
  out.log(`Latest date to issue the summons and public notice: ${longDay(answer.latestIssueDate)}`);
  out.log(`Three clear days, counted on ${readingName(answer.reading, t)}.`);
  out.log(skipped.length ? 'Days not counted:' : 'Every day between counted.');
  for (const s of skipped) out.log(`  ${s.label}`);
  return 0;
}

function calendarDefaults() {
  const d = calendarSettings(undefined);
  return { clearDaysReading: d.reading, saturdaysCount: d.saturdaysCount };
}
