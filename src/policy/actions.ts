/**
 * Everything a person can ask Concord to do that a rule may refuse. Routes name one of
 * these when they call `decide`; a new capability adds its actions here.
 */
export const ACTIONS = [
  'council.view',
  'council.configure',
  'people.view',
  /** Add or change councillors, their terms and offices. */
  'people.manage',
  /** Add or change officers: their roles, job titles and who they answer to. */
  'staff.manage',
  'committees.manage',
  'groups.manage',
  'contacts.view',
  'contacts.manage',
  'protocol.read',
  /** Give an officer a piece of work. */
  'officer_task.create',
  'officer_task.view',
  /** Decisions (src/decisions): see the resolutions recorded at meetings, and the actions from them. */
  'resolution.view',
  /** Record a resolution a meeting made: the Clerk, or an officer the Clerk asks to. */
  'resolution.record',
  /** The chair of a meeting records the actions it agreed, for the Clerk to confirm. */
  'agreed_action.record',
  /** Confirm a chair's record of agreed actions against the minutes, or decline it. */
  'agreed_action.confirm',
  /** See a body's report on the actions from its decisions. */
  'action_report.view',
  /** Report progress on, or close, an officer's task. */
  'officer_task.update',
  'audit.view',
  /** Documents (src/documents): see the library; open, download, print or read about one document. */
  'document.list',
  'document.read',
  /** Add a document to the library (with its classification and matters), or a matter. */
  'document.upload',
  /** Issue a confidential paper to named recipients. */
  'document.issue',
  /** See who opened confidential papers and who was refused a document. */
  'document.oversee',
  /** Interests (src/interests): a councillor registers or updates their own interests. */
  'interest.register',
  /** Record interests on a councillor's behalf, and see the full register with sensitive entries. */
  'interest.manage',
  /** An officer declares an interest relating to their work to the Clerk. */
  'officer_interest.declare',
  /** Read officers' declarations of interest. */
  'officer_interest.view',
  /** Meetings (src/meetings): see the council's meetings and issued agendas. */
  'meetings.view',
  /** Schedule meetings, keep agendas, issue the summons, record minutes: the officers' work. */
  'meetings.manage',
  /** Ask for an item on a meeting's agenda, with papers. */
  'agenda_request.create',
  /** Accept or reject an agenda request (the Clerk decides). */
  'agenda_request.decide',
  /** Notifications (src/notifications): read the outbox of emails and letters, and whether each went. */
  'outbox.view',
  /** Enquiries (src/enquiries): a councillor sends an enquiry or complaint to the council's officers. */
  'enquiry.create',
  /** See enquiries: a councillor their own, officers all of them. */
  'enquiry.view',
  /** Answer an enquiry, or change its status: the officers' work. */
  'enquiry.reply',
  /** The equal-treatment report on response times, for the Clerk. */
  'report.equal_treatment',
  /** Bulletins (src/bulletins): officers write and publish a bulletin to all councillors or some of them. */
  'bulletin.publish',
  /** Read bulletins: a councillor those sent to them and any in the archive; officers all of them. */
  'bulletin.view',
  /** See who a bulletin went to, who has read it and when, and who has not: the officers' record. */
  'bulletin.receipts',
  /** Messages to staff (src/messages): write to the office or a named officer, and see what one sent. */
  'staff_message.send',
  /** Read the staff inbox: messages to oneself, and for the Clerk messages to the office. */
  'staff_message.read',
  /** An officer reports contact from a councillor through a personal account. */
  'contact_report.create',
  /** Read a report of contact: only the person who made it and the people it went to. */
  'contact_report.view',
  /** The list of urgent messages sent out of office hours, with their reasons: the Clerk's. */
  'urgent_messages.view',
] as const;
export type Action = (typeof ACTIONS)[number];
