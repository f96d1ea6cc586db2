import { Button, Checkbox, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  webhookEvents,
  webhookFormats,
  webhookInputSchema,
  webhookSignatureHeader,
  webhookTimestampHeader,
  type Webhook,
  type WebhookEvent,
  type WebhookFormat,
} from '../../../domain/notifications.js';
import { AppModal } from '../../components/AppModal.js';
import { FormError } from '../../components/FormError.js';
import { ShownOnce } from '../../components/ShownOnce.js';
import { schemaErrors } from '../../lib/formSchema.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { createWebhook, webhooksKey } from './api.js';

/**
 * The dialog that adds a webhook. The server validates (its messages come back per field in the
 * reader's language); a generic webhook's signing secret is shown once here, after it was created.
 */
export function AddWebhookModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('slack');
  const [events, setEvents] = useState<WebhookEvent[]>(['meetingScheduled', 'minutesShared']);
  const [created, setCreated] = useState<Webhook | null>(null);
  const create = useApiMutation(createWebhook, {
    invalidate: [webhooksKey],
    onSuccess: (hook) => {
      notifications.show({ color: 'teal', message: t('webhooks.added', { name: hook.name }) });
      if (hook.format === 'json' && hook.secret) setCreated(hook);
      else close();
    },
  });
  const { formError: error, fields } = create;

  const reset = () => {
    setName('');
    setUrl('');
    setFormat('slack');
    setEvents(['meetingScheduled', 'minutesShared']);
    setCreated(null);
    create.reset();
  };
  const close = () => {
    reset();
    onClose();
  };
  const submit = () => {
    const body = { name: name.trim(), url: url.trim(), format, events };
    const problems = schemaErrors(webhookInputSchema, body);
    create.setFields(problems);
    if (Object.keys(problems).length === 0) create.mutate(body);
  };

  return (
    <AppModal opened={opened} onClose={close} title={created ? t('webhooks.secret.title') : t('webhooks.form.title')} size="lg">
      {created?.secret ? (
        <Stack gap="sm">
          <ShownOnce
            notice={t('webhooks.secret.shownOnce')}
            label={t('webhooks.secret.label')}
            value={created.secret}
            copyLabel={t('webhooks.secret.copy')}
            copiedLabel={t('webhooks.secret.copied')}
            monospace
          />
          <Text size="sm">{t('webhooks.secret.verify', { signature: webhookSignatureHeader, timestamp: webhookTimestampHeader })}</Text>
          <Group justify="flex-end">
            <Button onClick={close} data-autofocus>
              {t('webhooks.secret.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="md">
            <FormError message={error} />
            <TextInput
              label={t('webhooks.form.name')}
              description={t('webhooks.form.nameHint')}
              required
              data-autofocus
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fields.name}
            />
            <TextInput
              label={t('webhooks.form.url')}
              description={t('webhooks.form.urlHint')}
              required
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={fields.url}
            />
            <Radio.Group label={t('webhooks.form.format')} required value={format} onChange={(v) => setFormat(v as WebhookFormat)} error={fields.format}>
              <Stack gap="xs" mt="xs">
                {webhookFormats.map((f) => (
                  <Radio key={f} value={f} label={t(`webhooks.formats.${f}`)} description={t(`webhooks.formatHints.${f}`)} />
                ))}
              </Stack>
            </Radio.Group>
            <Checkbox.Group
              label={t('webhooks.form.events')}
              description={t('webhooks.form.eventsHint')}
              required
              value={events}
              onChange={(v) => setEvents(v as WebhookEvent[])}
              error={fields.events}
            >
              <Stack gap="xs" mt="xs">
                {webhookEvents.map((ev) => (
                  <Checkbox key={ev} value={ev} label={t(`webhooks.events.${ev}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('webhooks.form.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </AppModal>
  );
}
