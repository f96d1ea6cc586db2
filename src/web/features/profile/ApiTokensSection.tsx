import { Badge, Button, EmptyState, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiTokenCreateSchema, apiTokenLimits, tokenScopes, type ApiToken, type ApiTokenCreate, type CreatedApiToken, type TokenScope } from '../../../domain/apiTokens.js';
import { FormError } from '../../components/FormError.js';
import { QueryError } from '../../components/QueryError.js';
import { RevokeTokenModal } from '../../components/RevokeTokenModal.js';
import { TokenSecretShown } from '../../components/TokenSecretShown.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDate } from '../../lib/format.js';
import { schemaValidate } from '../../lib/formSchema.js';
import { useMe } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { apiTokensQuery, createApiToken, revokeApiToken } from './api.js';

const lifetimes = [30, 90, 180, 365] as const;

/** My personal API tokens (SPEC §9): create one (its secret shown once), see what I hold, revoke. */
export function ApiTokensSection() {
  const { t } = useTranslation();
  const query = useQuery(apiTokensQuery);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="profile-tokens">
      <Title order={2} size="h4" id="profile-tokens" mb="xs">
        {t('profile.tokens.title')}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {t('profile.tokens.description')}
      </Text>
      <Stack gap="md">
        <TokenSecretShown created={created} onHide={() => setCreated(null)} texts="profile.tokens" />
        <CreateTokenForm onCreated={setCreated} />
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.isPending ? null : query.data.items.length === 0 ? (
          <EmptyState icon={<IconKey aria-hidden />} title={t('profile.tokens.emptyTitle')} description={t('profile.tokens.emptyBody')} />
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('profile.tokens.listLabel')}>
            {query.data.items.map((token) => (
              <TokenRow key={token.id} token={token} onRevoke={() => setRevoking(token)} />
            ))}
          </Stack>
        )}
      </Stack>
      <RevokeTokenModal token={revoking} onClose={() => setRevoking(null)} revoke={revokeApiToken} invalidate={apiTokensQuery.queryKey} texts="profile.tokens" />
    </Paper>
  );
}

interface TokenValues {
  name: string;
  scope: TokenScope;
  expiresInDays: string;
}

/** The request the form sends, and the one its domain schema checks. */
const toRequest = (v: TokenValues): ApiTokenCreate => ({ name: v.name.trim(), scope: v.scope, expiresInDays: Number(v.expiresInDays) });

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const scopes = tokenScopes.filter((s) => s !== 'admin' || me.roles.includes('admin'));
  const form = useForm({
    initialValues: { name: '', scope: 'read', expiresInDays: '90' } as TokenValues,
    validate: schemaValidate(apiTokenCreateSchema, toRequest),
  });
  const create = useApiMutation(createApiToken, {
    invalidate: [apiTokensQuery.queryKey],
    onSuccess: (token) => {
      form.reset();
      onCreated(token);
    },
    onError: ({ fields }) => form.setErrors(fields),
  });
  const submit = form.onSubmit((v) => create.mutate(toRequest(v)));
  const error = Object.keys(create.fields).length === 0 ? create.formError : null;
  return (
    <form onSubmit={submit} noValidate aria-label={t('profile.tokens.create')}>
      <Stack gap="sm">
        <FormError message={error} />
        <Group gap="sm" align="flex-start" wrap="wrap">
          <TextInput
            label={t('profile.tokens.name')}
            placeholder={t('profile.tokens.nameHint')}
            required
            maxLength={apiTokenLimits.nameMax}
            style={{ flex: '2 1 14rem' }}
            {...form.getInputProps('name')}
          />
          <Select
            label={t('profile.tokens.scope')}
            data={scopes.map((s) => ({ value: s, label: t(`profile.tokens.scopes.${s}`) }))}
            allowDeselect={false}
            style={{ flex: '1 1 10rem' }}
            {...form.getInputProps('scope')}
          />
          <Select
            label={t('profile.tokens.expiresIn')}
            data={lifetimes.map((d) => ({ value: String(d), label: t('profile.tokens.days', { count: d }) }))}
            allowDeselect={false}
            style={{ flex: '1 1 8rem' }}
            {...form.getInputProps('expiresInDays')}
          />
        </Group>
        <Text size="xs" c="gray.7">
          {t(`profile.tokens.scopeHints.${form.values.scope}`)}
        </Text>
        <Group>
          <Button type="submit" leftSection={<IconPlus size={18} aria-hidden />} loading={create.isPending}>
            {t('profile.tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TokenRow({ token, onRevoke }: { token: ApiToken; onRevoke: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const day = (iso: string) => formatDate(new Date(iso), locale, me.timeZone);
  const expired = new Date(token.expiresAt).getTime() <= Date.now();
  const headingId = `token-${token.id}`;
  return (
    <Paper component="li" withBorder radius="sm" p="sm" aria-labelledby={headingId}>
      <Group justify="space-between" align="center" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Group gap="xs" wrap="wrap">
            <Text component="h3" fw={700} fz="sm" m={0} id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {token.name}
            </Text>
            <Badge variant="light" color={token.scope === 'read' ? 'blue' : token.scope === 'write' ? 'teal' : 'grape'} tt="none">
              {t(`profile.tokens.scopes.${token.scope}`)}
            </Badge>
            {expired ? (
              <Badge variant="outline" color="red.9" tt="none">
                {t('profile.tokens.expired')}
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" ff="monospace" c="gray.8">
            {token.prefix}…
          </Text>
          <Text size="xs" c="gray.7">
            {t(expired ? 'profile.tokens.expiredOn' : 'profile.tokens.expiresOn', { date: day(token.expiresAt) })}
            {' · '}
            {token.lastUsedAt ? t('profile.tokens.lastUsed', { date: day(token.lastUsedAt) }) : t('profile.tokens.neverUsed')}
          </Text>
        </Stack>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconTrash size={16} aria-hidden color="var(--mantine-color-red-9)" />}
          onClick={onRevoke}
          aria-label={t('profile.tokens.revokeFor', { name: token.name })}
        >
          {t('profile.tokens.revoke')}
        </Button>
      </Group>
    </Paper>
  );
}
