import type { Trx } from '../db/database.js';
import type { PersonalDataReader, PersonalDataSection } from '../capabilities/capability.js';
import { councilNameIn, type Translate } from '../i18n/messages.js';
import { writePdf, type PdfBlock } from '../web/pdf.js';
import { NotFoundError } from '../web/errors.js';

/** Everything Concord holds about one person in one council, as each capability describes it. */
export interface PersonalDataArchive {
  council: { id: string; name: string };
  person: { id: string; name: string };
  generatedAt: string;
  /** Whether sections the Clerk must review before release are left out (a person's own download). */
  withoutReview: boolean;
  sections: (PersonalDataSection & { capability: string })[];
}

/**
 * Ask every capability what it holds about the person (`collect`, the app's `personalData`), in the council's tenant transaction.
 * `withoutReview` leaves out what holds others' data (the person's own download); the Clerk's
 * copy for a subject access request has it, marked, to review and redact before release.
 */
export async function assemblePersonalData(
  trx: Trx,
  councilId: string,
  personId: string,
  options: { withoutReview: boolean; now: Date; reader: PersonalDataReader; collect: (trx: Trx, councilId: string, personId: string, reader: PersonalDataReader) => Promise<PersonalDataArchive['sections']> },
): Promise<PersonalDataArchive> {
  const council = await trx.selectFrom('councils').select(['id', 'name']).where('id', '=', councilId).executeTakeFirstOrThrow();
  const person = await trx.selectFrom('people').select(['id', 'name']).where('council_id', '=', councilId).where('id', '=', personId).executeTakeFirst();
  if (!person) throw new NotFoundError();
  const sections = (await options.collect(trx, councilId, personId, options.reader)).filter((s) => !(options.withoutReview && s.needsReview));
  return { council, person, generatedAt: options.now.toISOString(), withoutReview: options.withoutReview, sections };
}

/**
 * The archive as a readable PDF: each section under its heading, its records a numbered list,
 * each record's fields one a line.
 */
export function personalDataPdf(archive: PersonalDataArchive, t: Translate, language: string): Promise<Uint8Array> {
  const blocks: PdfBlock[] = [{ kind: 'paragraph', text: t('privacy.pdf.lead', { council: councilNameIn(t, archive.council), date: { date: archive.generatedAt.slice(0, 10) } }) }];
  for (const section of archive.sections) {
    blocks.push({ kind: 'heading', level: 2, text: t(section.titleKey) });
    if (section.needsReview) blocks.push({ kind: 'paragraph', text: t('privacy.pdf.review') });
    if (!section.rows.length) blocks.push({ kind: 'paragraph', text: t('privacy.pdf.none') });
    else blocks.push({ kind: 'list', ordered: true, items: section.rows.map((row) => Object.entries(row).map(([k, v]) => `${k}: ${printable(v)}`).join('\n')) });
  }
  return writePdf({ title: t('privacy.pdf.title', { name: archive.person.name }), author: councilNameIn(t, archive.council), language, blocks });
}

function printable(value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}
