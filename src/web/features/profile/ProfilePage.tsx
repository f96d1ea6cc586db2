import { DataList, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDate, fullName } from '../../lib/format.js';
import { meQuery, useMe } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import type { } from '../../../domain/me.js';
import { PageHeader } from '../../components/PageHeader.js';
import { zoneLabel } from '../../lib/timeZones.js';
import { saveTimeZone, timeZones } from './api.js';
import { ApiTokensSection } from './ApiTokensSection.js';
import { PasswordForm } from './PasswordForm.js';
import { TalkTrendSection } from './TalkTrendSection.js';
import { AuditSection } from './AuditSection.js';
import { PrivacySection } from './PrivacySection.js';


/** My profile: who I am in the organisation (read-only), language, time zone, password and API tokens. */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const zone = useApiMutation(saveTimeZone, {
    onSuccess: (saved) => {
      queryClient.setQueryData(meQuery.queryKey, saved);
      notifications.show({ color: 'teal', message: t('profile.timeZoneSaved') });
    },
  });
  const locale = currentLocale();
  const zones: string[] = timeZones.includes(me.timeZone as (typeof timeZones)[number]) ? [...timeZones] : [me.timeZone, ...timeZones];

  const onZone = (next: string | null) => {
    if (next && next !== me.timeZone) zone.mutate(next);
  };

  return (
    <Stack gap="lg">
      <PageHeader title={t('profile.title')} description={t('profile.description')} />

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="profile-about">
        <Title order={2} size="h4" id="profile-about" mb="xs">
          {t('profile.about')}
        </Title>
        <Text size="sm" c="gray.7" mb="sm">
          {t('profile.aboutHint')}
        </Text>
        <DataList withDivider labelWidth={140}>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.name')}</DataList.ItemLabel>
            <DataList.ItemValue>{fullName(me)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.email')}</DataList.ItemLabel>
            <DataList.ItemValue style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{me.email}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.title')}</DataList.ItemLabel>
            <DataList.ItemValue>{me.title ?? t('common.none')}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.department')}</DataList.ItemLabel>
            <DataList.ItemValue>{me.department?.name ?? t('common.none')}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.manager')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {me.manager ? (
                <AnchorLink to="/employees/$id" params={{ id: me.manager.id }}>
                  {fullName(me.manager)}
                </AnchorLink>
              ) : (
                t('common.none')
              )}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('profile.roles')}</DataList.ItemLabel>
            <DataList.ItemValue>{new Intl.ListFormat(locale, { type: 'unit' }).format(me.roles.map((r) => t(`roles.${r}`)))}</DataList.ItemValue>
          </DataList.Item>
        </DataList>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="profile-prefs">
        <Title order={2} size="h4" id="profile-prefs" mb="sm">
          {t('profile.preferences')}
        </Title>
        <Stack gap="md" maw={420}>
          <LanguageSwitch />
          <Select
            label={t('profile.timeZone')}
            description={t('profile.timeZoneHint', { date: formatDate(new Date(), locale, me.timeZone) })}
            data={zones.map((z) => ({ value: z, label: zoneLabel(z, locale) }))}
            value={me.timeZone}
            onChange={onZone}
            allowDeselect={false}
            searchable
            nothingFoundMessage={t('employees.noMatches')}
            disabled={zone.isPending}
            error={zone.fields.timeZone ?? zone.formError}
          />
        </Stack>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="profile-password">
        <Title order={2} size="h4" id="profile-password" mb="xs">
          {t('profile.password')}
        </Title>
        <Text size="sm" c="gray.7" mb="sm">
          {t('profile.passwordHint')}
        </Text>
        <PasswordForm />
      </Paper>

      <ApiTokensSection />

      {me.roles.includes('manager') ? <TalkTrendSection /> : null}
      <PrivacySection />
      <AuditSection />
    </Stack>
  );
}
