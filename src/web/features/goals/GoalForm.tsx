import { ActionIcon, Button, Group, NumberInput, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { goalCreateSchema, goalTextMax, goalTitleMax, keyResultsMax, type GoalKind } from '../../../domain/goals.js';
import { FormError } from '../../components/FormError.js';
import { asRequest, schemaValidate } from '../../lib/formSchema.js';
import { createGoal, updateGoal, type Goal } from '../../lib/goals.js';
import { useApiMutation } from '../../lib/useApiMutation.js';

interface KeyResultValues {
  id?: string;
  title: string;
  startValue: number | string;
  target: number | string;
  unit: string;
}
interface Values {
  kind: GoalKind;
  title: string;
  description: string;
  weight: number | string;
  dueDate: string;
  keyResults: KeyResultValues[];
}

const numberOr = (v: number | string, fallback?: number) => (v === '' ? fallback : Number(v));

function toRequest(v: Values) {
  return {
    kind: v.kind,
    title: v.title,
    description: v.description.trim() || null,
    weight: v.kind === 'mbo' && v.weight !== '' ? Number(v.weight) : null,
    dueDate: v.dueDate || null,
    keyResults: v.keyResults.map((k) => ({
      ...(k.id ? { id: k.id } : {}),
      title: k.title,
      startValue: numberOr(k.startValue, 0),
      target: numberOr(k.target),
      unit: k.unit.trim() || null,
    })),
  };
}

const emptyKr = (): KeyResultValues => ({ title: '', startValue: 0, target: '', unit: '' });

/** Creating or editing a goal: OKR (objective + key results) or MBO (goal, weight, criteria, optional measures). */
export function GoalForm({ goal, onDone }: { goal?: Goal; onDone: () => void }) {
  const { t } = useTranslation();
  const kindLabel = useId();
  const form = useForm<Values>({
    initialValues: goal
      ? {
          kind: goal.kind,
          title: goal.title,
          description: goal.description ?? '',
          weight: goal.weight ?? '',
          dueDate: goal.dueDate ?? '',
          keyResults: goal.keyResults.map((k) => ({ id: k.id, title: k.title, startValue: k.startValue, target: k.target, unit: k.unit ?? '' })),
        }
      : { kind: 'okr', title: '', description: '', weight: '', dueDate: '', keyResults: [emptyKr()] },
    validate: schemaValidate(goalCreateSchema, toRequest),
  });
  const save = useApiMutation(
    (body: z.input<typeof goalCreateSchema>) => (goal ? updateGoal(goal.id, { title: body.title, description: body.description, weight: body.weight, dueDate: body.dueDate, keyResults: body.keyResults }) : createGoal(body)),
    { invalidate: [['goals']], onSuccess: onDone, onError: ({ fields }) => form.setErrors(fields) },
  );
  const okr = form.values.kind === 'okr';
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(asRequest(goalCreateSchema, toRequest(v))))} noValidate>
      <Stack gap="md">
        <FormError title={t('goals.saveFailed')} message={save.formError} onClose={save.clearErrors} />
        {goal ? null : (
          <Stack gap={4}>
            <Text id={kindLabel} size="sm" fw={500}>
              {t('goals.form.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby={kindLabel}
              value={form.values.kind}
              onChange={(v) => form.setFieldValue('kind', v as GoalKind)}
              data={[
                { value: 'okr', label: t('goals.kind.okr') },
                { value: 'mbo', label: t('goals.kind.mbo') },
              ]}
            />
            <Text size="xs" c="gray.7">
              {t(`goals.kindHint.${form.values.kind}`)}
            </Text>
          </Stack>
        )}
        <TextInput label={okr ? t('goals.form.objective') : t('goals.form.goal')} required maxLength={goalTitleMax} {...form.getInputProps('title')} />
        <Textarea
          label={okr ? t('goals.form.why') : t('goals.form.criteria')}
          autosize
          minRows={2}
          maxLength={goalTextMax}
          {...form.getInputProps('description')}
        />
        <Group grow align="flex-start" wrap="wrap">
          {okr ? null : <NumberInput label={t('goals.form.weight')} min={0} max={100} suffix="%" {...form.getInputProps('weight')} />}
          <TextInput type="date" label={t('goals.form.dueDate')} {...form.getInputProps('dueDate')} />
        </Group>
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {okr ? t('goals.form.keyResults') : t('goals.form.measures')}
          </Text>
          <Text size="xs" c="gray.7">
            {okr ? t('goals.form.keyResultsHint') : t('goals.form.measuresHint')}
          </Text>
          {form.values.keyResults.map((_, i) => (
            <Stack key={i} gap={6} p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput style={{ flex: 1 }} label={t('goals.form.krTitle', { n: i + 1 })} required maxLength={goalTitleMax} {...form.getInputProps(`keyResults.${i}.title`)} />
                <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('goals.form.removeKr', { n: i + 1 })} onClick={() => form.removeListItem('keyResults', i)}>
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
              <Group gap="xs" grow wrap="wrap">
                <NumberInput label={t('goals.form.start')} decimalScale={2} {...form.getInputProps(`keyResults.${i}.startValue`)} />
                <NumberInput label={t('goals.form.target')} required decimalScale={2} {...form.getInputProps(`keyResults.${i}.target`)} />
                <TextInput label={t('goals.form.unit')} maxLength={20} placeholder={t('goals.form.unitPlaceholder')} {...form.getInputProps(`keyResults.${i}.unit`)} />
              </Group>
            </Stack>
          ))}
          {form.values.keyResults.length < keyResultsMax ? (
            <Button variant="subtle" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('keyResults', emptyKr())} style={{ alignSelf: 'flex-start' }}>
              {okr ? t('goals.form.addKr') : t('goals.form.addMeasure')}
            </Button>
          ) : null}
        </Stack>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {goal ? t('actions.save') : t('goals.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
