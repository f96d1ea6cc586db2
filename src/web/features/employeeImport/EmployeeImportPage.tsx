import { Alert, Badge, Button, FileInput, Group, List, Paper, Progress, ScrollArea, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconDownload, IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  importFields,
  requiredImportFields,
  type ImportAnalysis,
  type ImportField,
  type ImportMapping,
  type ImportReport,
  type ImportRowStatus,
} from '../../../domain/employeeImport.js';
import { FormError } from '../../components/FormError.js';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { analyseImport, applyImport, dryRunImport, exportUrl, fileToBase64, type ImportDone } from './api.js';

const statusColor: Record<ImportRowStatus, string> = { create: 'teal', update: 'blue', unchanged: 'gray', error: 'red' };
const PAGE = 50;

/**
 * Admins bring the organisation in from HR or payroll software (SPEC §9): choose a CSV file (UTF-8
 * or Shift_JIS, detected), map its columns (remembered for next time), check it row by row without
 * writing, then import it in one go with a progress bar. The same data can be exported.
 */
export function EmployeeImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [analysis, setAnalysis] = useState<ImportAnalysis | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [report, setReport] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<ImportDone | null>(null);

  const analyse = useApiMutation(
    async (chosen: File) => {
      const base64 = await fileToBase64(chosen);
      return { name: chosen.name, base64, analysis: await analyseImport(base64) };
    },
    {
      onSuccess: (r) => {
        setFile({ name: r.name, base64: r.base64 });
        setAnalysis(r.analysis);
        setMapping(r.analysis.mapping);
      },
    },
  );
  const dryRun = useApiMutation(() => dryRunImport(file!.base64, mapping), { onSuccess: (r) => setReport(r) });
  const apply = useApiMutation(() => applyImport(file!.base64, mapping, (done, total) => setProgress({ done, total })), {
    invalidate: [['employees'], ['departments']],
    onSuccess: (r) => setResult(r),
  });

  const choose = (chosen: File | null) => {
    setFile(null);
    setAnalysis(null);
    setReport(null);
    setResult(null);
    setProgress(null);
    apply.reset();
    dryRun.reset();
    if (chosen) analyse.mutate(chosen);
  };
  const changeMapping = (field: ImportField, header: string | null) => {
    setReport(null);
    setMapping((m) => {
      const next = { ...m };
      if (header) next[field] = header;
      else delete next[field];
      return next;
    });
  };
  const missing = requiredImportFields.filter((f) => !mapping[f]);

  return (
    <Stack gap="lg">
      <PageHeader title={t('employeeImport.title')} description={t('employeeImport.description')} />

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="import-file">
        <Stack gap="sm">
          <Title order={2} size="h4" id="import-file">
            {t('employeeImport.step1')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('employeeImport.fileHelp')}
          </Text>
          <FileInput
            label={t('employeeImport.file')}
            placeholder={t('employeeImport.filePlaceholder')}
            accept=".csv,text/csv"
            leftSection={<IconFileTypeCsv size={18} aria-hidden />}
            clearable
            clearButtonProps={{ 'aria-label': t('actions.clear') }}
            onChange={choose}
            disabled={analyse.isPending || apply.isPending}
            maw={480}
          />
          <FormError message={analyse.formError} />
          {analysis && file ? (
            <Group gap="xs" wrap="wrap" aria-live="polite">
              <Badge variant="light" tt="none">
                {t(`employeeImport.encoding.${analysis.encoding}`)}
              </Badge>
              <Text size="sm">{t('employeeImport.rows', { count: analysis.rowCount, name: file.name })}</Text>
            </Group>
          ) : null}
        </Stack>
      </Paper>

      {analysis ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="import-mapping">
          <Stack gap="sm">
            <Title order={2} size="h4" id="import-mapping">
              {t('employeeImport.step2')}
            </Title>
            <Text size="sm" c="gray.7">
              {analysis.mappingRemembered ? t('employeeImport.mappingRemembered') : t('employeeImport.mappingGuessed')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
              {importFields.map((field) => (
                <Select
                  key={field}
                  label={t(`employeeImport.fields.${field}`)}
                  required={requiredImportFields.includes(field)}
                  placeholder={t('employeeImport.notImported')}
                  data={analysis.headers.filter(Boolean)}
                  value={mapping[field] ?? null}
                  onChange={(v) => changeMapping(field, v)}
                  clearable
                  clearButtonProps={{ 'aria-label': t('actions.clear') }}
                  searchable
                />
              ))}
            </SimpleGrid>
            <Text size="sm" c="gray.7">
              {t('employeeImport.mappingHelp')}
            </Text>
            <FormError message={dryRun.formError} />
            <Group>
              <Button
                onClick={() => dryRun.mutate()}
                loading={dryRun.isPending}
                disabled={missing.length > 0 || apply.isPending}
                h="auto"
                py={8}
                styles={{ label: { whiteSpace: 'normal' } }}
              >
                {t('employeeImport.check')}
              </Button>
              {missing.length > 0 ? (
                <Text size="sm" c="red.9">
                  {t('employeeImport.missing', { fields: missing.map((f) => t(`employeeImport.fields.${f}`)).join('、') })}
                </Text>
              ) : null}
            </Group>
          </Stack>
        </Paper>
      ) : null}

      {report ? (
        <ReportSection report={report} onApply={() => apply.mutate()} applying={apply.isPending} applied={result !== null} progress={progress} error={apply.formError} />
      ) : null}

      {result ? (
        <Alert color="teal" icon={<IconCheck aria-hidden />} title={t('employeeImport.doneTitle')} role="status">
          {t('employeeImport.done', { created: result.created, updated: result.updated, departments: result.departmentsCreated, seconds: (result.ms / 1000).toFixed(1) })}
        </Alert>
      ) : null}

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="export-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="export-title">
            {t('employeeImport.exportTitle')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('employeeImport.exportHelp')}
          </Text>
          <Group gap="sm">
            <Button component="a" href={exportUrl('utf-8')} download variant="default" leftSection={<IconDownload size={18} aria-hidden />}>
              {t('employeeImport.exportUtf8')}
            </Button>
            <Button component="a" href={exportUrl('shift_jis')} download variant="default" leftSection={<IconDownload size={18} aria-hidden />}>
              {t('employeeImport.exportSjis')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

function ReportSection(props: {
  report: ImportReport;
  onApply: () => void;
  applying: boolean;
  applied: boolean;
  progress: { done: number; total: number } | null;
  error: string | null;
}) {
  const { report, progress } = props;
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'attention' | 'all'>(report.canApply ? 'all' : 'attention');
  const [page, setPage] = useState(1);
  const rows = useMemo(
    () => (filter === 'all' ? report.rows : report.rows.filter((r) => r.problems.length > 0 || r.notes.length > 0)),
    [report.rows, filter],
  );
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice((page - 1) * PAGE, page * PAGE);
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="import-report">
      <Stack gap="sm">
        <Title order={2} size="h4" id="import-report">
          {t('employeeImport.step3')}
        </Title>
        <Group gap="xs" wrap="wrap">
          {(['create', 'update', 'unchanged', 'error'] as const).map((s) => (
            <Badge key={s} color={statusColor[s]} variant="light" size="lg" tt="none">
              {t(`employeeImport.status.${s}`)}: {report.counts[s]}
            </Badge>
          ))}
        </Group>
        {report.newDepartments.length > 0 ? (
          <div>
            <Text size="sm" fw={600}>
              {t('employeeImport.newDepartments', { count: report.newDepartments.length })}
            </Text>
            <List size="sm">
              {report.newDepartments.slice(0, 10).map((d) => (
                <List.Item key={d}>{d}</List.Item>
              ))}
            </List>
          </div>
        ) : null}
        {report.canApply ? (
          <Text size="sm">{t('employeeImport.ready')}</Text>
        ) : (
          <Alert color="red" variant="light" role="alert" title={t('employeeImport.refusedTitle')}>
            {t('employeeImport.refused', { count: report.counts.error })}
          </Alert>
        )}
        <SegmentedControl
          value={filter}
          onChange={(v) => {
            setFilter(v as 'attention' | 'all');
            setPage(1);
          }}
          data={[
            { value: 'attention', label: t('employeeImport.showAttention') },
            { value: 'all', label: t('employeeImport.showAll') },
          ]}
          fullWidth
          maw={420}
        />
        {shown.length === 0 ? (
          <Text size="sm" c="gray.7">
            {t('employeeImport.nothingToShow')}
          </Text>
        ) : (
          <ScrollArea type="auto">
            <Table striped verticalSpacing="xs" miw={560} aria-label={t('employeeImport.reportLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('employeeImport.row')}</Table.Th>
                  <Table.Th>{t('employeeImport.result')}</Table.Th>
                  <Table.Th>{t('employeeImport.person')}</Table.Th>
                  <Table.Th>{t('employeeImport.messages')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[r.status]} variant="light" tt="none">
                        {t(`employeeImport.status.${r.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Text size="sm">{r.name}</Text>
                      <Text size="xs" c="gray.7">
                        {r.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {r.problems.map((m, i) => (
                        <Text key={`p${i}`} size="sm" c="red.9">
                          {m.message}
                        </Text>
                      ))}
                      {r.notes.map((m, i) => (
                        <Text key={`n${i}`} size="sm" c="gray.7">
                          {m.message}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
        <ListPagination total={pages} value={page} onChange={setPage} label={t('employeeImport.reportLabel')} />
        <FormError message={props.error} />
        {progress ? (
          <Stack gap={4}>
            <Text size="sm" id="import-progress-label">
              {t('employeeImport.progress', { done: progress.done, total: progress.total })}
            </Text>
            <Progress value={percent} size="lg" animated={props.applying} aria-labelledby="import-progress-label" />
          </Stack>
        ) : null}
        <Group>
          <Button onClick={props.onApply} loading={props.applying} disabled={!report.canApply || props.applied} leftSection={<IconUpload size={18} aria-hidden />}>
            {t('employeeImport.apply', { count: report.counts.create + report.counts.update })}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
