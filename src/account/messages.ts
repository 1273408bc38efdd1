/** Text for a person's own account (src/account). */
export const accountMessages = {
  'account.title': 'Your account',
  'account.details': 'Your details',
  'account.name': 'Name',
  'account.email': 'Email',
  'account.role': 'Role',
  'account.language.legend': 'The language you read Concord in',
  'account.language.hint': 'Pages and the emails Concord sends you will be in this language.',
  'account.language.save': 'Save language',
  'account.language.saved': 'Your language has been saved.',
  'account.language.error': 'Choose the language you read Concord in',
  'account.link': 'Your account',
} as const;
