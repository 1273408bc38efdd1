import type { MinutedDeclaration } from '../declarations/context.js';
import type { Translate } from '../i18n/messages.js';
import { writePdf, type PdfBlock } from '../web/pdf.js';
import { longDay } from './service.js';

/** One declaration in a sentence or two, as the minutes page words it (declarations/views/_made.njk). */
function declarationLine(t: Translate, d: MinutedDeclaration): string {
  return [
    t('meetingDeclarations.line', { member: d.member, number: String(d.item), item: d.itemTitle, kind: t(`meetingDeclarations.kind.${d.kind}`) }),
    d.details,
    d.leftRoom ? t('meetingDeclarations.leftRoom') : '',
    d.tookNoPart ? t('meetingDeclarations.tookNoPart') : '',
    d.dispensation ? t('meetingDeclarations.underDispensation') : '',
  ]
    .filter(Boolean)
    .join(' ');
}

interface MinutesPdf {
  council: string;
  title: string;
  language: string;
  /** The day of the meeting that approved them. */
  approvedOn: string | null;
  attendance: { status: string; names: string[] }[];
  /** Made at the meeting: the minutes record them (Localism Act 2011 s.31, and the council's code). */
  declarations: MinutedDeclaration[];
  /** As the reader may read them: an item taken in private in general terms unless `readable`. */
  items: { number: string | number; title: string; readable: boolean; confidentialReason: string; minute: string | null }[];
}

/** Approved minutes as a tagged PDF: attendance and the declarations of interest each a list, each item under its own heading. The page for the Clerk and the public one share it. */
export function minutesPdf(t: Translate, m: MinutesPdf): Promise<Uint8Array> {
  const blocks: PdfBlock[] = [{ kind: 'paragraph', text: m.council }];
  if (m.approvedOn) blocks.push({ kind: 'paragraph', text: t('meetings.minutes.approvedAt', { date: longDay(m.approvedOn, t.locale) }) });
  if (m.attendance.length) {
    blocks.push({ kind: 'heading', level: 2, text: t('meetings.attendance.minutes') });
    blocks.push({ kind: 'list', items: m.attendance.map((a) => `${t(`meetings.attendance.status.${a.status}`)}: ${a.names.join(', ')}`) });
  }
  blocks.push({ kind: 'heading', level: 2, text: t('meetings.standard.declarations') });
  if (m.declarations.length) blocks.push({ kind: 'list', items: m.declarations.map((d) => declarationLine(t, d)) });
  else blocks.push({ kind: 'paragraph', text: t('meetingDeclarations.noneMade') });
  for (const item of m.items) {
    blocks.push({ kind: 'heading', level: 2, text: `${item.number}. ${item.title}` });
    blocks.push({ kind: 'paragraph', text: !item.readable ? t('meetings.agenda.excluded', { reason: item.confidentialReason }) : item.minute || t('meetings.minutes.noneRecorded') });
  }
  return writePdf({ title: m.title, author: m.council, language: m.language, blocks });
}
