import { Button, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../components/AppModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import type { Goal } from '../../lib/goals.js';
import { GoalList } from '../../components/GoalList.js';
import { GoalForm } from './GoalForm.js';

/** 目標: my goals (OKR or MBO) with key results and progress updates; my 1on1 partners see them too. */
export function GoalsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'active' | 'archived'>('active');
  const [editing, setEditing] = useState<Goal | 'new' | null>(null);
  const statusLabel = useId();
  return (
    <Stack gap="md">
      <PageHeader
        title={t('goals.title')}
        description={t('goals.lead')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('goals.new')}
          </Button>
        }
      />
      <Stack gap={4}>
        <Text id={statusLabel} size="sm" fw={500}>
          {t('goals.statusFilter')}
        </Text>
        <SegmentedControl
          aria-labelledby={statusLabel}
          value={status}
          onChange={(v) => setStatus(v as 'active' | 'archived')}
          data={[
            { value: 'active', label: t('goals.filter.active') },
            { value: 'archived', label: t('goals.filter.archived') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
      </Stack>
      <GoalList
        status={status}
        empty={status === 'active' ? { title: t('goals.empty.title'), body: t('goals.empty.body') } : { title: t('goals.emptyArchived.title'), body: t('goals.emptyArchived.body') }}
        onEdit={(g) => setEditing(g)}
      />
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' || editing === null ? t('goals.new') : t('goals.edit')} size="lg">
        {editing !== null ? <GoalForm goal={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} /> : null}
      </AppModal>
    </Stack>
  );
}
