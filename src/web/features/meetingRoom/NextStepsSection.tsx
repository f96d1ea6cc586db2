import { ActionIcon, Button, Card, Group, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionItemCreateSchema, actionItemTitleMax } from '../../../domain/followUp.js';
import type { PersonRef } from '../../../domain/employees.js';
import { ActionItemBadges } from '../../components/ActionItemBadges.js';
import { EditActionItem } from '../../components/EditActionItem.js';
import { FormError } from '../../components/FormError.js';
import { fullName } from '../../lib/format.js';
import { asRequest, schemaErrors } from '../../lib/formSchema.js';
import { addActionItem, removeActionItem, type ActionItem } from '../../lib/followUp.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { TickBox } from './TickBox.js';
import { useItemsDoneHere } from './useItemsDoneHere.js';

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
  const { items: shown, mark: markItem, forget } = useItemsDoneHere(items, onChanged);
  const add = useApiMutation((body: Parameters<typeof addActionItem>[1]) => addActionItem(meetingId, body), {
    onSuccess: async () => {
      setTitle('');
      setDueDate('');
      setSupport(false);
      await onChanged();
    },
  });
  const { fields } = add;
  const remove = useApiMutation(
    async (id: string) => {
      await removeActionItem(id);
      forget(id);
    },
    { onSuccess: onChanged },
  );
  const [tickError, setTickError] = useState<string | null>(null);
  const ownerIsManager = ownerId === manager.id;
  const person = (p: PersonRef, role: 'manager' | 'report') =>
    `${fullName(p)}(${t(`actionItems.role.${role}`)}${p.id === myId ? t('actionItems.you') : ''})`;

  const submit = () => {
    const body = { ownerId: ownerId ?? undefined, title: title.trim(), dueDate: dueDate || null, support: ownerIsManager && support };
    const problems = schemaErrors(actionItemCreateSchema, body);
    add.setFields(problems);
    if (Object.keys(problems).length === 0) add.mutate(asRequest(actionItemCreateSchema, body));
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
        <FormError
          message={tickError ?? remove.formError ?? add.formError}
          onClose={() => {
            setTickError(null);
            remove.clearErrors();
            add.clearErrors();
          }}
        />
        {shown.length === 0 ? (
          <Text size="sm" c="gray.7">
            {t('room.nextStepsEmpty')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {shown.map((item) => {
              const titleId = `room-step-${item.id}`;
              const done = item.status === 'done';
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
                      <TickBox
                        label={t('room.itemDone')}
                        describedBy={titleId}
                        checked={done}
                        disabled={!item.abilities.update}
                        save={(next) => markItem(item, next)}
                        onError={setTickError}
                      />
                      {item.abilities.update ? <EditActionItem item={item} onSaved={onChanged} /> : null}
                      {item.abilities.remove ? (
                        <ActionIcon
                          variant="subtle"
                          color="red.9"
                          aria-label={t('room.removeStep', { title: item.title })}
                          loading={remove.variables === item.id}
                          onClick={() => remove.mutate(item.id)}
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
              submit();
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
                <Button type="submit" loading={add.isPending} leftSection={<IconPlus size={16} aria-hidden />}>
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
