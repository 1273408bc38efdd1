import type { WelshTemplate } from './welsh.js';

/**
 * Concord's general model protocol in Welsh: the clauses of `model.ts`, translated from its
 * English. A council in Wales whose own protocol lacks a baseline rule is refused under one of
 * these clauses ("one of Concord's safeguards"), so its Welsh pages need the model's Welsh too.
 * A summary reads on after "Gwrthodwyd o dan gymal …:", as the English one does, so it starts
 * in lower case and ends with a full stop.
 *
 * The English model is written for a parish council in England, so its terms are translated
 * as they stand: "Parish Council" is "Cyngor Plwyf". The model belongs to no council, so
 * `councilName` is left empty on purpose; its English council name is only an example.
 */
export const modelWelsh: WelshTemplate = {
  title: 'Protocol ar y Berthynas rhwng Aelodau a Swyddogion',
  terminology: {
    clerk: 'Clerc',
    chair: 'Cadeirydd',
    viceChair: 'Is-gadeirydd',
    council: 'Cyngor Plwyf',
    // Not a council: the model protocol has no council name of its own.
    councilName: '',
  },
  clauses: {
    '1': {
      heading: 'Diben',
      text: 'Mae llywodraethu da yn gofyn am gynghorwyr a swyddogion sy’n ymddiried yn ei gilydd ac yn parchu ei gilydd. Mae’r protocol hwn yn nodi am beth y mae pob un ohonynt yn gyfrifol, sut y maent yn ymwneud â’i gilydd, sut y gwneir penderfyniadau, a beth sy’n digwydd pan aiff pethau o chwith. Mae’n ychwanegu at y codau ymddygiad ar gyfer cynghorwyr a chyflogeion; nid yw’n cymryd eu lle.',
      summary: 'rhaid i gynghorwyr a swyddogion gydweithio ar y sail a nodir yn y protocol hwn.',
    },
    '2': {
      heading: 'Perthynas waith broffesiynol',
      text: 'Dylai cynghorwyr a swyddogion gadw’r berthynas waith rhyngddynt yn broffesiynol ac yn gwrtais, ac yn seiliedig ar ymddiriedaeth yn ei gilydd. Dylent osgoi perthynas bersonol rhy agos a chysylltiadau arbennig ag unigolion neu grwpiau plaid penodol, oherwydd bod y rhain yn cymylu rolau ac yn awgrymu ffafriaeth.',
      summary: 'rhaid i’r berthynas waith aros yn broffesiynol, heb berthynas bersonol rhy agos na ffafriaeth.',
    },
    '3': {
      heading: 'Rolau gwahanol',
      text: 'Mae cynghorwyr yn atebol i’r etholwyr ac yn gweithredu fel cynghorwyr yn ystod eu tymor swydd yn unig. Mae swyddogion yn atebol i’r Cyngor Plwyf yn ei gyfanrwydd: maent yn ei gynghori ac yn gwneud ei waith yn unol â chyfarwyddyd y Cyngor a’i bwyllgorau.',
      summary: 'mae cynghorwyr yn gweithredu yn ystod eu tymor swydd yn unig, ac mae swyddogion yn atebol i’r Cyngor Plwyf yn ei gyfanrwydd.',
    },
    '4': {
      heading: 'Cyfrifoldebau cynghorwyr',
      text: 'Mae cynghorwyr yn pennu polisi’r Cyngor Plwyf ac yn rhoi arweiniad i’r gymuned. Maent yn monitro pa mor dda y mae’r Cyngor yn darparu ei wasanaethau, yn cynrychioli’r Cyngor yn allanol, ac yn siarad ar ran y bobl y maent yn eu cynrychioli.',
      summary: 'mae cynghorwyr yn pennu polisi, yn monitro perfformiad, yn cynrychioli’r Cyngor ac yn siarad ar ran trigolion.',
    },
    '5': {
      heading: 'Trin cynghorwyr yn gyfartal',
      text: 'Mae gan bob cynghorydd yr un hawliau a dyletswyddau wrth ymwneud â’r Clerc a staff eraill. Nid yw’r swydd a ddelir na’r blaid wleidyddol yn gwneud unrhyw wahaniaeth, ac mae swyddogion yn trin pob cynghorydd yr un fath.',
      summary: 'mae gan bob cynghorydd yr un hawliau wrth ymwneud â staff, ni waeth pa swydd a ddelir na pha blaid.',
    },
    '6': {
      heading: 'Gwneir penderfyniadau mewn cyfarfodydd',
      text: 'Mae’r Cyngor Plwyf yn gwneud ei benderfyniadau yng nghyfarfodydd y Cyngor a’i bwyllgorau, gyda phob un yn gweithredu o fewn ei gylch gorchwyl. Y penderfyniadau hynny yw’r unig gyfarwyddiadau y mae swyddogion yn gweithredu arnynt, a rhoddir adroddiad ar hynt y camau gweithredu sy’n deillio ohonynt i’r corff a wnaeth y penderfyniadau.',
      summary: 'mae swyddogion yn gweithredu ar benderfyniadau a wneir gan y Cyngor Plwyf neu ei bwyllgorau mewn cyfarfodydd.',
    },
    '7': {
      heading: 'Dim cyfarwyddiadau gan unigolion',
      text: 'Mae swyddogion a chyflogeion yn gweithio i’r Cyngor Plwyf cyfan, nid i gynghorwyr unigol. Ni all unrhyw gynghorydd sy’n gweithredu’n unigol gyfarwyddo cyflogai, ac mae hynny’n cynnwys y Cadeirydd, cadeirydd pwyllgor ac unrhyw un sy’n arddel y teitl arweinydd grŵp.',
      summary: 'ni all cynghorydd sy’n gweithredu’n unigol, hyd yn oed y Cadeirydd, roi cyfarwyddiadau i gyflogai.',
    },
    '8': {
      heading: 'Rhedeg y Cyngor o ddydd i ddydd',
      text: 'Nid yw cynghorwyr yn cymryd rhan yn y gwaith o redeg y Cyngor o ddydd i ddydd; gwaith y Clerc yw hynny. Mae’r Clerc yn gweithio yn unol â swydd-ddisgrifiad y cytunwyd arno ac yn unol â chyfarwyddiadau’r Cyngor a’i bwyllgorau.',
      summary: 'nid yw cynghorwyr yn cymryd rhan yn y gwaith o redeg y Cyngor o ddydd i ddydd, sef cyfrifoldeb y Clerc.',
    },
    '9': {
      heading: 'Rheoli staff',
      text: 'Y Cyngor Plwyf sy’n cyflogi’r Clerc, ac mae’r Clerc yn atebol i’r Cyngor yn ei gyfanrwydd. Y Clerc sy’n rheoli staff eraill. Nid yw unrhyw gynghorydd yn rheolwr llinell i’r Clerc nac i unrhyw gyflogai arall.',
      summary: 'y Clerc sy’n rheoli’r staff, ac nid yw unrhyw gynghorydd yn rheolwr llinell i neb.',
    },
    '10': {
      heading: 'Sianeli swyddogol ac oriau swyddfa',
      text: 'Dim ond drwy gyfeiriadau e-bost a ffonau swyddogol y Cyngor, yn ystod oriau swyddfa, y mae busnes y Cyngor â staff yn cael ei gynnal. Ni ddylai cynghorwyr gysylltu â staff y tu allan i oriau swyddfa na thrwy gyfrifon cyfryngau cymdeithasol personol oni bai bod y mater yn wirioneddol frys.',
      summary: 'mae busnes y cyngor â staff yn mynd drwy sianeli swyddogol yn ystod oriau swyddfa oni bai ei fod yn fater brys.',
    },
    '11': {
      heading: 'Cadeiryddion ac is-gadeiryddion pwyllgorau',
      text: 'Mae cadeiryddion ac is-gadeiryddion pwyllgorau yn cytuno ar agendâu gyda swyddogion ac, ar ôl pob cyfarfod, yn cadarnhau wrth swyddogion y camau gweithredu a benderfynwyd yn y cyfarfod. Nid yw eu cysylltiad agosach â staff yn caniatáu iddynt osod gwaith ychwanegol i swyddogion na pheryglu didueddrwydd swyddogion.',
      summary: 'mae cadeirydd pwyllgor yn cadarnhau’r camau gweithredu a benderfynwyd yn y cyfarfod, ond ni all ychwanegu gwaith nad yw’r cyfarfod wedi penderfynu arno.',
    },
    '12': {
      heading: 'Eitemau ar yr agenda a phapurau',
      text: 'Mae cynghorydd sydd am gael eitem ar agenda yn rhoi gwybod i’r Clerc mewn da bryd. Rhaid i’r cais ac unrhyw bapurau gyrraedd y Clerc o fewn y cyfnod rhybudd a bennwyd gan y Cyngor; bydd cais hwyr yn mynd i’r cyfarfod nesaf.',
      summary: 'rhaid i eitemau ar gyfer yr agenda a’u papurau gyrraedd y Clerc o fewn y cyfnod rhybudd.',
    },
    '13': {
      heading: 'Archwilio dogfennau’r cyngor',
      text: 'Caiff cynghorydd archwilio unrhyw ddogfen sydd gan y Cyngor, a chael copi ohoni, os oes ei hangen ar gyfer gwaith y cynghorydd fel cynghorydd, yn ddarostyngedig i gymal 14.',
      summary: 'caiff cynghorydd archwilio dogfennau’r cyngor sydd eu hangen i gyflawni dyletswyddau cynghorydd.',
    },
    '14': {
      heading: 'Dogfennau pan fo gan gynghorydd fuddiant',
      text: 'Ni chaiff cynghorydd archwilio dogfen, na gofyn am gopi ohoni, os yw’n ymwneud â mater y mae gan y cynghorydd fuddiant ariannol ynddo.',
      summary: 'ni chaiff cynghorydd weld dogfennau am fater y mae gan y cynghorydd fuddiant ariannol ynddo.',
    },
    '15': {
      heading: 'Papurau cyfrinachol',
      text: 'Mae papurau sydd wedi’u marcio ‘Cyfrinachol’ neu ‘Nid i’w Gyhoeddi’ at ddefnydd y cynghorydd a enwir arnynt yn unig. Rhaid peidio â’u trosglwyddo na’u dangos i neb arall.',
      summary: 'mae papurau cyfrinachol at ddefnydd y derbynnydd a enwir yn unig, a rhaid peidio â’u trosglwyddo i neb arall.',
    },
    '16': {
      heading: 'Offer a chyflenwadau',
      text: 'Caiff cynghorwyr a swyddogion ddefnyddio’r offer a’r cyflenwadau a roddir iddynt gan y Cyngor, megis gliniaduron neu ddeunydd ysgrifennu, ar gyfer eu rôl yn y cyngor yn unig. Mae’r Cyngor yn cadw cofnod o’r hyn y mae’n ei roi.',
      summary: 'mae offer a chyflenwadau’r cyngor at waith y cyngor yn unig.',
    },
    '17': {
      heading: 'Penodi staff',
      text: 'Dim ond cynghorwyr a benodwyd i banel dethol sy’n cymryd rhan yn y gwaith o benodi staff. Rhaid i gynghorwyr eraill beidio â cheisio dylanwadu ar benodiad.',
      summary: 'dim ond aelodau o’r panel dethol a gaiff gymryd rhan mewn penodiad staff.',
    },
    '18': {
      heading: 'Cyngor proffesiynol swyddogion',
      text: 'Pan fydd swyddog yn cynghori cynghorwyr neu’n ysgrifennu adroddiad, barn broffesiynol y swyddog ei hun yw’r argymhelliad. Caiff y swyddog gofnodi barn cynghorwyr unigol, ond ni chaiff unrhyw gynghorydd roi pwysau ar y swyddog i newid yr argymhelliad na chosbi’r swyddog am ei roi.',
      summary: 'mae argymhelliad swyddog yn eiddo i’r swyddog ei hun, ac ni chaiff unrhyw gynghorydd ei newid na rhoi pwysau ar y swyddog.',
    },
    '19': {
      heading: 'Didueddrwydd gwleidyddol swyddogion',
      text: 'Mae swyddogion yn gwneud eu gwaith yn broffesiynol, heb duedd wleidyddol na ffafriaeth. Rhaid i gynghorwyr beidio â gofyn iddynt wneud gwaith at ddibenion gwleidyddiaeth plaid.',
      summary: 'mae swyddogion yn gweithio heb duedd wleidyddol, ac ni ellir gofyn iddynt wneud gwaith at ddibenion gwleidyddiaeth plaid.',
    },
    '20': {
      heading: 'Buddiannau swyddogion',
      text: 'Mae swyddogion yn datgan wrth y Clerc unrhyw fuddiant sy’n ymwneud â’u gwaith. Mae’r Clerc yn cadw cofnod o’r datganiadau hyn.',
      summary: 'mae swyddogion yn datgan wrth y Clerc unrhyw fuddiannau sy’n ymwneud â’u gwaith.',
    },
    '21': {
      heading: 'Materion cyflogaeth swyddogion eu hunain',
      text: 'Mae swyddogion yn codi materion am eu cyflog, eu hamodau a materion cyflogaeth eraill drwy’r gweithdrefnau y cytunwyd arnynt. Nid ydynt yn lobïo cynghorwyr unigol yn eu cylch.',
      summary: 'mae swyddogion yn codi eu materion cyflogaeth eu hunain drwy’r gweithdrefnau y cytunwyd arnynt, nid drwy lobïo cynghorwyr.',
    },
    '22': {
      heading: 'Grwpiau gwleidyddol',
      text: 'Ni ddylai gwleidyddiaeth plaid amharu ar y gwaith o wasanaethu’r plwyf. Ni all grŵp gwleidyddol ei gwneud yn ofynnol i’r Clerc nac i unrhyw gyflogai fynychu ei gyfarfodydd, ei friffio nac ysgrifennu adroddiadau ar ei gyfer, ac mae’n briodol i staff wrthod.',
      summary: 'ni all grŵp gwleidyddol ei gwneud yn ofynnol i swyddog fynychu ei gyfarfodydd, ei friffio nac adrodd iddo.',
    },
    '23': {
      heading: 'Adroddiadau i grwpiau gwleidyddol',
      text: 'Mae unrhyw adroddiad neu gyngor a roddir gan swyddog i grŵp gwleidyddol yn nodi’r ffeithiau perthnasol a’r opsiynau yn unig. Nid yw’n gwneud argymhelliad ac nid yw’n ymdrin â’r goblygiadau gwleidyddol.',
      summary: 'mae adroddiad i grŵp gwleidyddol yn rhoi ffeithiau ac opsiynau yn unig, heb argymhelliad na barn wleidyddol.',
    },
    '24': {
      heading: 'Rhoi gwybod i bob grŵp',
      text: 'Pan fydd un grŵp gwleidyddol yn cael adroddiad neu gyngor, mae’r Clerc yn rhoi gwybod i bob grŵp arall ei fod wedi’i roi.',
      summary: 'pan fydd un grŵp gwleidyddol yn cael adroddiad neu gyngor, rhoddir gwybod i bob grŵp arall.',
    },
    '25': {
      heading: 'Cyngor annibynnol i’r Clerc',
      text: 'Caiff y Clerc ofyn am gyngor cyfrinachol gan gymdeithas sirol y cynghorau lleol, Cymdeithas Clercod Cynghorau Lleol neu Swyddog Monitro’r prif awdurdod. Mae’r Cyngor yn cofnodi â phwy yr ymgynghorwyd.',
      summary: 'caiff y Clerc ofyn am gyngor proffesiynol annibynnol.',
    },
    '26': {
      heading: 'Yr hyn y gall cynghorwyr ei ddisgwyl',
      text: 'Gall cynghorwyr ddisgwyl i swyddogion wasanaethu’r Cyngor cyfan yn hytrach nag unrhyw unigolyn neu grŵp. Gallant ddisgwyl atebion prydlon i ymholiadau a chwynion, cyngor diduedd, a gwybodaeth reolaidd sy’n berthnasol i’w rolau a’u pwyllgorau.',
      summary: 'mae gan gynghorwyr hawl i gael atebion prydlon a gwybodaeth berthnasol gan swyddogion.',
    },
    '27': {
      heading: 'Yr hyn y gall swyddogion ei ddisgwyl',
      text: 'Gall swyddogion ddisgwyl partneriaeth waith, cyfarwyddyd clir, a pharch, cwrteisi a chyfrinachedd priodol gan gynghorwyr. Rhaid peidio â’u bwlio na rhoi pwysau gormodol arnynt, a rhaid i gynghorwyr beidio â defnyddio’u safle i hybu eu buddiannau eu hunain na buddiannau pobl eraill.',
      summary: 'mae gan swyddogion hawl i weithio heb fwlio na phwysau gormodol gan gynghorwyr.',
    },
    '28': {
      heading: 'Codau ymddygiad',
      text: 'Mae cynghorwyr yn cadw at god ymddygiad y Cyngor ac at saith egwyddor bywyd cyhoeddus; mae swyddogion yn cadw at y cod ymddygiad ar gyfer cyflogeion. Mae cynghorwyr a swyddogion yn cydnabod eu cod wrth ymgymryd â’u rolau.',
      summary: 'rhaid i gynghorwyr a swyddogion ddilyn eu codau ymddygiad ac egwyddorion bywyd cyhoeddus.',
    },
    '29': {
      heading: 'Hyfforddiant',
      text: 'Cynigir hyfforddiant i gynghorwyr a swyddogion i’w helpu i wneud eu gwaith yn dda. Mae’r Cyngor yn cadw cofnod o’r hyfforddiant y mae pob unigolyn wedi’i gael a phryd y mae’r hyfforddiant nesaf yn ddyledus.',
      summary: 'mae’r Cyngor yn cadw cofnodion hyfforddiant ar gyfer cynghorwyr a swyddogion.',
    },
    '30': {
      heading: 'Codi pryder',
      text: 'Os oes gan gynghorydd bryder am swyddog, neu os oes gan swyddog bryder am gynghorydd, codir y pryder gyda’r Clerc. Mae pryder am y Clerc yn mynd i’r Cadeirydd ac i gadeirydd y Pwyllgor Staffio. Caiff pryderon eu datrys yn anffurfiol lle bo modd.',
      summary: 'mae pryder yn mynd i’r Clerc, neu, os yw’n ymwneud â’r Clerc, i’r Cadeirydd ac i gadeirydd y Pwyllgor Staffio.',
    },
    '31': {
      heading: 'Cwynion a disgyblu',
      text: 'Os na ellir datrys pryder yn anffurfiol, bydd y weithdrefn gwyno neu’r weithdrefn ddisgyblu ffurfiol yn gymwys, yn unol â Chod Ymarfer ACAS. Y Pwyllgor Staffio sy’n penderfynu ar yr achosion hyn o dan bwerau dirprwyedig; ni fydd y Cadeirydd byth yn ymdrin â hwy ar ei ben ei hun. Gellir gofyn am gyfryngu gan y Swyddog Monitro neu gan berson annibynnol.',
      summary: 'y Pwyllgor Staffio sy’n penderfynu ar faterion cwyno a disgyblu ffurfiol, ac ni chaiff y Cadeirydd byth benderfynu arnynt ar ei ben ei hun.',
    },
    '32': {
      heading: 'Adolygu’r protocol hwn',
      text: 'Mae’r Cyngor Plwyf yn adolygu’r protocol hwn o leiaf unwaith y flwyddyn ac yn cofnodi pob fersiwn y mae’n ei chymeradwyo. Mae pob cynghorydd a swyddog yn cydnabod y fersiwn gyfredol.',
      summary: 'caiff y protocol ei adolygu’n rheolaidd a chaiff pob fersiwn ei chofnodi.',
    },
    '33': {
      heading: 'Buddiannau mewn cyfarfodydd',
      text: 'Mae aelod o’r Cyngor Plwyf neu o bwyllgor sydd â buddiant mewn eitem o fusnes yn ei ddatgan yn y cyfarfod, a gall ddweud wrth y Clerc ymlaen llaw. Nid yw aelod sydd â buddiant ariannol datgeladwy yn cymryd rhan yn y drafodaeth na’r bleidlais oni bai bod y Cyngor Plwyf wedi rhoi goddefeb iddo, y gofynnwyd amdani’n ysgrifenedig i’r Clerc fel swyddog priodol. Dim ond aelodau’r corff sy’n cyfarfod sy’n datgan yn ei gyfarfod, pob un drosto’i hun.',
      summary: 'mae aelodau’r corff sy’n cyfarfod yn datgan eu buddiannau eu hunain yn ei eitemau, a gofynnir am oddefeb gan y cynghorydd y mae hi ar ei gyfer.',
    },
  },
};
