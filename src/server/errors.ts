import type { z } from 'zod';
import type { ErrorCode } from '../domain/errors.js';
import { fieldProblems } from '../domain/fieldErrors.js';
import type { Locale } from '../domain/limits.js';
import { translate, type MessageKey } from './i18n/messages.js';

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

/**
 * Turns zod's issues into field messages: one message per field, the first problem found. The
 * mapping lives in the domain so the web client's forms say the same words before sending.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input?: unknown): ValidationError {
  return new ValidationError(fieldProblems(issues, input));
}
