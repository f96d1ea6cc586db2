import { Button, Code, CopyButton, EmptyState, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scimTokenCreateSchema, scimTokenLimits, type CreatedScimToken, type ScimToken, type ScimTokenCreate } from '../../../domain/scim.js';
import { FormError } from '../../components/FormError.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoader } from '../../components/PageLoader.js';
import { QueryError } from '../../components/QueryError.js';
import { RevokeTokenModal } from '../../components/RevokeTokenModal.js';
import { TokenSecretShown } from '../../components/TokenSecretShown.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { schemaValidate } from '../../lib/formSchema.js';
import { useMe } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { createScimToken, revokeScimToken, scimTokensQuery } from './api.js';

const KANA_EXTENSION = 'urn:taiwa:params:scim:schemas:extension:taiwa:2.0:User';

/** Admins connect the identity provider (SPEC §9): the base URL, SCIM tokens (secret shown once), revocation. */
export function ScimSettingsPage() {
  const { t } = useTranslation();
  const query = useQuery(scimTokensQuery);
  const [created, setCreated] = useState<CreatedScimToken | null>(null);
  const [revoking, setRevoking] = useState<ScimToken | null>(null);

  return (
    <Stack gap="md">
      <PageHeader title={t('scim.title')} description={t('scim.description')} />
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <PageLoader />
      ) : (
        <>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="scim-connection">
            <Title order={2} size="h4" id="scim-connection" mb="xs">
              {t('scim.connection')}
            </Title>
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label={t('scim.baseUrl')}
                value={query.data.baseUrl}
                readOnly
                style={{ flex: 1, minWidth: 0 }}
                onFocus={(e) => e.currentTarget.select()}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <CopyButton value={query.data.baseUrl}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy}>
                    {copied ? t('scim.copied') : t('scim.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="sm" c="gray.7" mt="xs">
              {t('scim.authHint')}
            </Text>
          </Paper>

          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="scim-tokens">
            <Title order={2} size="h4" id="scim-tokens" mb="xs">
              {t('scim.tokens')}
            </Title>
            <Stack gap="md">
              <TokenSecretShown created={created} onHide={() => setCreated(null)} texts="scim" />
              <CreateTokenForm onCreated={setCreated} />
              {query.data.items.length === 0 ? (
                <EmptyState icon={<IconKey aria-hidden />} title={t('scim.emptyTitle')} description={t('scim.emptyBody')} />
              ) : (
                <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('scim.listLabel')}>
                  {query.data.items.map((token) => (
                    <TokenRow key={token.id} token={token} onRevoke={() => setRevoking(token)} />
                  ))}
                </Stack>
              )}
            </Stack>
          </Paper>

          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="scim-mapping">
            <Title order={2} size="h4" id="scim-mapping" mb="xs">
              {t('scim.mapping')}
            </Title>
            <List size="sm" spacing={4}>
              <List.Item>{t('scim.mapUsers')}</List.Item>
              <List.Item>{t('scim.mapGroups')}</List.Item>
              <List.Item>{t('scim.mapActive')}</List.Item>
              <List.Item>{t('scim.mapManager')}</List.Item>
              <List.Item>{t('scim.mapEmployeeNumber')}</List.Item>
              <List.Item>
                {t('scim.mapKana')} <Code style={{ overflowWrap: 'anywhere' }}>{KANA_EXTENSION}</Code>
              </List.Item>
            </List>
          </Paper>
        </>
      )}
      <RevokeTokenModal token={revoking} onClose={() => setRevoking(null)} revoke={revokeScimToken} invalidate={scimTokensQuery.queryKey} texts="scim" />
    </Stack>
  );
}

interface TokenValues {
  name: string;
}
const toRequest = (v: TokenValues): ScimTokenCreate => ({ name: v.name.trim() });

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedScimToken) => void }) {
  const { t } = useTranslation();
  const form = useForm<TokenValues>({ initialValues: { name: '' }, validate: schemaValidate(scimTokenCreateSchema, toRequest) });
  const create = useApiMutation(createScimToken, {
    invalidate: [scimTokensQuery.queryKey],
    onSuccess: (token) => {
      form.reset();
      onCreated(token);
    },
    onError: ({ fields }) => form.setErrors(fields),
  });
  const error = Object.keys(create.fields).length === 0 ? create.formError : null;
  return (
    <form onSubmit={form.onSubmit((v) => create.mutate(toRequest(v)))} noValidate aria-label={t('scim.create')}>
      <Stack gap="sm">
        <FormError message={error} />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('scim.name')}
            placeholder={t('scim.nameHint')}
            required
            maxLength={scimTokenLimits.nameMax}
            style={{ flex: '1 1 16rem' }}
            {...form.getInputProps('name')}
          />
          <Button type="submit" leftSection={<IconPlus size={18} aria-hidden />} loading={create.isPending}>
            {t('scim.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TokenRow({ token, onRevoke }: { token: ScimToken; onRevoke: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const when = (iso: string) => formatDateTime(new Date(iso), locale, me.timeZone);
  const headingId = `scim-token-${token.id}`;
  return (
    <Paper component="li" withBorder radius="sm" p="sm" aria-labelledby={headingId}>
      <Group justify="space-between" align="center" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Text component="h3" fw={700} fz="sm" m={0} id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {token.name}
          </Text>
          <Text size="xs" ff="monospace" c="gray.8">
            {token.prefix}…
          </Text>
          <Text size="xs" c="gray.7">
            {token.createdBy ? t('scim.createdBy', { date: when(token.createdAt), name: token.createdBy }) : t('scim.createdOn', { date: when(token.createdAt) })}
            {' · '}
            {token.lastUsedAt ? t('scim.lastUsed', { date: when(token.lastUsedAt) }) : t('scim.neverUsed')}
          </Text>
        </Stack>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconTrash size={16} aria-hidden color="var(--mantine-color-red-9)" />}
          onClick={onRevoke}
          aria-label={t('scim.revokeFor', { name: token.name })}
        >
          {t('scim.revoke')}
        </Button>
      </Group>
    </Paper>
  );
}
