import type { WelshTemplate } from './welsh.js';

/**
 * Mumbles Community Council (Cyngor Cymuned y Mwmbwls) in Welsh: the paragraphs P1 to P14 of
 * `mumbles.ts`, translated from Concord's English. A summary reads on after "Gwrthodwyd o dan
 * gymal …:", as the English one does, so it starts in lower case and ends with a full stop.
 * The English template has no approval record, so there are no versions here.
 */
export const mumblesWelsh: WelshTemplate = {
  title: 'Protocol ar y Berthynas rhwng Aelodau a Swyddogion',
  terminology: {
    clerk: 'Prif Swyddog',
    chair: 'Cadeirydd',
    viceChair: 'Is-gadeirydd',
    council: 'Cyngor Cymuned',
    councilName: 'Cyngor Cymuned y Mwmbwls',
  },
  clauses: {
    P1: {
      heading: 'Pam mae angen y protocol hwn',
      text: 'Mae llywodraethu da a Chyngor Cymuned sy’n cael ei redeg yn dda yn dibynnu ar ymddiriedaeth a pharch rhwng cynghorwyr a swyddogion. Er mwyn sicrhau nad yw’r berthynas waith yn chwalu, mae’r protocol hwn yn nodi am beth y mae cynghorwyr, y Prif Swyddog a chyflogeion eraill yn gyfrifol, a sut y mae cynghorwyr a swyddogion yn ymwneud â’i gilydd.',
      summary: 'rhaid i gynghorwyr a swyddogion gydweithio ar sail ymddiriedaeth a pharch at ei gilydd.',
    },
    P2: {
      heading: 'Diben',
      text: 'Bwriad y protocol yw helpu cynghorwyr a’r Prif Swyddog i ymdrin â’r sefyllfaoedd sensitif a all godi mewn gweithle heriol.',
      summary: 'mae’r protocol yn helpu cynghorwyr a’r Prif Swyddog i ymdrin â sefyllfaoedd sensitif yn y gwaith.',
    },
    P3: {
      heading: 'Mae enw da yn dibynnu ar gydweithio',
      text: 'Mae enw da ac uniondeb y Cyngor Cymuned yn dibynnu’n fawr ar ba mor dda y mae’r Prif Swyddog, cyflogeion eraill a chynghorwyr yn cydweithio ac yn cefnogi rolau ei gilydd.',
      summary: 'mae enw da’r Cyngor Cymuned yn dibynnu ar gynghorwyr a staff yn cefnogi rolau ei gilydd.',
    },
    P4: {
      heading: 'Perthynas broffesiynol',
      text: 'Y nod yw perthynas waith effeithiol a phroffesiynol sy’n seiliedig ar ymddiriedaeth, parch a chwrteisi. Ni ddylai cynghorwyr a swyddogion ddod yn rhy gyfarwydd â’i gilydd ar lefel bersonol.',
      summary: 'rhaid i’r berthynas waith aros yn broffesiynol, a dylid osgoi perthynas bersonol rhy agos.',
    },
    P5: {
      heading: 'Rolau gwahanol cynghorwyr a swyddogion',
      text: 'Mae cynghorwyr a swyddogion fel ei gilydd yn gwasanaethu’r cyhoedd ac yn dibynnu ar ei gilydd, ond mae eu swyddi’n wahanol. Mae cynghorwyr yn atebol i’r etholwyr ac yn dal eu rôl am gyfnod eu tymor swydd yn unig. Mae swyddogion yn atebol i’r Cyngor Cymuned: maent yn cynghori cynghorwyr a’r Cyngor, ac yn gwneud gwaith y Cyngor yn unol â chyfarwyddyd y Cyngor a’i bwyllgorau.',
      summary: 'mae cynghorwyr yn gweithredu yn ystod eu tymor swydd yn unig, ac mae swyddogion yn atebol i’r Cyngor Cymuned yn ei gyfanrwydd, nid i gynghorwyr unigol.',
    },
    P6: {
      heading: 'Pedwar prif gyfrifoldeb cynghorwyr',
      text: 'Mae gan gynghorwyr bedwar prif gyfrifoldeb: pennu polisi’r cyngor ac arwain y gymuned; monitro pa mor dda y mae’r Cyngor yn darparu ei wasanaethau; cynrychioli’r Cyngor yn allanol; a siarad ar ran y bobl y maent yn eu cynrychioli.',
      summary: 'mae cynghorwyr yn pennu polisi, yn monitro perfformiad, yn cynrychioli’r Cyngor ac yn siarad ar ran eu hetholwyr.',
    },
    P7: {
      heading: 'Trin cynghorwyr yn gyfartal',
      text: 'Mae gan bob cynghorydd yr un hawliau a dyletswyddau wrth ymwneud â’r Prif Swyddog a staff eraill. Nid yw’r swydd a ddelir na’r blaid wleidyddol yn gwneud unrhyw wahaniaeth: rhoddir yr un driniaeth i bob cynghorydd.',
      summary: 'mae gan bob cynghorydd yr un hawliau wrth ymwneud â staff, ni waeth pa swydd a ddelir na pha blaid.',
    },
    P8: {
      heading: 'Rhedeg y Cyngor o ddydd i ddydd',
      text: 'Nid yw cynghorwyr yn cymryd rhan yn y gwaith o redeg y Cyngor o ddydd i ddydd; gwaith y Prif Swyddog yw hynny. Mae’r Prif Swyddog yn gweithio o fewn swydd-ddisgrifiad y cytunwyd arno ac yn cymryd cyfarwyddyd gan y Cyngor neu ei bwyllgorau, a byth gan gynghorwyr unigol.',
      summary: 'nid yw cynghorwyr yn cymryd rhan yn y gwaith o redeg y Cyngor o ddydd i ddydd, ac mae’r Prif Swyddog yn cymryd cyfarwyddyd gan y Cyngor neu ei bwyllgorau yn unig.',
    },
    P9: {
      heading: 'Cadeiryddion pwyllgorau',
      text: 'Mae gan gadeiryddion pwyllgorau gyfrifoldebau ychwanegol, felly gall eu hymwneud â staff fod yn agosach ac yn fwy cymhleth nag ymwneud cynghorwyr eraill. Serch hynny, rhaid iddynt barchu didueddrwydd swyddogion. Ni chânt ofyn i swyddogion wneud gwaith at ddibenion gwleidyddiaeth plaid, nac unrhyw beth arall a allai beryglu’r didueddrwydd hwnnw.',
      summary: 'ni chaiff unrhyw gadeirydd pwyllgor ofyn i swyddog wneud gwaith at ddibenion gwleidyddiaeth plaid nac unrhyw beth sy’n peryglu didueddrwydd y swyddog.',
    },
    P10: {
      heading: 'Rôl swyddogion',
      text: 'Mae swyddogion yn rhoi cyngor a gwybodaeth i gynghorwyr, ac yn rhoi ar waith y polisïau a bennir gan y Cyngor Cymuned.',
      summary: 'mae swyddogion yn rhoi ar waith y polisïau a bennir gan y Cyngor Cymuned.',
    },
    P11: {
      heading: 'Cyngor proffesiynol swyddogion',
      text: 'Wrth roi cyngor ac ysgrifennu adroddiadau, barn broffesiynol y swyddog ei hun yw’r argymhelliad, er y caiff y swyddog gynnwys barn cynghorwyr unigol. Rhaid i gynghorydd sy’n anghytuno beidio â rhoi pwysau ar y swyddog i newid yr argymhelliad, na chosbi’r swyddog am gyflawni’r swydd.',
      summary: 'mae argymhelliad swyddog yn eiddo i’r swyddog ei hun, ac ni chaiff unrhyw gynghorydd roi pwysau ar swyddog, na’i erlid, i newid yr argymhelliad.',
    },
    P12: {
      heading: 'Yr hyn y gall cynghorwyr ei ddisgwyl gan swyddogion',
      text: 'Mae swyddogion wedi ymrwymo i’r Cyngor yn ei gyfanrwydd, nid i unrhyw gynghorydd neu grŵp unigol. Gall cynghorwyr ddisgwyl partneriaeth waith, atebion prydlon i ymholiadau a chwynion, cyngor proffesiynol diduedd, a gwybodaeth reolaidd sy’n berthnasol i’r swyddi y maent yn eu dal. Gallant hefyd ddisgwyl cwrteisi a chyfrinachedd priodol, hyfforddiant a datblygiad, a swyddogion sy’n cadw at eu cod ymddygiad ac sy’n codi materion personol drwy’r gweithdrefnau y cytunwyd arnynt yn unig.',
      summary: 'mae gan gynghorwyr hawl i gael atebion prydlon, gwybodaeth berthnasol a hyfforddiant gan swyddogion sy’n gwasanaethu’r Cyngor cyfan.',
    },
    P13: {
      heading: 'Yr hyn y gall swyddogion ei ddisgwyl gan gynghorwyr',
      text: 'Gall swyddogion ddisgwyl partneriaeth waith, cefnogaeth i’w rolau a’u llwyth gwaith, arweiniad a chyfarwyddyd clir, a pharch, cwrteisi a chyfrinachedd. Rhaid peidio â’u bwlio na rhoi pwysau gormodol arnynt. Rhaid i gynghorwyr beidio â defnyddio’u safle i hybu eu buddiannau eu hunain na buddiannau pobl eraill, a rhaid iddynt gadw at God Ymddygiad y Cyngor bob amser.',
      summary: 'mae gan swyddogion hawl i weithio heb fwlio na phwysau gormodol gan gynghorwyr.',
    },
    P14: {
      heading: 'Osgoi perthnasoedd arbennig',
      text: 'Mae cysylltiadau personol agos rhwng cynghorwyr a swyddogion yn cymylu eu rolau gwahanol a gallant beri i eraill gredu bod rhywun yn cael ffafriaeth. Dylid osgoi cysylltiadau arbennig ag unigolion neu grwpiau plaid penodol, oherwydd gallent awgrymu bod cyflogai’n ffafrio un cynghorydd neu grŵp yn fwy na’r lleill.',
      summary: 'dylid osgoi perthnasoedd personol agos neu berthnasoedd arbennig rhwng cynghorwyr a swyddogion.',
    },
  },
};
