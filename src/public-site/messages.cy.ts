import type { publicMessages } from './messages.js';

/** Testun cartref cyhoeddus y cyngor (src/public-site). */
export const publicMessagesCy: Record<keyof typeof publicMessages, string> = {
  'public.title': 'Gwybodaeth gyhoeddus',
  'public.about':
    '{councilName} yw’r {council} ar gyfer ei ardal: yr haen o lywodraeth leol agosaf at y bobl y mae’n eu gwasanaethu. Caiff ei gynghorwyr eu hethol gan bobl leol, ac maent yn penderfynu beth mae’r cyngor yn ei wneud mewn cyfarfodydd y caiff y cyhoedd a’r wasg eu mynychu. Mae ei swyddogion, dan arweiniad pennaeth y staff ({clerk}), yn gweithredu’r penderfyniadau hynny ac yn rhedeg y cyngor o ddydd i ddydd.',
  'public.meet': 'Caiff unrhyw un ddod i gyfarfodydd y cyngor, ac eithrio eitem y mae’r cyfarfod yn penderfynu ei thrafod yn breifat. Nid oes angen i chi fewngofnodi i ddarllen unrhyw beth ar y tudalennau hyn.',
  'public.pages': 'Beth y gallwch ei ddarllen yma',
  'public.others': 'Unrhyw beth arall',
  'public.ask': 'Am unrhyw beth nad yw wedi’i gyhoeddi yma, neu am dudalen neu ddogfen mewn fformat arall, cysylltwch â phennaeth y staff ({clerk}).',
  'public.signIn': 'Cynghorwyr a staff: mewngofnodi',
  'layout.footer.public': 'Gwybodaeth gyhoeddus',
};
