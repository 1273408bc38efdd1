/** Text for signing in and out (src/auth), in Welsh: the same keys as `messages.ts`. */
export const authMessagesCy: Readonly<Record<string, string>> = {
  // As govuk-frontend's own Welsh for its password input.
  'password.show': 'Dangos',
  'password.hide': 'Cuddio',
  'password.show.label': 'Dangos cyfrinair',
  'password.hide.label': 'Cuddio cyfrinair',
  'password.shown': 'Mae eich cyfrinair yn weladwy',
  'password.hidden': 'Mae eich cyfrinair wedi’i guddio',
  'signIn.title': 'Mewngofnodi: {councilName}',
  'signIn.email': 'Cyfeiriad e-bost',
  'signIn.password': 'Cyfrinair',
  'signIn.submit': 'Mewngofnodi',
  'signIn.failed': 'Nid yw’r cyfeiriad e-bost neu’r cyfrinair yn gywir',
  'signIn.tooMany': 'Bu gormod o ymdrechion i fewngofnodi. Arhoswch 15 munud a rhowch gynnig arall arni.',
  'signIn.demoAccounts': 'Cyfrifon arddangos',
  'signIn.demoHint': 'Cyngor arddangos yw hwn. {password} yw cyfrinair pob cyfrif.',
  'signOut.done': 'Rydych wedi allgofnodi.',
  'signOut.done.title': 'Wedi allgofnodi',
};
