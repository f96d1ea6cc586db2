/**
 * The error codes the API answers with, one per kind. The server maps each to an HTTP status in one
 * place; the message text comes from the i18n catalogs under `errors.<code>`.
 */
export const errorCodes = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A field-level problem: its message key (under `validation.`) and the values the message needs. */
export interface FieldIssue {
  key: string;
  params?: Record<string, string | number>;
}

/** The one error shape every endpoint answers with. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    /** Message key under `errors.` that says what went wrong (e.g. `errors.reportingCycle`). */
    reason?: string;
    message: string;
    fields?: Record<string, string>;
  };
}
