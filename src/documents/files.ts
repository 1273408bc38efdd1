import { createHash } from 'node:crypto';
import { InvalidInputError, type FieldProblem } from '../web/errors.js';

/** A file as it arrived in a multipart form: the name and type the sender claims, and the bytes. */
export interface UploadedFile {
  kind: 'file';
  name: string;
  claimedType: string;
  bytes: Buffer;
}

/**
 * What Concord accepts, by the extension a file claims, with the type its content must be.
 * Word, Excel and PowerPoint's older formats share one container (CFB), which is as far as
 * content can tell them apart.
 */
const ACCEPTED: Record<string, { mime: string; detected: string; label: string }> = {
  pdf: { mime: 'application/pdf', detected: 'application/pdf', label: 'PDF' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', detected: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', detected: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel spreadsheet' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', detected: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint presentation' },
  doc: { mime: 'application/msword', detected: 'application/x-cfb', label: 'Word document' },
  xls: { mime: 'application/vnd.ms-excel', detected: 'application/x-cfb', label: 'Excel spreadsheet' },
  ppt: { mime: 'application/vnd.ms-powerpoint', detected: 'application/x-cfb', label: 'PowerPoint presentation' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', detected: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', detected: 'application/vnd.oasis.opendocument.spreadsheet', label: 'OpenDocument spreadsheet' },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', detected: 'application/vnd.oasis.opendocument.presentation', label: 'OpenDocument presentation' },
  png: { mime: 'image/png', detected: 'image/png', label: 'PNG image' },
  jpg: { mime: 'image/jpeg', detected: 'image/jpeg', label: 'JPEG image' },
  jpeg: { mime: 'image/jpeg', detected: 'image/jpeg', label: 'JPEG image' },
  gif: { mime: 'image/gif', detected: 'image/gif', label: 'GIF image' },
  webp: { mime: 'image/webp', detected: 'image/webp', label: 'WebP image' },
};

/** What a detected type is called in a message, when it is not one Concord accepts. */
function describeDetected(mime: string | undefined, ext: string | undefined): string {
  const known = Object.values(ACCEPTED).find((a) => a.detected === mime);
  if (known) return known.label;
  if (!mime) return 'text or an unknown format';
  return ext ? `a .${ext} file` : mime;
}

/** Path separators, control characters and "." / "..": a name that could point somewhere. */
export function isSafeFileName(name: string): boolean {
   
  return name.length > 0 && name.length <= 255 && !/[/\\\u0000-\u001f\u007f]/.test(name) && name !== '.' && name !== '..';
}

export interface CheckedFile {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  sha256: string;
}

/**
 * Check an upload before anything is stored: a safe name, within the size limit, and
 * content that is what the name claims (read from the bytes, never from the name or the
 * declared type alone). Returns the field errors, or the file ready to store.
 */
export async function checkUpload(
  file: UploadedFile | undefined,
  options: { maxBytes: number; confidential: boolean },
): Promise<{ ok: true; file: CheckedFile } | { ok: false; errors: FieldProblem[] }> {
  const fail = (key: string, vars?: Record<string, string | number>) => ({ ok: false as const, errors: [{ field: 'file', key, vars }] });
  if (!file || (file.name === '' && file.bytes.length === 0)) return fail('documents.upload.error.noFile');
  if (file.name.length > 255) return fail('documents.upload.error.fileNameLong', { max: 255 });
  if (!isSafeFileName(file.name)) return fail('documents.upload.error.fileName');
  if (file.bytes.length === 0) return fail('documents.upload.error.empty');
  if (file.bytes.length > options.maxBytes) return fail('documents.upload.error.tooLarge', { max: Math.round(options.maxBytes / 1024 / 1024) });
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase();
  const accepted = ext ? ACCEPTED[ext] : undefined;
  // Loaded at the first upload, not at start (decisions/0025).
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(file.bytes);
  if (!accepted) return fail('documents.upload.error.typeNotAccepted');
  const claimedOk = file.claimedType === '' || file.claimedType === 'application/octet-stream' || file.claimedType === accepted.mime || file.claimedType === accepted.detected;
  if (detected?.mime !== accepted.detected || !claimedOk) {
    return fail('documents.upload.error.mismatch', { name: file.name, expected: accepted.label, found: describeDetected(detected?.mime, detected?.ext) });
  }
  if (options.confidential && accepted.mime !== 'application/pdf') return fail('documents.upload.error.confidentialPdf');
  if (accepted.mime === 'application/pdf') {
    // A PDF must open, unencrypted, so that copies can be marked for their recipients.
    try {
      const { PDFDocument } = await import('pdf-lib');
      const pdf = await PDFDocument.load(file.bytes, { updateMetadata: false });
      if (pdf.getPageCount() === 0) throw new Error('no pages');
    } catch {
      return fail('documents.upload.error.damaged');
    }
  }
  return { ok: true, file: { fileName: file.name, mediaType: accepted.mime, bytes: file.bytes, sha256: createHash('sha256').update(file.bytes).digest('hex') } };
}

/**
 * A multipart body, parsed whole by the platform's own FormData parser: fields as strings
 * (several values as a list), files as UploadedFile. Names are kept exactly as sent, so a
 * name with path characters can be refused rather than quietly trimmed.
 */
export async function parseMultipart(contentType: string, body: Buffer): Promise<Record<string, string | string[] | UploadedFile>> {
  const bytes = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    // No boundary, a body cut short, or not a form at all: what was sent cannot be read as a file.
    throw new InvalidInputError([{ field: 'file', key: 'documents.upload.error.unreadable' }]);
  }
  const out: Record<string, string | string[] | UploadedFile> = Object.create(null) as Record<string, string | string[] | UploadedFile>;
  const entries: [string, FormDataEntryValue][] = [];
  form.forEach((value, key) => entries.push([key, value]));
  for (const [key, value] of entries) {
    if (key === '__proto__' || key === 'constructor') continue;
    if (typeof value === 'string') {
      const prev = out[key];
      out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : typeof prev === 'string' ? [prev, value] : value;
    } else if (!out[key]) {
      out[key] = { kind: 'file', name: value.name, claimedType: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
    }
  }
  return out;
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'file';
}

/** bytea comes back as a Buffer from pg and a Uint8Array from PGlite. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
