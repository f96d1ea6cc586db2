import { z } from 'zod';
import { limits, locales } from './limits.js';

/** Id of a stored record. */
export const idSchema = z.uuid();

/** Query of a paginated list: 1-based page and its size. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
});

/** Envelope of a paginated list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

export const localeSchema = z.enum(locales);

/** A non-empty trimmed string of at most `max` characters. */
export function requiredText(max: number) {
  return z.string().trim().min(1).max(max);
}

/** An optional trimmed string of at most `max` characters; empty becomes null. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
}

/** A valid IANA time zone name, checked with the runtime's own zone data. */
export const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'timeZone' },
);

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    reason: z.string().optional(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

/** The query of a CSV download: UTF-8 with a byte-order mark (default) or Shift_JIS (CP932) for Excel in Japan. */
export const csvExportQuerySchema = z.object({ encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8') });
