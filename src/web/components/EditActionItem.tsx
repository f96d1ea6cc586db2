import { ActionIcon, Button, Group, Stack, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionItemTitleMax, actionItemUpdateSchema } from '../../domain/followUp.js';
import { updateActionItem, type ActionItem } from '../lib/followUp.js';
import { schemaErrors } from '../lib/formSchema.js';
import { useApiMutation } from '../lib/useApiMutation.js';
import { AppModal } from './AppModal.js';
import { FormError } from './FormError.js';

/**
 * An edit button for one action item (what and by when), opening a small form; either side of the
 * pair may correct an item after it was added, so its wording need not be removed and re-added.
 */
export function EditActionItem({ item, onSaved }: { item: ActionItem; onSaved: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [title, setTitle] = useState(item.title);
  const [dueDate, setDueDate] = useState(item.dueDate ?? '');
  const update = useApiMutation((body: { title: string; dueDate: string | null }) => updateActionItem(item.id, body), {
    onSuccess: async () => {
      setOpened(false);
      await onSaved();
    },
  });

  const open = () => {
    setTitle(item.title);
    setDueDate(item.dueDate ?? '');
    update.reset();
    setOpened(true);
  };
  const save = () => {
    const body = { title: title.trim(), dueDate: dueDate || null };
    const problems = schemaErrors(actionItemUpdateSchema, body);
    update.setFields(problems);
    if (Object.keys(problems).length === 0) update.mutate(body);
  };

  return (
    <>
      <ActionIcon variant="subtle" color="gray.8" aria-label={t('actionItems.editNamed', { title: item.title })} onClick={open}>
        <IconPencil size={16} aria-hidden />
      </ActionIcon>
      <AppModal opened={opened} onClose={() => setOpened(false)} title={t('actionItems.editTitle')}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Stack gap="sm">
            <FormError message={update.formError} />
            <TextInput
              label={t('room.stepWhat')}
              required
              data-autofocus
              maxLength={actionItemTitleMax}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={update.fields.title}
            />
            <TextInput type="date" label={t('room.stepWhen')} value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={update.fields.dueDate} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending}>
                {t('actions.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </AppModal>
    </>
  );
}
