import type { z } from 'zod';
import { fieldMessage, fieldProblems } from '../../domain/fieldErrors.js';
import i18next from 'i18next';
import { defaultLocale, locales, type Locale } from '../../domain/limits.js';

interface SchemaCheckOptions {
  /** Request field → form field, where the form names a field differently from the request (`visibility` → `draft`). */
  fields?: Record<string, string>;
  /** The language of the messages; the UI's current one when left out. */
  locale?: Locale;
}

/**
 * The field messages for a request body checked against the domain schema of its endpoint, in the
 * user's language and in the server's words; `{}` when the body passes. Keys are dotted paths of
 * the form's fields (`schedule.startDate`), which is what Mantine's form and `useServerErrors` use.
 */
export function schemaErrors(schema: z.ZodType, request: unknown, options: SchemaCheckOptions = {}): Record<string, string> {
  const result = schema.safeParse(request);
  if (result.success) return {};
  const locale = options.locale ?? uiLocale();
  const errors: Record<string, string> = {};
  for (const [path, problem] of Object.entries(fieldProblems(result.error.issues, request))) {
    const name = renamed(path, options.fields);
    if (!(name in errors)) errors[name] = fieldMessage(locale, problem);
  }
  return errors;
}

/**
 * A Mantine `validate` function from a domain schema: `toRequest` turns the form's values into the
 * request body (the same function the submit handler sends), and the schema checks that body.
 */
export function schemaValidate<Values>(schema: z.ZodType, toRequest: (values: Values) => unknown, options: SchemaCheckOptions = {}) {
  return (values: Values): Record<string, string> => schemaErrors(schema, toRequest(values), options);
}

/** The language the UI shows (the i18next instance the app set up), read at check time. */
function uiLocale(): Locale {
  const lng = i18next.language;
  return (locales as readonly string[]).includes(lng) ? (lng as Locale) : defaultLocale;
}

/** The form's name for a request path: the longest renamed prefix wins (`schedule.x` may map as a whole). */
function renamed(path: string, fields: Record<string, string> | undefined): string {
  if (!fields) return path;
  if (path in fields) return fields[path] as string;
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i -= 1) {
    const prefix = parts.slice(0, i).join('.');
    const target = fields[prefix];
    if (target !== undefined) return [target, ...parts.slice(i)].join('.');
  }
  return path;
}

/**
 * The request body of values that passed `schemaValidate`, typed as the schema's input: Mantine
 * calls the submit handler only after validation, so the check here restates what already held.
 */
export function asRequest<S extends z.ZodType>(schema: S, request: unknown): z.input<S> {
  const result = schema.safeParse(request);
  if (!result.success) throw new Error('A form submitted values its schema refuses.');
  return request as z.input<S>;
}
