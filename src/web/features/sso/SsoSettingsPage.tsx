import { Alert, Button, CopyButton, Group, Paper, PasswordInput, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconInfoCircle, IconPlugConnected } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ssoSettingsInputSchema, type SsoDiscovery, type SsoSettings } from '../../../domain/sso.js';
import { FormError } from '../../components/FormError.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoader } from '../../components/PageLoader.js';
import { errorMessage } from '../../lib/useServerErrors.js';
import { schemaErrors } from '../../lib/formSchema.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { saveSsoSettings, ssoKey, ssoSettingsQuery, testSsoDiscovery } from './api.js';

/** The admins' settings of single sign-on through the organisation's OpenID Provider (SPEC §9, ADR 0208). */
export function SsoSettingsPage() {
  const { t } = useTranslation();
  const query = useQuery(ssoSettingsQuery);
  return (
    <Stack gap="md">
      <PageHeader title={t('sso.title')} description={t('sso.description')} />
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <Alert color="red" role="alert" title={t('sso.loadFailed')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorMessage(query.error)}</Text>
            <Button size="xs" variant="default" onClick={() => void query.refetch()}>
              {t('actions.retry')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <SsoForm settings={query.data} />
      )}
    </Stack>
  );
}

/** Splits what was typed into domains: one per line, or separated by commas or spaces. */
const domainsOf = (text: string) =>
  text
    .split(/[\s,、]+/)
    .map((d) => d.trim())
    .filter(Boolean);

function SsoForm({ settings }: { settings: SsoSettings }) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [issuer, setIssuer] = useState(settings.issuer);
  const [clientId, setClientId] = useState(settings.clientId);
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState(settings.allowedDomains.join('\n'));
  const [ssoOnly, setSsoOnly] = useState(settings.ssoOnly);
  const [discovered, setDiscovered] = useState<SsoDiscovery | null>(null);

  const save = useApiMutation(saveSsoSettings, {
    invalidate: [ssoKey],
    onSuccess: (saved) => {
      setClientSecret('');
      notifications.show({ color: 'teal', message: t(saved.enabled ? 'sso.savedOn' : 'sso.savedOff') });
    },
  });
  const test = useApiMutation(testSsoDiscovery, { onSuccess: (found) => setDiscovered(found) });

  const body = () => ({
    enabled,
    issuer: issuer.trim(),
    clientId: clientId.trim(),
    ...(clientSecret.trim() ? { clientSecret: clientSecret.trim() } : {}),
    allowedDomains: domainsOf(domains),
    ssoOnly,
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const request = body();
    const problems = schemaErrors(ssoSettingsInputSchema, request);
    save.setFields(problems);
    if (Object.keys(problems).length === 0) save.mutate(request);
  };
  const runTest = () => {
    setDiscovered(null);
    test.mutate(issuer.trim());
  };
  const fieldError = (name: string) => save.fields[name] ?? Object.entries(save.fields).find(([k]) => k.startsWith(`${name}.`))?.[1];

  return (
    <Stack gap="lg">
      {!settings.configured ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title={t('sso.emptyTitle')}>
          {t('sso.emptyBody')}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('sso.register.title')}
          </Title>
          <Text size="sm">{t('sso.register.body')}</Text>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput label={t('sso.register.redirectUri')} value={settings.redirectUri} readOnly style={{ flex: 1, minWidth: 0 }} styles={{ input: { fontFamily: 'monospace' } }} />
            <CopyButton value={settings.redirectUri}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy} aria-label={t('sso.register.copyLabel')}>
                  {copied ? t('sso.register.copied') : t('sso.register.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="xs" c="gray.7">
            {t('sso.register.scopes')}
          </Text>
        </Stack>
      </Paper>

      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError title={t('sso.saveFailed')} message={save.formError} />
          <Switch checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} label={t('sso.enabled')} description={t('sso.enabledHelp')} />
          <Stack gap="xs">
            <TextInput
              label={t('sso.issuer')}
              description={t('sso.issuerHelp')}
              placeholder="https://login.microsoftonline.com/<tenant-id>/v2.0"
              value={issuer}
              onChange={(e) => {
                setIssuer(e.currentTarget.value);
                setDiscovered(null);
                test.reset();
              }}
              error={fieldError('issuer') ?? test.fields.issuer}
              required
              inputMode="url"
              autoComplete="off"
            />
            <Group>
              <Button variant="light" leftSection={<IconPlugConnected size={18} aria-hidden />} onClick={runTest} loading={test.isPending} disabled={!issuer.trim()}>
                {t('sso.test')}
              </Button>
            </Group>
            {test.formError && !test.fields.issuer ? <FormError title={t('sso.testFailed')} message={test.formError} /> : null}
            {discovered ? (
              <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title={t('sso.testOk')} role="status">
                <Stack gap={2}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {t('sso.testIssuer', { issuer: discovered.issuer })}
                  </Text>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {t('sso.testAuthorization', { url: discovered.authorizationEndpoint })}
                  </Text>
                  <Text size="sm">{discovered.pkceS256 ? t('sso.testPkce') : t('sso.testNoPkce')}</Text>
                </Stack>
              </Alert>
            ) : null}
          </Stack>
          <TextInput label={t('sso.clientId')} value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} error={fieldError('clientId')} required autoComplete="off" />
          <PasswordInput
            label={t('sso.clientSecret')}
            description={settings.hasClientSecret ? t('sso.clientSecretStored') : t('sso.clientSecretHelp')}
            placeholder={settings.hasClientSecret ? t('sso.clientSecretKeep') : undefined}
            value={clientSecret}
            onChange={(e) => setClientSecret(e.currentTarget.value)}
            error={fieldError('clientSecret')}
            autoComplete="new-password"
          />
          <Textarea
            label={t('sso.domains')}
            description={t('sso.domainsHelp')}
            placeholder={'example.co.jp\nexample.com'}
            value={domains}
            onChange={(e) => setDomains(e.currentTarget.value)}
            error={fieldError('allowedDomains')}
            autosize
            minRows={2}
            required
          />
          <Switch checked={ssoOnly} onChange={(e) => setSsoOnly(e.currentTarget.checked)} label={t('sso.ssoOnly')} description={t('sso.ssoOnlyHelp')} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('sso.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
