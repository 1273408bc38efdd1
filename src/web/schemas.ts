import { z } from 'zod';

/** Building blocks shared by the API and the forms. Messages are catalogue keys. */
export const requiredText = (max: number) => z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');
export const optionalText = (max: number) => z.string().trim().max(max, 'validation.tooLong').default('');
export const isoDate = z.iso.date('validation.date').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'validation.date');
export const id = (message = 'validation.invalid') => z.uuid(message);
/** An id a form chooses from a list: left blank, it is missing ("Enter …"), not malformed. */
export const chosenId = (message = 'validation.invalid') => z.string().min(1, 'validation.required').pipe(z.uuid(message));
export const email = z.string().trim().min(1, 'validation.required').max(254, 'validation.tooLong').email('validation.email');
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.time');
// A malformed id is named in the reader's words ("id is not valid"), like any other field.
export const idParams = z.object({ id: z.uuid('validation.invalid') });
export const apiErrorSchema = z.object({
  error: z.object({
    id: z.string(),
    message: z.string(),
    clause: z.object({ protocol: z.string(), number: z.string(), text: z.string() }).optional(),
    clauses: z.array(z.object({ protocol: z.string(), number: z.string(), text: z.string() })).optional(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    instead: z.array(z.object({ label: z.string(), href: z.string() })).optional().describe('What the protocol offers instead of what was refused'),
  }),
});
