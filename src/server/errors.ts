import type { z } from 'zod';
import type { ErrorCode } from '../domain/errors.js';
import type { Locale } from '../domain/limits.js';
import { isMessageKey, translate, type MessageKey } from './i18n/messages.js';

type Params = Record<string, string | number>;

/** Base of every error the API answers on purpose; `app.ts` maps `code` to an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: MessageKey,
    readonly params: Params = {},
    readonly fields?: Record<string, { key: MessageKey; params?: Params }>,
  ) {
    super(reason);
  }
}

export class ValidationError extends AppError {
  constructor(fields: Record<string, { key: MessageKey; params?: Params }>, reason: MessageKey = 'errors.validation', params: Params = {}) {
    super('validation', reason, params, fields);
  }
}
export class NotFoundError extends AppError {
  constructor(reason: MessageKey = 'errors.not_found') {
    super('not_found', reason);
  }
}
export class ForbiddenError extends AppError {
  constructor(reason: MessageKey = 'errors.forbidden') {
    super('forbidden', reason);
  }
}
export class UnauthenticatedError extends AppError {
  constructor() {
    super('unauthenticated', 'errors.unauthenticated');
  }
}
export class ConflictError extends AppError {
  constructor(reason: MessageKey, params: Params = {}, field?: string) {
    super('conflict', reason, params, field ? { [field]: { key: reason, params } } : undefined);
  }
}

export const statusOf: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

/** The JSON body of an error, in the caller's language. */
export function errorBody(err: AppError, locale: Locale) {
  const fields = err.fields
    ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, translate(locale, v.key, v.params)]))
    : undefined;
  return {
    error: {
      code: err.code,
      ...(err.reason !== `errors.${err.code}` ? { reason: err.reason } : {}),
      message: translate(locale, err.reason, err.params),
      ...(fields ? { fields } : {}),
    },
  };
}

/** Turns zod's issues into field messages: one message per field, the first problem found. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input?: unknown): ValidationError {
  const fields: Record<string, { key: MessageKey; params?: Params }> = {};
  for (const issue of issues) {
    const name = issue.path.length ? issue.path.map(String).join('.') : '_';
    if (name in fields) continue;
    fields[name] = describe(issue, valueAt(input, issue.path));
  }
  return new ValidationError(fields);
}

/** The value the caller sent at `path` (zod 4 leaves `issue.input` out unless asked to report it). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function describe(issue: z.core.$ZodIssue, sent: unknown): { key: MessageKey; params?: Params } {
  switch (issue.code) {
    case 'too_small': {
      // A schema may name its own message for a minimum (e.g. "choose at least one event").
      if (isMessageKey(`validation.${issue.message}`)) return { key: `validation.${issue.message}` as MessageKey };
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', params: { min } };
      return { key: 'validation.tooSmall', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { max } };
      return { key: 'validation.tooBig', params: { max } };
    }
    case 'invalid_type':
      return issue.input === undefined && sent === undefined ? { key: 'validation.required' } : { key: 'validation.invalidType' };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'validation.email' };
      if (issue.format === 'uuid') return { key: 'validation.uuid' };
      if (issue.format === 'url') return { key: 'validation.url' };
      if (issue.format === 'date' || issue.format === 'datetime') return { key: 'validation.date' };
      if (issue.format === 'regex' && isMessageKey(`validation.${issue.message}`)) return { key: `validation.${issue.message}` as MessageKey };
      return { key: 'validation.invalid' };
    case 'invalid_value':
      return { key: 'validation.enum', params: { options: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { key: 'validation.unknownField' };
    case 'custom':
      if (isMessageKey(`validation.${issue.message}`)) return { key: `validation.${issue.message}` as MessageKey };
      return { key: 'validation.invalid' };
    default:
      return { key: 'validation.invalid' };
  }
}
