import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../domain/series.js';

const colour: Record<Series['status'], string> = { pending: 'indigo', active: 'teal', paused: 'indigo', ended: 'gray.8', declined: 'gray.8' };

/** 承諾待ち / 実施中 / 一時停止中 / 終了 / 辞退. */
export function SeriesStatusBadge({ status }: { status: Series['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={colour[status]} variant={status === 'ended' || status === 'declined' ? 'outline' : 'light'} style={{ flexShrink: 0 }}>
      {t(`seriesStatus.${status}`)}
    </Badge>
  );
}
