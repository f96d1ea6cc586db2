/**
 * Readers for the values in a page's address (`?page=2&status=open`): each returns the value when
 * it is valid and `undefined` otherwise, so a hand-edited or stale link falls back to the
 * default instead of failing. Plain functions rather than zod, which keeps zod out of the code
 * every page loads first.
 */

/** A string, optionally no longer than `max` characters. */
export function optionalString(value: unknown, max = Number.POSITIVE_INFINITY): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

/** A whole number of 1 or more (a page number), given as a number or as digits. */
export function optionalPositiveInt(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** One of `values`. */
export function optionalEnum<const T extends string>(value: unknown, values: readonly T[]): T | undefined {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A path inside this app (`/…`, never `//host`), for returning after sign-in. */
export function optionalLocalPath(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined;
}
