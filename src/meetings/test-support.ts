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

/**
 * A meeting of the full council, its agenda issued, held on `meetingDate`, whose minutes were
 * approved at the later meeting `approvedAt`: three items, the third taken in private with a
 * minute the public may not read (`PRIVATE_MINUTE`). Its id.
 */
export const PRIVATE_MINUTE = 'Resolved to regrade the post of Assistant Clerk from April.';
export const PRIVATE_DETAILS = 'The Assistant Clerk’s grading appeal.';
export async function meetingWithApprovedMinutes(ctx: Pick<TestContext, 'db' | 'council' | 'people'>, values: { meetingDate: string; approvedAt: { id: string; meeting_date: string } }): Promise<string> {
  const councilId = ctx.council.id;
  return ctx.db.tenant(councilId, async (trx) => {
    const summons = new Date(`${values.meetingDate}T10:00:00Z`);
    summons.setUTCDate(summons.getUTCDate() - 8);
    const meeting = await trx
      .insertInto('meetings')
      .values({
        council_id: councilId,
        committee_id: null,
        kind: 'ordinary',
        meeting_date: values.meetingDate,
        starts_at: '19:00',
        venue: 'Town Hall',
        created_by: ctx.people.clerk,
        summons_issued_on: summons.toISOString().slice(0, 10),
        summons_issue_count: 1,
        minutes_status: 'approved',
        minutes_approved_at: values.approvedAt.id,
        minutes_approved_on: values.approvedAt.meeting_date,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = (position: number, title: string, details: string, minute: string, confidentialReason = '') => ({
      council_id: councilId,
      meeting_id: meeting.id,
      position,
      title,
      details,
      minute,
      confidential: confidentialReason !== '',
      confidential_reason: confidentialReason,
    });
    await trx
      .insertInto('agenda_items')
      .values([
        item(1, 'Apologies for absence', '', 'Apologies were received from Cllr Hughes.'),
        item(2, 'Allotments', 'To set the rents for next year.', 'Resolved to keep allotment rents at £30 a year.'),
        item(3, 'Staffing', PRIVATE_DETAILS, PRIVATE_MINUTE, 'the item concerns a named member of staff'),
      ])
      .execute();
    await trx.insertInto('meeting_attendance').values({ council_id: councilId, meeting_id: meeting.id, person_id: ctx.people.chair, status: 'present', recorded_by: ctx.people.clerk }).execute();
    return meeting.id;
  });
}
