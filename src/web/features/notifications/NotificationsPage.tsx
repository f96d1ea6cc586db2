import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from "@mantine/core";
import { IconBell, IconSettings } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Notification } from "../../../domain/notifications.js";
import { FormError } from "../../components/FormError.js";
import { ButtonLink } from "../../components/links.js";
import { ListPagination } from "../../components/ListPagination.js";
import { PageHeader } from "../../components/PageHeader.js";
import { PageLoader } from "../../components/PageLoader.js";
import { QueryError } from "../../components/QueryError.js";
import { currentLocale } from "../../i18n/index.js";
import { formatDateTime } from "../../lib/format.js";
import { useMe } from "../../lib/session.js";
import { useApiMutation } from "../../lib/useApiMutation.js";
import { markAllRead, markRead, notificationsQuery } from "./api.js";

/** The in-app notification centre: newest first, unread marked, each one leads to its page. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<"all" | "unread">("all");
  const query = useQuery(notificationsQuery(page, filter === "unread"));
  /** Marks one notification read, or all of them (null). */
  const read = useApiMutation(
    (id: string | null) => (id ? markRead(id) : markAllRead()),
    { invalidate: [["notifications"]] },
  );
  // Opening marks the notification read on the way; its page matters more than the mark.
  const openOne = useApiMutation(
    async (n: Notification) => {
      if (!n.read) await markRead(n.id).catch(() => undefined);
    },
    {
      invalidate: [["notifications"]],
      onSuccess: (_done, n) => navigate({ href: n.link }),
    },
  );

  const text = (n: Notification) => {
    const params: Record<string, string | number> = { ...n.params };
    if (typeof n.params.startsAt === "string")
      params.when = formatDateTime(
        new Date(n.params.startsAt),
        locale,
        me.timeZone,
      );
    return t(`notify.kinds.${n.kind}.message`, params);
  };
  return (
    <Stack gap="md">
      <PageHeader
        title={t("notify.centre.title")}
        description={t("notify.centre.description")}
        actions={
          <>
            <Button
              variant="default"
              onClick={() => read.mutate(null)}
              loading={read.variables === null}
              disabled={!query.data?.unread}
            >
              {t("notify.centre.markAll")}
            </Button>
            <ButtonLink
              to="/settings/notifications"
              variant="light"
              leftSection={<IconSettings size={18} aria-hidden />}
            >
              {t("notify.settings.title")}
            </ButtonLink>
          </>
        }
      />
      <SegmentedControl
        value={filter}
        onChange={(v) => {
          setFilter(v as "all" | "unread");
          setPage(1);
        }}
        data={[
          { value: "all", label: t("notify.centre.all") },
          {
            value: "unread",
            label: t("notify.centre.unreadOnly", {
              count: query.data?.unread ?? 0,
            }),
          },
        ]}
        aria-label={t("notify.centre.filter")}
        style={{ alignSelf: "flex-start" }}
      />
      <FormError message={read.formError} onClose={read.clearErrors} />
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Paper withBorder p="lg" radius="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <IconBell size={24} aria-hidden />
            <Stack gap={4}>
              <Text fw={600}>
                {filter === "unread"
                  ? t("notify.centre.emptyUnread")
                  : t("notify.centre.empty")}
              </Text>
              <Text size="sm" c="gray.7">
                {t("notify.centre.emptyHint")}
              </Text>
            </Stack>
          </Group>
        </Paper>
      ) : (
        <Stack
          gap="xs"
          component="ul"
          style={{ listStyle: "none", padding: 0, margin: 0 }}
          aria-label={t("notify.centre.title")}
        >
          {query.data.items.map((n) => (
            <Paper
              key={n.id}
              component="li"
              withBorder
              p="sm"
              radius="md"
              bg={n.read ? undefined : "blue.0"}
            >
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={2} style={{ flex: "1 1 16rem", minWidth: 0 }}>
                  <Group gap="xs">
                    {!n.read ? (
                      <Badge size="sm" variant="filled">
                        {t("notify.centre.new")}
                      </Badge>
                    ) : null}
                    <Text size="xs" c="gray.7">
                      {t(`notify.kinds.${n.kind}.label`)} ·{" "}
                      {formatDateTime(
                        new Date(n.createdAt),
                        locale,
                        me.timeZone,
                      )}
                    </Text>
                  </Group>
                  <Text size="sm" fw={n.read ? 400 : 600}>
                    {text(n)}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Button
                    size="xs"
                    loading={openOne.variables?.id === n.id}
                    onClick={() => openOne.mutate(n)}
                  >
                    {t("notify.centre.open")}
                  </Button>
                  {!n.read ? (
                    <Button
                      size="xs"
                      variant="default"
                      loading={read.variables === n.id}
                      onClick={() => read.mutate(n.id)}
                    >
                      {t("notify.centre.markRead")}
                    </Button>
                  ) : null}
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {query.data ? (
        <ListPagination
          total={Math.ceil(query.data.total / query.data.pageSize)}
          value={page}
          onChange={setPage}
        />
      ) : null}
    </Stack>
  );
}
