/** The model protocol's clauses in Welsh: filled in with the Welsh templates. */
export const modelWelsh: Readonly<Record<string, { heading: string; summary: string }>> = {};
