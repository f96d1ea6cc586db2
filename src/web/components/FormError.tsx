import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * The message of a failed submission, announced to screen readers; nothing when there is none.
 * A title names what failed; `onClose` lets the reader dismiss it where it sits beside a list.
 */
export function FormError({ message, title, onClose }: { message: string | null | undefined; title?: string; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title={title} withCloseButton={onClose !== undefined} closeButtonLabel={t('actions.close')} onClose={onClose}>
      {message}
    </Alert>
  );
}
