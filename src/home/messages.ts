/** Text for the home pages (src/home). */
export const homeMessages = {
  'home.title': 'Home',
  'home.welcome': 'Welcome, {name}',
  'home.clerk.lead': 'As {clerk}, you keep the council’s set-up, its protocol and its officers’ work.',
  'home.officer.lead': 'Your work comes from decisions of the council and its committees, given to you by the {clerk}.',
  'home.councillor.lead': 'Your protocol sets out how councillors and officers work together. Every councillor is treated alike.',
  'home.termEnds': 'Your term of office ends on {date}.',
  'home.yourTasks': 'Your tasks',
  'home.noTasks': 'You have no open tasks.',
  'home.setup': 'Council set-up',
  'home.protocolLink': 'Read the council’s protocol',
  'home.tasksLink': 'See officers’ tasks',
  'home.officeHeld': 'Office held',
  'home.committees': 'Committees',
  'home.group': 'Political group',
  'home.none': 'None',
  'home.howToAsk': 'To ask officers for something, raise an enquiry or ask for an item on a meeting’s agenda. Officers take work only from decisions of the council and its committees.',
} as const;
