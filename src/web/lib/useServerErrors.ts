import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.js';

/**
 * The error state of a form that the server validates: the message for the whole form and the
 * messages per field, both already in the user's language. `capture` takes whatever a call threw.
 */
export function useServerErrors() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const capture = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError) {
        setError(e.message);
        setFields(e.fields);
      } else {
        setError(t('errors.unexpectedShort'));
        setFields({});
      }
    },
    [t],
  );
  return { error, setError, fields, setFields, capture };
}
