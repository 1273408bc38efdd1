import type { TestContext } from '../../test/helpers/app.js';

/**
 * A meeting as it stands after being scheduled some time ago, when its date was still far
 * enough ahead: for tests of what happens close to or after the day, which scheduling today
 * would rightly refuse. Its agenda is empty, as the tests build it.
 */
export async function meetingScheduledEarlier(
  ctx: TestContext,
  values: { committeeId?: string | null; kind?: 'ordinary' | 'extraordinary'; meetingDate: string; startsAt?: string; venue?: string },
): Promise<string> {
  const row = await ctx.db.tenant(ctx.council.id, (trx) =>
    trx
      .insertInto('meetings')
      .values({
        council_id: ctx.council.id,
        committee_id: values.committeeId ?? null,
        kind: values.kind ?? 'ordinary',
        meeting_date: values.meetingDate,
        starts_at: values.startsAt ?? '19:00',
        venue: values.venue ?? 'Town Hall',
        created_by: ctx.people.clerk,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}
