import { isCouncillor, isOfficerOtherThanClerk, type Request, type Rule } from '../policy/rules.js';

/** Another officer's task: officers take tasks, they do not hand them to colleagues or keep theirs. */
const aboutAColleague = (r: Request): boolean => isOfficerOtherThanClerk(r) && r.resource?.kind === 'person' && r.resource.id !== r.principal.personId;

export const taskRules: readonly Rule[] = [
  {
    id: 'no-individual-instruction',
    errorId: 'individual_instruction',
    actions: ['officer_task.create'],
    baseline: true,
    // Office and group are deliberately not read: a chair, mayor or group leader is
    // refused exactly as any other councillor is.
    forbids: isCouncillor,
  },
  {
    // Other officers work under the Clerk's direction: they take tasks, they do not
    // hand them to colleagues.
    id: 'clerk-manages-staff',
    errorId: 'clerk_manages_staff',
    actions: ['officer_task.create'],
    baseline: true,
    forbids: aboutAColleague,
  },
  {
    // An officer keeps the progress of their own actions; the Clerk, who directs the staff, any.
    id: 'clerk-manages-staff',
    errorId: 'clerk_manages_staff',
    actions: ['officer_task.update'],
    baseline: true,
    forbids: aboutAColleague,
  },
];
