import { Alert, Button, CopyButton, Group, Stack, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';

interface ShownOnceProps {
  /** Why the value is shown now and what to do with it. */
  notice: string;
  label: string;
  value: string;
  copyLabel: string;
  copiedLabel: string;
  monospace?: boolean;
}

/**
 * A secret the server answers once (a calendar feed URL, a webhook's signing key): the notice, the
 * value selected on focus, and a copy button; the page forgets it once this is closed.
 */
export function ShownOnce({ notice, label, value, copyLabel, copiedLabel, monospace }: ShownOnceProps) {
  return (
    <Stack gap="xs">
      <Alert color="teal" icon={<IconInfoCircle size={20} aria-hidden />}>
        {notice}
      </Alert>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={label}
          value={value}
          readOnly
          style={{ flex: 1, minWidth: 0 }}
          onFocus={(e) => e.currentTarget.select()}
          styles={monospace ? { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } : undefined}
        />
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? copiedLabel : copyLabel}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
