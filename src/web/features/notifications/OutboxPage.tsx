import { Alert, Badge, Paper, Stack, Table, Text } from "@mantine/core";
import { IconMail } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ListPagination } from "../../components/ListPagination.js";
import { PageHeader } from "../../components/PageHeader.js";
import { PageLoader } from "../../components/PageLoader.js";
import { QueryError } from "../../components/QueryError.js";
import { currentLocale } from "../../i18n/index.js";
import { formatDateTime } from "../../lib/format.js";
import { useMe } from "../../lib/session.js";
import { outboxQuery } from "./api.js";

/** The admins' view of the e-mail Taiwa wrote: without SMTP settings this is where mail waits. */
export function OutboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const [page, setPage] = useState(1);
  const query = useQuery(outboxQuery(page));
  return (
    <Stack gap="md">
      <PageHeader
        title={t("notify.outbox.title")}
        description={t("notify.outbox.description")}
      />
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {!query.data.mailConfigured ? (
            <Alert color="blue" icon={<IconMail size={20} aria-hidden />}>
              {t("notify.outbox.noMail")}
            </Alert>
          ) : null}
          {query.data.items.length === 0 ? (
            <Paper withBorder p="lg" radius="md">
              <Text>{t("notify.outbox.empty")}</Text>
            </Paper>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("notify.outbox.created")}</Table.Th>
                    <Table.Th>{t("notify.outbox.to")}</Table.Th>
                    <Table.Th>{t("notify.outbox.subject")}</Table.Th>
                    <Table.Th>{t("notify.outbox.status")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.items.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>
                        {formatDateTime(
                          new Date(m.createdAt),
                          locale,
                          me.timeZone,
                        )}
                      </Table.Td>
                      <Table.Td>{m.toAddress}</Table.Td>
                      <Table.Td>
                        {m.subject}
                        {m.icalMethod ? (
                          <Badge ml="xs" size="xs" variant="light">
                            {m.icalMethod}
                          </Badge>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        {t(`notify.outbox.statuses.${m.status}`)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <ListPagination
            total={Math.ceil(query.data.total / query.data.pageSize)}
            value={page}
            onChange={setPage}
          />
        </>
      )}
    </Stack>
  );
}
