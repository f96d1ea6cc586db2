import { ActionIcon, Alert, Button, Card, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionItemTitleMax } from '../../../domain/followUp.js';
import type { PersonRef } from '../../../domain/employees.js';
import { ActionItemBadges } from '../../components/ActionItemBadges.js';
import { EditActionItem } from '../../components/EditActionItem.js';
import { ApiError } from '../../lib/api.js';
import { fullName } from '../../lib/format.js';
import { addActionItem, removeActionItem, updateActionItem, type ActionItem } from '../../lib/followUp.js';
import { useServerErrors } from '../../lib/useServerErrors.js';

interface NextStepsProps {
  meetingId: string;
  manager: PersonRef;
  report: PersonRef;
  myId: string;
  items: ActionItem[];
  canAdd: boolean;
  onChanged: () => Promise<unknown>;
}

/** ネクストステップ: who does what by when, agreed in the meeting; the manager's own items may be support. */
export function NextStepsSection({ meetingId, manager, report, myId, items, canAdd, onChanged }: NextStepsProps) {
  const { t } = useTranslation();
  const [ownerId, setOwnerId] = useState<string | null>(report.id);
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [support, setSupport] = useState(false);
  const { error, setError, fields, setFields, capture } = useServerErrors();
  const [busy, setBusy] = useState(false);
  const [doneHere, setDoneHere] = useState<Record<string, ActionItem>>({});
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const shown = [...items, ...Object.values(doneHere).filter((d) => !items.some((i) => i.id === d.id))];
  const ownerIsManager = ownerId === manager.id;
  const person = (p: PersonRef, role: 'manager' | 'report') =>
    `${fullName(p)}(${t(`actionItems.role.${role}`)}${p.id === myId ? t('actionItems.you') : ''})`;

  const submit = async () => {
    const problems: Record<string, string> = {};
    if (!ownerId) problems.ownerId = t('validation.required');
    if (!title.trim()) problems.title = t('validation.required');
    setFields(problems);
    if (Object.keys(problems).length > 0 || !ownerId) return;
    setBusy(true);
    setError(null);
    try {
      await addActionItem(meetingId, { ownerId, title: title.trim(), dueDate: dueDate || null, support: ownerIsManager && support });
      setTitle('');
      setDueDate('');
      setSupport(false);
      await onChanged();
    } catch (e) {
      capture(e);
    } finally {
      setBusy(false);
    }
  };

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.unexpectedShort'));
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="room-next-steps">
      <Stack gap="sm">
        <Title order={2} size="h4" id="room-next-steps">
          {t('room.nextSteps')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('room.nextStepsLead')}
        </Text>
        {error ? (
          <Alert color="red" variant="light" role="alert" withCloseButton closeButtonLabel={t('actions.close')} onClose={() => setError(null)}>
            {error}
          </Alert>
        ) : null}
        {shown.length === 0 ? (
          <Text size="sm" c="gray.7">
            {t('room.nextStepsEmpty')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {shown.map((item) => {
              const titleId = `room-step-${item.id}`;
              const done = pending[item.id] ?? item.status === 'done';
              return (
                <Card key={item.id} component="li" withBorder padding="xs" radius="md">
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                    <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                      <Text fw={600} id={titleId} td={done ? 'line-through' : undefined}>
                        {item.title}
                      </Text>
                      <ActionItemBadges item={item} />
                    </Stack>
                    <Group gap={6} wrap="nowrap">
                      <Checkbox
                        label={t('room.itemDone')}
                        aria-describedby={titleId}
                        checked={done}
                        disabled={!item.abilities.update}
                        onChange={(e) => {
                          const next = e.currentTarget.checked;
                          setPending((old) => ({ ...old, [item.id]: next }));
                          void run(async () => {
                            const updated = await updateActionItem(item.id, { status: next ? 'done' : 'open' });
                            setDoneHere((old) => {
                              const copy = { ...old };
                              if (next) copy[item.id] = updated;
                              else delete copy[item.id];
                              return copy;
                            });
                          }).finally(() => setPending(({ [item.id]: _done, ...rest }) => rest));
                        }}
                      />
                      {item.abilities.update ? <EditActionItem item={item} onSaved={onChanged} /> : null}
                      {item.abilities.remove ? (
                        <ActionIcon
                          variant="subtle"
                          color="red.9"
                          aria-label={t('room.removeStep', { title: item.title })}
                          onClick={() =>
                            void run(async () => {
                              await removeActionItem(item.id);
                              setDoneHere(({ [item.id]: _removed, ...rest }) => rest);
                            })
                          }
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      ) : null}
                    </Group>
                  </Group>
                </Card>
              );
            })}
          </Stack>
        )}
        {canAdd ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Stack gap="sm">
              <Title order={3} size="h5">
                {t('room.addStep')}
              </Title>
              <TextInput
                label={t('room.stepWhat')}
                required
                maxLength={actionItemTitleMax}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={fields.title}
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }}>
                <Select
                  label={t('room.stepWho')}
                  required
                  allowDeselect={false}
                  data={[
                    { value: report.id, label: person(report, 'report') },
                    { value: manager.id, label: person(manager, 'manager') },
                  ]}
                  value={ownerId}
                  onChange={setOwnerId}
                  error={fields.ownerId}
                  comboboxProps={{ withinPortal: true }}
                />
                <TextInput type="date" label={t('room.stepWhen')} value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={fields.dueDate} />
              </SimpleGrid>
              {ownerIsManager ? (
                <Switch
                  label={t('actionItems.support')}
                  description={t('room.supportHint')}
                  checked={support}
                  onChange={(e) => setSupport(e.currentTarget.checked)}
                  error={fields.support}
                />
              ) : null}
              <Group justify="flex-end">
                <Button type="submit" loading={busy} leftSection={<IconPlus size={16} aria-hidden />}>
                  {t('room.addStepSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}
