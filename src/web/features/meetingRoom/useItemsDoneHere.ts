import { useState } from 'react';
import { updateActionItem, type ActionItem } from '../../lib/followUp.js';

/**
 * Action items ticked done in the room stay in its lists (struck through) while the room is open,
 * though the server lists only open ones: unticking by mistake stays one click away.
 */
export function useItemsDoneHere(listed: ActionItem[], onChanged: () => Promise<unknown>) {
  const [doneHere, setDoneHere] = useState<Record<string, ActionItem>>({});
  const items = [...listed, ...Object.values(doneHere).filter((d) => !listed.some((i) => i.id === d.id))];
  const mark = async (item: ActionItem, done: boolean) => {
    const updated = await updateActionItem(item.id, { status: done ? 'done' : 'open' });
    setDoneHere(({ [item.id]: _before, ...rest }) => (done ? { ...rest, [item.id]: updated } : rest));
    await onChanged();
  };
  const forget = (id: string) => setDoneHere(({ [id]: _removed, ...rest }) => rest);
  return { items, mark, forget };
}
