import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the documents and interests tables (migration 0003; a document is a meeting's paper through agenda_papers since 0012). */
/** Set by the database; read as a Date. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type MatterKind = 'planning' | 'contract' | 'staffing' | 'land' | 'finance' | 'other';
export type Classification = 'public' | 'internal' | 'confidential';
export type InterestKind = 'pecuniary' | 'other';
export type InterestCategory = 'employment' | 'sponsorship' | 'contracts' | 'land' | 'licences' | 'corporate_tenancies' | 'securities' | 'other_registrable';

export interface MattersTable {
  id: Generated<string>;
  council_id: string;
  title: string;
  kind: MatterKind;
  reference: Generated<string>;
  created_at: CreatedAt;
}

export interface DocumentsTable {
  id: Generated<string>;
  council_id: string;
  title: string;
  description: Generated<string>;
  classification: Classification;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  created_at: CreatedAt;
}

export interface DocumentFilesTable {
  document_id: string;
  council_id: string;
  /** Uint8Array from PGlite, Buffer from pg: read it through `asBuffer`. */
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
}

export interface DocumentMattersTable {
  council_id: string;
  document_id: string;
  matter_id: string;
}

export interface ConfidentialRecipientsTable {
  council_id: string;
  document_id: string;
  person_id: string;
  issued_by: string;
  issued_at: CreatedAt;
}

export interface InterestsTable {
  id: Generated<string>;
  council_id: string;
  person_id: string;
  kind: InterestKind;
  category: InterestCategory;
  holder: 'self' | 'partner';
  description: Generated<string>;
  sensitive: Generated<boolean>;
  registered_on: string;
  ended_on: string | null;
  supersedes: string | null;
  superseded_on: string | null;
  recorded_by: string;
  created_at: CreatedAt;
}

export interface InterestMattersTable {
  council_id: string;
  interest_id: string;
  matter_id: string;
}

export interface OfficerInterestsTable {
  id: Generated<string>;
  council_id: string;
  person_id: string;
  description: string;
  matter_id: string | null;
  declared_on: string;
  created_at: CreatedAt;
}

export interface DocumentTables {
  matters: MattersTable;
  documents: DocumentsTable;
  document_files: DocumentFilesTable;
  document_matters: DocumentMattersTable;
  confidential_recipients: ConfidentialRecipientsTable;
  interests: InterestsTable;
  interest_matters: InterestMattersTable;
  officer_interests: OfficerInterestsTable;
}
