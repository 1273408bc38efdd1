/** Text for the accessibility statement (src/about). */
export const aboutMessages = {
  'accessibility.title': 'Accessibility statement',
  'accessibility.intro': 'This statement covers Concord as {councilName} runs it. We want as many people as possible to be able to use it, including people who use a screen reader, magnification, speech recognition or only a keyboard.',
  'accessibility.standard': 'Concord is built to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Its pages use the accessible components of the GOV.UK Frontend design system, work without JavaScript, and can be zoomed to 400% without losing content.',
  'accessibility.testing': 'Every page is checked automatically against WCAG 2.2 AA with the axe accessibility engine each time Concord is changed. No failures are known.',
  'accessibility.help.heading': 'If you need something in a different format',
  'accessibility.help': 'Ask the {clerk} of {councilName} for any page or document in another format, such as large print or plain text, or for help with something you cannot use.',
  'accessibility.report.heading': 'Reporting a problem',
  'accessibility.report': 'If something does not work for you, tell the {clerk}, saying which page and what went wrong. If you are not happy with the answer, you can contact the Equality Advisory and Support Service (EASS).',
  'accessibility.enforcement.heading': 'Enforcement',
  'accessibility.enforcement': 'The Equality and Human Rights Commission enforces the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018, which apply to town, parish and community councils.',
} as const;
