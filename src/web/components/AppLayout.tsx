import { AppShell, Box, Burger, Button, Divider, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBellCog, IconBooks, IconBuildingCommunity, IconChartLine, IconClipboardCheck, IconFileImport, IconMailbox, IconHome, IconListCheck, IconLogout, IconMessageHeart, IconTarget, IconMessages, IconUserCircle, IconUsers, IconUsersGroup, IconKey, IconWebhook, IconUserShare, IconHistory } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLinkLink } from './links.js';
import { fullName } from '../lib/format.js';
import { signOut, useMe } from '../lib/session.js';
import { useApiMutation } from '../lib/useApiMutation.js';
import { Brand } from './Brand.js';
import { HeaderSearch } from './HeaderSearch.js';
import { NotificationBell } from './NotificationBell.js';

interface NavItem {
  to: '/' | '/analytics' | '/analytics/practice' | '/one-on-ones' | '/action-items' | '/goals' | '/feedback' | '/team' | '/employees' | '/departments' | '/question-bank' | '/profile' | '/settings/notifications' | '/admin/outbox' | '/admin/webhooks' | '/admin/sso' | '/admin/scim' | '/admin/employee-import' | '/admin/audit';
  label: string;
  icon: ReactNode;
}

/** The signed-in frame: header with organisation and person, navigation by role, one main landmark. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signingOut = useApiMutation(() => signOut(queryClient), {
    onSuccess: () => navigate({ to: '/sign-in' }),
    onError: ({ message }) => notifications.show({ color: 'red', title: t('nav.signOutFailed'), message }),
  });

  // On small screens the navigation closes once a page is chosen.
  useEffect(() => close(), [pathname, close]);

  // hr and admin get the organisation's pages first (analytics, organisation, settings), their own 1on1s after.
  const organisational = me.roles.includes('hr') || me.roles.includes('admin');
  const own: NavItem[] = [
    { to: '/one-on-ones', label: organisational ? t('nav.ownOneOnOnes') : t('nav.oneOnOnes'), icon: <IconMessages size={20} aria-hidden /> },
    { to: '/action-items', label: t('nav.actionItems'), icon: <IconListCheck size={20} aria-hidden /> },
    { to: '/goals', label: t('nav.goals'), icon: <IconTarget size={20} aria-hidden /> },
    { to: '/feedback', label: t('nav.feedback'), icon: <IconMessageHeart size={20} aria-hidden /> },
  ];
  if (me.directReports.length > 0) own.push({ to: '/team', label: t('nav.team'), icon: <IconUsersGroup size={20} aria-hidden /> });
  const organisation: NavItem[] = [];
  if (me.abilities.viewDirectory) organisation.push({ to: '/employees', label: t('nav.employees'), icon: <IconUsers size={20} aria-hidden /> });
  organisation.push({ to: '/departments', label: t('nav.departments'), icon: <IconBuildingCommunity size={20} aria-hidden /> });
  const settings: NavItem[] = [];
  if (me.abilities.manageGuidance) settings.push({ to: '/question-bank', label: t('nav.questionBank'), icon: <IconBooks size={20} aria-hidden /> });
  const personal: NavItem[] = [
    { to: '/profile', label: t('nav.profile'), icon: <IconUserCircle size={20} aria-hidden /> },
    { to: '/settings/notifications', label: t('notify.nav.settings'), icon: <IconBellCog size={20} aria-hidden /> },
  ];
  if (me.roles.includes('admin')) {
    settings.push({ to: '/admin/outbox', label: t('notify.nav.outbox'), icon: <IconMailbox size={20} aria-hidden /> });
    settings.push({ to: '/admin/webhooks', label: t('webhooks.nav'), icon: <IconWebhook size={20} aria-hidden /> });
    settings.push({ to: '/admin/sso', label: t('sso.nav'), icon: <IconKey size={20} aria-hidden /> });
    settings.push({ to: '/admin/audit', label: t('audit.adminNav'), icon: <IconHistory size={20} aria-hidden /> });
    organisation.push({ to: '/admin/employee-import', label: t('employeeImport.nav'), icon: <IconFileImport size={20} aria-hidden /> });
    organisation.push({ to: '/admin/scim', label: t('scim.nav'), icon: <IconUserShare size={20} aria-hidden /> });
  }
  const home: NavItem = { to: '/', label: t('nav.home'), icon: <IconHome size={20} aria-hidden /> };
  const groups: { label: string | null; items: NavItem[] }[] = organisational
    ? [
        {
          label: null,
          items: [
            home,
            { to: '/analytics', label: t('nav.analytics'), icon: <IconChartLine size={20} aria-hidden /> },
            { to: '/analytics/practice', label: t('nav.practice'), icon: <IconClipboardCheck size={20} aria-hidden /> },
          ],
        },
        { label: t('nav.groupOrganisation'), items: organisation },
        { label: t('nav.groupSettings'), items: [...settings, ...personal] },
        { label: t('nav.groupOwn'), items: own },
      ]
    : [{ label: null, items: [home, ...own, ...organisation, ...settings, ...personal] }];

  const isActive = (to: NavItem['to']) => {
    if (to === '/') return pathname === '/';
    if (to === '/one-on-ones' && pathname.startsWith('/meetings/')) return true;
    if (to === '/analytics') return pathname === '/analytics';
    return pathname === to || pathname.startsWith(`${to}/`);
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="app-navigation"
            />
            <Link to="/" aria-label={t('nav.homeLink')} style={{ textDecoration: 'none' }}>
              <Brand />
            </Link>
            <Text visibleFrom="md" size="sm" c="gray.7" truncate>
              {me.organisationName}
            </Text>
          </Group>
          <Box visibleFrom="sm" style={{ flex: '0 1 18rem', minWidth: 0 }}>
            <HeaderSearch />
          </Box>
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <NotificationBell />
            <Box style={{ minWidth: 0 }} ta="right">
              <Text size="sm" fw={600} truncate>
                {t('nav.signedInAs', { name: fullName(me) })}
              </Text>
              <Text size="xs" c="gray.7" truncate hiddenFrom="md">
                {me.organisationName}
              </Text>
            </Box>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" id="app-navigation" aria-label={t('nav.label')}>
        <AppShell.Section hiddenFrom="sm" mb="sm">
          <HeaderSearch />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={4}>
            {groups.flatMap((group) => [
              group.label ? (
                <Text key={`label-${group.label}`} size="xs" fw={700} c="gray.7" tt="uppercase" mt="sm" px="sm">
                  {group.label}
                </Text>
              ) : null,
              ...group.items.map((item) => (
              <NavLinkLink
                key={item.to}
                to={item.to}
                label={item.label}
                leftSection={item.icon}
                active={isActive(item.to)}
                aria-current={isActive(item.to) ? 'page' : undefined}
                variant="light"
                fw={500}
              />
              )),
            ])}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Divider my="sm" />
          <Button
            variant="default"
            justify="flex-start"
            fullWidth
            leftSection={<IconLogout size={20} aria-hidden />}
            onClick={() => signingOut.mutate()}
            loading={signingOut.isPending}
          >
            {t('nav.signOut')}
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main">
        <Box maw={1100} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
