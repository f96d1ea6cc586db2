import {
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { IconCalendar, IconMail } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  inAppPossible,
  type CalendarFeed,
  type NotificationPreference,
} from "../../../domain/notifications.js";
import { FormError } from "../../components/FormError.js";
import { ButtonLink } from "../../components/links.js";
import { PageHeader } from "../../components/PageHeader.js";
import { PageLoader } from "../../components/PageLoader.js";
import { ShownOnce } from "../../components/ShownOnce.js";
import { QueryError } from "../../components/QueryError.js";
import { useMe } from "../../lib/session.js";
import { useApiMutation } from "../../lib/useApiMutation.js";
import {
  createFeed,
  feedQuery,
  revokeFeed,
  saveSettings,
  settingsQuery,
} from "./api.js";

/** Notification settings: channels per kind, e-mail status, and the personal calendar feed. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const query = useQuery(settingsQuery);
  const queryClient = useQueryClient();
  const [prefs, setPrefs] = useState<NotificationPreference[]>([]);
  const save = useApiMutation(saveSettings, {
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsQuery.queryKey, saved);
      toast.show({ color: "teal", message: t("notify.settings.saved") });
    },
  });

  useEffect(() => {
    if (query.data) setPrefs(query.data.preferences);
  }, [query.data]);

  if (query.isPending) return <PageLoader />;
  if (query.isError)
    return (
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
    );

  const toggle = (
    kind: NotificationPreference["kind"],
    channel: "inApp" | "email",
    value: boolean,
  ) =>
    setPrefs((list) =>
      list.map((p) => (p.kind === kind ? { ...p, [channel]: value } : p)),
    );
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("notify.settings.title")}
        description={t("notify.settings.description", {
          timeZone: query.data.timeZone,
        })}
      />
      {!query.data.mailConfigured ? (
        <Alert
          color="blue"
          icon={<IconMail size={20} aria-hidden />}
          title={t("notify.settings.noMailTitle")}
        >
          <Stack gap="xs">
            <Text size="sm">{t("notify.settings.noMail")}</Text>
            {me.roles.includes("admin") ? (
              <ButtonLink
                to="/admin/outbox"
                size="xs"
                variant="default"
                style={{ alignSelf: "flex-start" }}
              >
                {t("notify.outbox.title")}
              </ButtonLink>
            ) : null}
          </Stack>
        </Alert>
      ) : null}

      <Paper
        withBorder
        p="md"
        radius="md"
        component="section"
        aria-labelledby="notify-channels"
      >
        <Title order={2} size="h4" id="notify-channels" mb="sm">
          {t("notify.settings.channels")}
        </Title>
        <Table.ScrollContainer minWidth={320}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("notify.settings.kind")}</Table.Th>
                <Table.Th ta="center">{t("notify.settings.inApp")}</Table.Th>
                <Table.Th ta="center">{t("notify.settings.email")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {prefs.map((p) => (
                <Table.Tr key={p.kind}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {t(`notify.kinds.${p.kind}.label`)}
                    </Text>
                    <Text size="xs" c="gray.7">
                      {t(`notify.kinds.${p.kind}.when`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="center">
                      <Checkbox
                        checked={p.inApp}
                        disabled={!inAppPossible(p.kind)}
                        onChange={(e) =>
                          toggle(p.kind, "inApp", e.currentTarget.checked)
                        }
                        aria-label={t("notify.settings.inAppFor", {
                          kind: t(`notify.kinds.${p.kind}.label`),
                        })}
                      />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="center">
                      <Checkbox
                        checked={p.email}
                        onChange={(e) =>
                          toggle(p.kind, "email", e.currentTarget.checked)
                        }
                        aria-label={t("notify.settings.emailFor", {
                          kind: t(`notify.kinds.${p.kind}.label`),
                        })}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <FormError message={save.formError} />
        <Group mt="md">
          <Button onClick={() => save.mutate(prefs)} loading={save.isPending}>
            {t("notify.settings.save")}
          </Button>
        </Group>
      </Paper>

      <CalendarFeedSection />
    </Stack>
  );
}

function CalendarFeedSection() {
  const { t } = useTranslation();
  const query = useQuery(feedQuery);
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CalendarFeed | null>(null);
  /** Creating shows the new address once (`keep`); revoking forgets it. */
  const change = useApiMutation(
    ({ action }: { action: () => Promise<CalendarFeed>; keep: boolean }) => action(),
    {
      onSuccess: (feed, { keep }) => {
        setCreated(keep ? feed : null);
        queryClient.setQueryData(feedQuery.queryKey, { ...feed, url: null });
      },
    },
  );
  const active = query.data?.active ?? false;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="notify-feed"
    >
      <Title order={2} size="h4" id="notify-feed" mb="xs">
        {t("notify.feed.title")}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {t("notify.feed.description")}
      </Text>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      {created?.url ? (
        <Box mb="sm">
          <ShownOnce
            notice={t("notify.feed.shownOnce")}
            label={t("notify.feed.url")}
            value={created.url}
            copyLabel={t("notify.feed.copy")}
            copiedLabel={t("notify.feed.copied")}
          />
        </Box>
      ) : (
        <Text size="sm" mb="sm">
          {active ? t("notify.feed.active") : t("notify.feed.inactive")}
        </Text>
      )}
      <FormError message={change.formError} />
      <Group gap="sm">
        <Button
          leftSection={<IconCalendar size={18} aria-hidden />}
          onClick={() => change.mutate({ action: createFeed, keep: true })}
          loading={change.isPending}
        >
          {active ? t("notify.feed.replace") : t("notify.feed.create")}
        </Button>
        {active ? (
          <Button
            variant="default"
            color="red"
            onClick={() => change.mutate({ action: revokeFeed, keep: false })}
            disabled={change.isPending}
          >
            {t("notify.feed.revoke")}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
