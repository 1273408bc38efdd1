/** Concord's shared text in Welsh, key for key with en.ts. */
export const cy: Readonly<Record<string, string>> = {};
