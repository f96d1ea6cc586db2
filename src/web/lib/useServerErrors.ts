import { useCallback, useState } from 'react';
import i18n from '../i18n/index.js';
import { ApiError } from './api.js';

/** The message to show for whatever a call threw: the server's own (already translated) or a generic one. */
export function errorMessage(e: unknown): string {
  return e instanceof ApiError ? e.message : i18n.t('errors.unexpectedShort');
}

/**
 * The error state of a form that the server validates: the message for the whole form and the
 * messages per field, both already in the user's language. `capture` takes whatever a call threw.
 */
export function useServerErrors() {
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const capture = useCallback((e: unknown) => {
    setError(errorMessage(e));
    setFields(e instanceof ApiError ? e.fields : {});
  }, []);
  const clear = useCallback(() => {
    setError(null);
    setFields({});
  }, []);
  return { error, setError, fields, setFields, capture, clear };
}
