/** Enquiries (src/enquiries): councillors' enquiries to the officers, and the equal-treatment report. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'enquiry.create': [];
    'enquiry.view': [];
    'enquiry.reply': [];
    'report.equal_treatment': [];
  }
}

export const enquiryActions = {
  'enquiry.create': { doc: 'A councillor sends an enquiry or complaint to the council’s officers.' },
  'enquiry.view': { doc: 'See enquiries: a councillor their own, officers all of them.' },
  'enquiry.reply': { doc: 'Answer an enquiry, or change its status: the officers’ work.', administration: 'officers' },
  'report.equal_treatment': { doc: 'The equal-treatment report on response times, for the Clerk.', administration: 'clerk' },
} as const;
