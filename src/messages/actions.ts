import type { ContactReportSubject } from '../policy/actions.js';

/** Messages to staff (src/messages): official channels and office hours. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'staff_message.send': [];
    'staff_message.read': [];
    'contact_report.create': [];
    'contact_report.view': ContactReportSubject;
    'urgent_messages.view': [];
  }
}

export const staffMessageActions = {
  'staff_message.send': { doc: 'Write to the office or a named officer, and see what one sent.' },
  'staff_message.read': { doc: 'Read the staff inbox: messages to oneself, and for the Clerk messages to the office.' },
  'contact_report.create': { doc: 'An officer reports contact from a councillor through a personal account.' },
  'contact_report.view': { doc: 'Read a report of contact: only the person who made it and the people it went to.' },
  'urgent_messages.view': { doc: 'The list of urgent messages sent out of office hours, with their reasons.' },
} as const;
