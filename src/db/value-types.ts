import pg from 'pg';

/** The type ids read specially (pg_type.oid). */
const INT8 = 20;
const DATE = 1082;

/**
 * How values read from the database become JavaScript, on either database (both go through pg):
 * counts (int8) as numbers, not strings, since no count of a council's records nears 2^53; and
 * dates as the text the database wrote ("2026-12-03"), never as a Date at some midnight.
 */
export const VALUE_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};
