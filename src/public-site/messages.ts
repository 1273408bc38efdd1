/** Text for the council's public home (src/public-site). */
export const publicMessages = {
  'public.title': 'Public information',
  'public.about':
    '{councilName} is the {council} for its area: the level of local government closest to the people it serves. Its councillors are elected by local people and decide what the council does at meetings the public and press may attend. Its officers, led by the {clerk}, carry out those decisions and run the council day to day.',
  'public.meet': 'Anyone may come to the council’s meetings, except for an item the meeting resolves to take in private. You do not need to sign in to read anything on these pages.',
  'public.pages': 'What you can read here',
  'public.others': 'Anything else',
  'public.ask': 'For anything not published here, or for a page or document in another format, contact the {clerk}.',
  'public.signIn': 'Councillors and staff: sign in',
  'layout.footer.public': 'Public information',
} as const;
