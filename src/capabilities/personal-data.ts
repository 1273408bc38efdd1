import type { PersonalDataSection } from './capability.js';

/**
 * One section of a person's data, its rows made plain JSON (dates as ISO text, numerics as
 * read), so the archive, the PDF and the API show the same values. Its heading is
 * `privacy.section.<key>`, in the data protection capability's catalogue, so every heading
 * of the archive is translated in one place.
 */
export function personalSection(key: string, rows: readonly object[], options: { needsReview?: boolean } = {}): PersonalDataSection {
  return { key, titleKey: `privacy.section.${key}`, rows: JSON.parse(JSON.stringify(rows)) as Record<string, unknown>[], ...(options.needsReview ? { needsReview: true } : {}) };
}
