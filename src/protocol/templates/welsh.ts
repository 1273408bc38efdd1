/**
 * The Welsh of a protocol template, for councils in Wales that work bilingually.
 *
 * The English template stays the source: its clause numbers, kinds and rules are not repeated
 * here. A Welsh template gives the words only, keyed by the English clause's number, so the
 * two are read side by side.
 */

/** A template's Welsh: its titles, and each clause (by the clause's number) in Welsh. */
export interface WelshTemplate {
  /** The protocol's title in Welsh, e.g. "Protocol ar y Berthynas rhwng Aelodau a Swyddogion". */
  title: string;
  terminology: { clerk: string; chair: string; viceChair: string; council: string; councilName: string };
  /** Keyed by the clause's number in the English template ("1.1", "P1"…); every clause present. */
  clauses: Readonly<Record<string, { heading: string; text: string; summary: string }>>;
  /** Each approval record's summary, by version, where the template has versions. */
  versions?: Readonly<Record<string, { summary: string }>>;
}
