import { Checkbox } from '@mantine/core';
import { useApiMutation } from '../../lib/useApiMutation.js';

interface TickBoxProps {
  label: string;
  describedBy: string;
  checked: boolean;
  disabled: boolean;
  /** Saves the asked state and refreshes what shows it; the box shows the asked state until then. */
  save: (next: boolean) => Promise<unknown>;
  /** The section shows one message for all its rows: the failure, or null when a new tick starts. */
  onError: (message: string | null) => void;
}

/**
 * One tick in the room (an action item done, a topic discussed). Each row saves on its own, so
 * ticking several rows in a row never waits for, nor drops, the one before.
 */
export function TickBox({ label, describedBy, checked, disabled, save, onError }: TickBoxProps) {
  const tick = useApiMutation(save, { onError: ({ message }) => onError(message) });
  return (
    <Checkbox
      label={label}
      aria-describedby={describedBy}
      checked={tick.variables ?? checked}
      disabled={disabled}
      onChange={(e) => {
        onError(null);
        tick.mutate(e.currentTarget.checked);
      }}
    />
  );
}
