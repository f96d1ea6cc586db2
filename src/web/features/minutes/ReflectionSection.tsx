import { Button, Group, Paper, Radio, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { managerReflectionSchema, reflectionTextMax, reportReflectionSchema } from '../../../domain/followUp.js';
import { QueryError } from '../../components/QueryError.js';
import { reflectionQuery, saveReflection, type ReflectionView } from '../../lib/followUp.js';
import { schemaErrors } from '../../lib/formSchema.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { FormError } from '../../components/FormError.js';

const scale = ['1', '2', '3', '4', '5'] as const;

function Rating({ label, description, value, onChange, error }: { label: string; description?: string; value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <Radio.Group label={label} description={description} required value={value} onChange={onChange} error={error}>
      <Group gap="md" mt="xs">
        {scale.map((s) => (
          <Radio key={s} value={s} label={`${s} ${t(`reflection.scale.${s}`)}`} />
        ))}
      </Group>
    </Radio.Group>
  );
}

function ReflectionForm({ meetingId, role, view }: { meetingId: string; role: 'manager' | 'report'; view: ReflectionView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mine = view.mine;
  const str = (n: number | null | undefined) => (n ? String(n) : '');
  const [feltHeard, setFeltHeard] = useState(str(mine?.feltHeard));
  const [useful, setUseful] = useState(str(mine?.useful));
  const [ownListening, setOwnListening] = useState(str(mine?.ownListening));
  const [gained, setGained] = useState(mine?.gained ?? '');
  const [improve, setImprove] = useState(mine?.improve ?? '');
  const save = useApiMutation((body: Parameters<typeof saveReflection>[1]) => saveReflection(meetingId, body), {
    onSuccess: (saved) => {
      queryClient.setQueryData(reflectionQuery(meetingId).queryKey, saved);
      notifications.show({ color: 'teal', message: t('reflection.saved') });
    },
  });
  const { fields } = save;

  const submit = () => {
    // Each side sends its own ratings; the schema of that side checks them, here and on the server.
    const texts = { gained: gained.trim() || null, improve: improve.trim() || null };
    const rated = (v: string) => (v ? Number(v) : undefined);
    const body = role === 'report' ? { feltHeard: rated(feltHeard), useful: rated(useful), ...texts } : { ownListening: rated(ownListening), ...texts };
    const problems = schemaErrors(role === 'report' ? reportReflectionSchema : managerReflectionSchema, body);
    save.setFields(problems);
    if (Object.keys(problems).length === 0) save.mutate(body);
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <FormError message={save.formError} />
        {role === 'report' ? (
          <>
            <Rating label={t('reflection.feltHeard')} value={feltHeard} onChange={setFeltHeard} error={fields.feltHeard} />
            <Rating label={t('reflection.useful')} value={useful} onChange={setUseful} error={fields.useful} />
            <Text size="xs" c="gray.7">
              {t('reflection.reportPrivacy')}
            </Text>
          </>
        ) : (
          <>
            <Rating label={t('reflection.ownListening')} value={ownListening} onChange={setOwnListening} error={fields.ownListening} />
            <Text size="xs" c="gray.7">
              {t('reflection.managerPrivacy')}
            </Text>
          </>
        )}
        <Textarea
          label={t('reflection.gained')}
          autosize
          minRows={2}
          maxLength={reflectionTextMax}
          value={gained}
          onChange={(e) => setGained(e.currentTarget.value)}
          error={fields.gained}
        />
        <Textarea
          label={t('reflection.improve')}
          autosize
          minRows={2}
          maxLength={reflectionTextMax}
          value={improve}
          onChange={(e) => setImprove(e.currentTarget.value)}
          error={fields.improve}
        />
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="gray.7">
            {mine ? t('reflection.alreadySaved') : t('reflection.notYet')}
          </Text>
          <Button type="submit" loading={save.isPending}>
            {mine ? t('reflection.update') : t('reflection.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** 振り返り: after the minutes are shared each side reflects; the partner's texts show, never their ratings. */
export function ReflectionSection({ meetingId, role, partnerName, enabled }: { meetingId: string; role: 'manager' | 'report'; partnerName: string; enabled: boolean }) {
  const { t } = useTranslation();
  const query = useQuery(reflectionQuery(meetingId, enabled));

  let body;
  if (!enabled) body = <Text size="sm" c="gray.7">{t('reflection.afterShare')}</Text>;
  else if (query.isPending) body = <Skeleton height={160} />;
  else if (query.isError) body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else {
    const view = query.data;
    const partner = view.partner;
    body = (
      <Stack gap="md">
        {view.abilities.reflect ? <ReflectionForm key={view.mine?.updatedAt ?? 'new'} meetingId={meetingId} role={role} view={view} /> : null}
        <Stack gap="xs" component="section" aria-labelledby="reflection-partner">
          <Title order={3} size="h5" id="reflection-partner">
            {t('reflection.partnerTitle', { name: partnerName })}
          </Title>
          {partner && (partner.gained || partner.improve) ? (
            <Stack gap={6} component="dl" m={0}>
              {partner.gained ? (
                <div>
                  <Text component="dt" size="sm" fw={700}>
                    {t('reflection.gained')}
                  </Text>
                  <Text component="dd" m={0} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {partner.gained}
                  </Text>
                </div>
              ) : null}
              {partner.improve ? (
                <div>
                  <Text component="dt" size="sm" fw={700}>
                    {t('reflection.improve')}
                  </Text>
                  <Text component="dd" m={0} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {partner.improve}
                  </Text>
                </div>
              ) : null}
            </Stack>
          ) : (
            <Text size="sm" c="gray.7">
              {partner ? t('reflection.partnerNoText') : t('reflection.partnerNotYet')}
            </Text>
          )}
        </Stack>
      </Stack>
    );
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="reflection-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="reflection-title">
          {t('reflection.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {role === 'report' ? t('reflection.leadReport') : t('reflection.leadManager')}
        </Text>
        {body}
      </Stack>
    </Paper>
  );
}
