/** Text for signing in and out (src/auth). */
export const authMessages = {
  'password.show': 'Show',
  'password.hide': 'Hide',
  'password.show.label': 'Show password',
  'password.hide.label': 'Hide password',
  'password.shown': 'Your password is visible',
  'password.hidden': 'Your password is hidden',
  'signIn.title': 'Sign in to {councilName}',
  'signIn.email': 'Email address',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.failed': 'The email address or password is not right',
  'signIn.tooMany': 'There have been too many attempts to sign in. Wait 15 minutes and try again.',
  'signIn.demoAccounts': 'Demo accounts',
  'signIn.demoHint': 'This is a demonstration council. Every account’s password is {password}.',
  'signOut.done': 'You have signed out.',
  'signOut.done.title': 'Signed out',
} as const;
