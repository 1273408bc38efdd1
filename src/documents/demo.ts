import { createHash } from 'node:crypto';
import type { Trx } from '../db/database.js';
import type { Classification } from '../db/schema-documents.js';

/** A small PDF with a title and a few lines on each page, for the demo and the tests. */
export async function samplePdf(title: string, pages = 2): Promise<Buffer> {
  // Loaded only to make the demo's papers, not at every start (decisions/0025).
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(title, { x: 50, y: 780, size: 16, font });
    page.drawText(`Page ${n} of ${pages}`, { x: 50, y: 750, size: 11, font });
  }
  return Buffer.from(await pdf.save());
}

type Who = (key: 'clerk' | 'officer' | 'chair' | 'vice' | 'riverside' | 'market' | 'independent') => string;

/**
 * The demo council's documents and interests: a planning matter in which Hannah Price has
 * registered a pecuniary interest (her partner's land), a confidential staffing paper
 * issued to the chair and Owen Hughes, a sensitive interest and an officer's declaration to
 * the Clerk. Three of the documents are meeting papers: the meetings' demo puts them on agendas.
 */
export async function seedDocumentsDemo(trx: Trx, councilId: string, id: Who): Promise<void> {
  const matter = async (title: string, kind: 'planning' | 'contract' | 'staffing', reference = '') =>
    (await trx.insertInto('matters').values({ council_id: councilId, title, kind, reference }).returning('id').executeTakeFirstOrThrow()).id;
  const stationRoad = await matter('Land at Station Road', 'planning', 'PA/2026/0142');
  const playArea = await matter('Play area fencing contract', 'contract');
  const staffing = await matter('Staffing review', 'staffing');

  const doc = async (title: string, classification: Classification, matters: string[]) => {
    const bytes = await samplePdf(title);
    const row = await trx
      .insertInto('documents')
      .values({
        council_id: councilId,
        title,
        classification,
        file_name: `${title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.pdf`,
        media_type: 'application/pdf',
        size_bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        uploaded_by: id('clerk'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('document_files').values({ council_id: councilId, document_id: row.id, bytes }).execute();
    for (const m of matters) await trx.insertInto('document_matters').values({ council_id: councilId, document_id: row.id, matter_id: m }).execute();
    return row.id;
  };
  await doc('Annual report 2025-26', 'public', []);
  await doc('Station Road planning application: officer’s report', 'internal', [stationRoad]);
  await doc('Play area fencing: quotes', 'internal', [playArea]);
  const confidential = await doc('Staffing review: proposed structure', 'confidential', [staffing]);
  for (const key of ['chair', 'independent'] as const) {
    await trx.insertInto('confidential_recipients').values({ council_id: councilId, document_id: confidential, person_id: id(key), issued_by: id('clerk') }).execute();
  }

  const interest = async (key: 'market' | 'vice' | 'independent', values: { kind: 'pecuniary' | 'other'; category: 'land' | 'employment' | 'other_registrable'; holder: 'self' | 'partner'; description: string; sensitive?: boolean; on: string }, matters: string[] = []) => {
    const row = await trx
      .insertInto('interests')
      .values({
        council_id: councilId,
        person_id: id(key),
        kind: values.kind,
        category: values.category,
        holder: values.holder,
        description: values.description,
        sensitive: values.sensitive ?? false,
        registered_on: values.on,
        ended_on: null,
        supersedes: null,
        superseded_on: null,
        recorded_by: id(key),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const m of matters) await trx.insertInto('interest_matters').values({ council_id: councilId, interest_id: row.id, matter_id: m }).execute();
  };
  await interest('market', { kind: 'pecuniary', category: 'land', holder: 'partner', description: 'Field adjoining Station Road, Ilminster, owned by my partner', on: '2023-05-20' }, [stationRoad]);
  await interest('vice', { kind: 'pecuniary', category: 'employment', holder: 'self', description: '', sensitive: true, on: '2023-05-10' });
  await interest('independent', { kind: 'other', category: 'other_registrable', holder: 'self', description: 'Trustee of the Ilminster Community Trust', on: '2023-05-30' });

  await trx
    .insertInto('officer_interests')
    .values({ council_id: councilId, person_id: id('officer'), description: 'My brother-in-law runs one of the firms quoting for the play area fence.', matter_id: playArea, declared_on: '2026-09-01' })
    .execute();
}
