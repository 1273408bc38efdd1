/** Text for the home pages (src/home), in Welsh: the same keys as `messages.ts`. */
export const homeMessagesCy: Readonly<Record<string, string>> = {
  'home.title': 'Hafan',
  'home.welcome': 'Croeso, {name}',
  'home.clerk.lead': 'Fel {clerk}, chi sy’n gofalu am osodiadau’r cyngor, ei brotocol a gwaith ei swyddogion.',
  'home.officer.lead': 'Daw eich gwaith o benderfyniadau’r cyngor a’i bwyllgorau, a phennaeth y staff ({clerk}) sy’n ei roi i chi.',
  'home.councillor.lead': 'Mae eich protocol yn nodi sut mae cynghorwyr a swyddogion yn cydweithio. Caiff pob cynghorydd ei drin yn yr un modd.',
  'home.termEnds': 'Daw tymor eich swydd i ben ar {date}.',
  'home.yourTasks': 'Eich tasgau',
  'home.noTasks': 'Nid oes gennych unrhyw dasgau agored.',
  'home.setup': 'Gosodiadau’r cyngor',
  'home.protocolLink': 'Darllen protocol y cyngor',
  'home.tasksLink': 'Gweld tasgau swyddogion',
  'home.officeHeld': 'Swydd a ddelir',
  'home.committees': 'Pwyllgorau',
  'home.group': 'Grŵp gwleidyddol',
  'home.none': 'Dim',
  'home.howToAsk': 'I ofyn i swyddogion am rywbeth, codwch ymholiad neu gofynnwch am eitem ar agenda cyfarfod. Dim ond o benderfyniadau’r cyngor a’i bwyllgorau y mae swyddogion yn cymryd gwaith.',
};
