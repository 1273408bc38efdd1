import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { AttendanceStatus } from '../db/schema-meetings.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { InvalidInputError } from '../web/errors.js';
import { bodyMembers, type MeetingRow } from './service.js';

export const MEMBER_STATUSES = ['present', 'apologies', 'absent'] as const;

export const attendanceInput = z.object({
  members: z.record(z.uuid(), z.enum(MEMBER_STATUSES, 'validation.choose')).describe('Each member of the body, by id: present, apologies or absent'),
  officers: z.array(z.uuid()).default([]).describe('The officers in attendance, by id'),
});
export type AttendanceInput = z.infer<typeof attendanceInput>;

export interface Attendance {
  members: { id: string; name: string; status: AttendanceStatus | null }[];
  officers: { id: string; name: string; role: string; job_title: string; inAttendance: boolean }[];
  recorded: boolean;
}

/** The body's members (as on the day) and the council's officers, each with what was recorded for them. */
export async function loadAttendance(trx: Trx, meeting: MeetingRow): Promise<Attendance> {
  const rows = await trx.selectFrom('meeting_attendance').select(['person_id', 'status']).where('meeting_id', '=', meeting.id).execute();
  const statusOf = new Map(rows.map((r) => [r.person_id, r.status]));
  const members = (await bodyMembers(trx, meeting)).map((m) => ({ id: m.id, name: m.name, status: statusOf.get(m.id) ?? null }));
  const officers = await trx.selectFrom('people').select(['id', 'name', 'role', 'job_title']).where('role', 'in', ['clerk', 'officer']).where('active', '=', true).orderBy('name').execute();
  return {
    members,
    officers: officers.map((o) => ({ ...o, inAttendance: statusOf.get(o.id) === 'in_attendance' })),
    recorded: rows.length > 0,
  };
}

/**
 * Record who attended, replacing what was recorded before. Only once the meeting has taken
 * place; every member of the body is accounted for, and only the council's officers can be
 * in attendance.
 */
export async function recordAttendance(trx: Trx, by: Principal, meeting: MeetingRow, input: AttendanceInput, today: string): Promise<void> {
  if (meeting.meeting_date > today) throw new InvalidInputError([{ field: 'meetingId', key: 'decisions.error.notYetHeld' }]);
  const current = await loadAttendance(trx, meeting);
  const memberIds = new Set(current.members.map((m) => m.id));
  const missing = current.members.filter((m) => !input.members[m.id]);
  if (missing.length > 0) throw new InvalidInputError(missing.map((m) => ({ field: `members.${m.id}`, key: 'meetings.attendance.error.missing', vars: { name: m.name } })));
  const stranger = Object.keys(input.members).find((id) => !memberIds.has(id));
  if (stranger) throw new InvalidInputError([{ field: `members.${stranger}`, key: 'meetings.attendance.error.notMember' }]);
  const officerIds = new Set(current.officers.map((o) => o.id));
  const notOfficer = input.officers.find((id) => !officerIds.has(id));
  if (notOfficer) throw new InvalidInputError([{ field: 'officers', key: 'validation.officerOnly' }]);

  await trx.deleteFrom('meeting_attendance').where('meeting_id', '=', meeting.id).execute();
  const values = [
    ...current.members.map((m) => ({ person_id: m.id, status: input.members[m.id]! })),
    ...[...new Set(input.officers)].map((id) => ({ person_id: id, status: 'in_attendance' as const })),
  ].map((v) => ({ ...v, council_id: meeting.council_id, meeting_id: meeting.id, recorded_by: by.personId }));
  if (values.length > 0) await trx.insertInto('meeting_attendance').values(values).execute();
  const count = (s: AttendanceStatus) => values.filter((v) => v.status === s).length;
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'meeting.attendance_recorded',
    entityType: 'meeting',
    entityId: meeting.id,
    data: { present: count('present'), apologies: count('apologies'), absent: count('absent'), officers: count('in_attendance') },
  });
}

/** For the minutes: the names under each heading, in the order the minutes give them. */
export function attendanceSummary(a: Attendance): { status: AttendanceStatus; names: string[] }[] {
  const by = (status: AttendanceStatus) => a.members.filter((m) => m.status === status).map((m) => m.name);
  return [
    { status: 'present' as const, names: by('present') },
    { status: 'apologies' as const, names: by('apologies') },
    { status: 'absent' as const, names: by('absent') },
    { status: 'in_attendance' as const, names: a.officers.filter((o) => o.inAttendance).map((o) => `${o.name}${o.job_title ? ` (${o.job_title})` : ''}`) },
  ].filter((s) => s.names.length > 0);
}
