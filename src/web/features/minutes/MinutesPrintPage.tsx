import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime, fullName } from '../../lib/format.js';
import { minutesQuery } from '../../lib/followUp.js';
import { meetingQuery } from '../../lib/oneOnOne.js';
import { useMe } from '../../lib/session.js';
import { MinutesDocumentView } from './MinutesDocumentView.js';
import classes from './MinutesPrint.module.css';

/** The minutes on a plain page for printing: no app shell, a print stylesheet, a button that prints. */
export function MinutesPrintPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const detail = useQuery(meetingQuery(id));
  const minutes = useQuery(minutesQuery(id));
  useDocumentTitle(t('app.documentTitle', { page: t('minutes.printTitle') }));

  let content;
  if (detail.isPending || minutes.isPending) {
    content = (
      <Group justify="center" py="xl" role="status">
        <Loader aria-label={t('status.loading')} />
      </Group>
    );
  } else if (detail.isError || minutes.isError) {
    content = <QueryError error={detail.error ?? minutes.error} onRetry={() => void Promise.all([detail.refetch(), minutes.refetch()])} />;
  } else {
    const { meeting, series } = detail.data;
    const m = minutes.data;
    content = (
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={1} size="h3">
            {t('minutes.printHeading', { manager: fullName(series.manager), report: fullName(series.report) })}
          </Title>
          <Text size="sm">
            {formatDateTime(new Date(meeting.startsAt), currentLocale(), me.timeZone)} · {t('minutes.versionShort', { version: m.version })} ·{' '}
            {t(`minutes.status.${m.status}`)}
          </Text>
        </Stack>
        <div className={classes.body}>
          <MinutesDocumentView content={m.content} />
        </div>
        {m.reportComment ? <Text size="sm">{t('minutes.reportComment', { comment: m.reportComment })}</Text> : null}
      </Stack>
    );
  }

  return (
    <main id="main" className={classes.page}>
      <Group justify="space-between" mb="lg" className={classes.noPrint} gap="sm">
        <AnchorLink to="/meetings/$meetingId/minutes" params={{ meetingId: id }} size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden />
            {t('minutes.backToMinutes')}
          </Group>
        </AnchorLink>
        <Button leftSection={<IconPrinter size={18} aria-hidden />} onClick={() => window.print()}>
          {t('minutes.printNow')}
        </Button>
      </Group>
      {content}
    </main>
  );
}
