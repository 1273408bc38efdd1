/** Text for the accessibility statement (src/about), in Welsh: the same keys as `messages.ts`. */
export const aboutMessagesCy: Readonly<Record<string, string>> = {
  'accessibility.title': 'Datganiad hygyrchedd',
  'accessibility.intro': '{councilName} sy’n rhedeg y gwasanaeth Concord hwn, ac mae’r datganiad hwn yn ymwneud ag ef. Rydym am i gymaint o bobl â phosibl allu ei ddefnyddio, gan gynnwys pobl sy’n defnyddio darllenydd sgrin, meddalwedd chwyddo, meddalwedd adnabod lleferydd neu fysellfwrdd yn unig.',
  'accessibility.standard': 'Mae Concord wedi’i adeiladu i fodloni safon AA fersiwn 2.2 Canllawiau Hygyrchedd Cynnwys y We (WCAG). Mae ei dudalennau’n defnyddio cydrannau hygyrch system ddylunio GOV.UK Frontend, maen nhw’n gweithio heb JavaScript, a gellir eu chwyddo i 400% heb golli cynnwys.',
  'accessibility.testing': 'Caiff pob tudalen ei gwirio’n awtomatig yn erbyn WCAG 2.2 AA gyda pheiriant hygyrchedd axe bob tro y caiff Concord ei newid. Nid oes unrhyw fethiannau hysbys.',
  'accessibility.help.heading': 'Os oes angen rhywbeth arnoch mewn fformat gwahanol',
  'accessibility.help': 'Gallwch ofyn i bennaeth staff y cyngor ({clerk}, {councilName}) am unrhyw dudalen neu ddogfen mewn fformat arall, fel print bras neu destun plaen, neu am help gyda rhywbeth na allwch ei ddefnyddio.',
  'accessibility.report.heading': 'Rhoi gwybod am broblem',
  'accessibility.report': 'Os nad yw rhywbeth yn gweithio i chi, rhowch wybod i bennaeth y staff ({clerk}), gan nodi pa dudalen a beth aeth o’i le. Os nad ydych yn fodlon â’r ateb, gallwch gysylltu â’r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS).',
  'accessibility.enforcement.heading': 'Gorfodi',
  'accessibility.enforcement': 'Y Comisiwn Cydraddoldeb a Hawliau Dynol sy’n gorfodi Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Chymwysiadau Symudol) (Rhif 2) 2018, sy’n gymwys i gynghorau tref, plwyf a chymuned.',
};
