import { Alert, Badge, Button, Card, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBooks, IconBulb, IconSend, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerMax, preQuestionAnswerSchema, preQuestionCreateSchema, questionMax, type PreQuestion } from '../../../domain/agenda.js';
import { currentLocale } from '../../i18n/index.js';
import { answerPreQuestion, closedQuestionQuery, oneOnOneKeys, removePreQuestion, sendPreQuestion, type MeetingDetail } from '../../lib/oneOnOne.js';
import { schemaErrors } from '../../lib/formSchema.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { QuestionBankModal } from './QuestionBankModal.js';
import { FormError } from '../../components/FormError.js';

/** The manager writes or picks a question; a yes/no question gets an open alternative while typing. */
function AskForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [bankId, setBankId] = useState<{ id: string; text: string } | null>(null);
  const [bankOpen, setBankOpen] = useState(false);
  const sendQuestion = useApiMutation((body: Parameters<typeof sendPreQuestion>[1]) => sendPreQuestion(meetingId, body), {
    invalidate: oneOnOneKeys,
    onSuccess: (q) => {
      setText('');
      setBankId(null);
      notifications.show({ color: 'teal', message: q.closed ? t('preQuestions.sentClosed') : t('preQuestions.sent') });
    },
  });
  const [debounced] = useDebouncedValue(text.trim(), 400);
  const check = useQuery(closedQuestionQuery(debounced));
  const showHint = debounced.length > 0 && debounced === text.trim() && check.data?.closed;

  const send = () => {
    const body = { text: text.trim(), ...(bankId && bankId.text === text.trim() ? { bankQuestionId: bankId.id } : {}) };
    const problems = schemaErrors(preQuestionCreateSchema, body);
    sendQuestion.setFields(problems);
    if (Object.keys(problems).length === 0) sendQuestion.mutate(body);
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <Stack gap="sm">
          <Group justify="space-between" gap="sm">
            <Title order={3} size="h5">
              {t('preQuestions.askTitle')}
            </Title>
            <Button size="xs" variant="light" leftSection={<IconBooks size={16} aria-hidden />} onClick={() => setBankOpen(true)}>
              {t('preQuestions.fromBank')}
            </Button>
          </Group>
          <Textarea
            label={t('preQuestions.question')}
            description={t('preQuestions.questionHint')}
            autosize
            minRows={2}
            maxLength={questionMax}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={sendQuestion.fields.text ?? sendQuestion.formError}
          />
          <div aria-live="polite">
            {showHint && check.data ? (
              <Alert color="blue" variant="light" icon={<IconBulb aria-hidden />} title={t('preQuestions.closedTitle')}>
                <Stack gap="xs" align="flex-start">
                  <Text size="sm">
                    {check.data.openAlternative
                      ? t('preQuestions.closedHint', { alternative: check.data.openAlternative })
                      : t('preQuestions.closedHintNoAlternative')}
                  </Text>
                  {check.data.openAlternative ? (
                    <Button
                      size="xs"
                      variant="outline"
                      color="blue.9"
                      onClick={() => {
                        setText(check.data.openAlternative ?? '');
                        setBankId(null);
                      }}
                    >
                      {t('preQuestions.useAlternative')}
                    </Button>
                  ) : null}
                </Stack>
              </Alert>
            ) : null}
          </div>
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconSend size={16} aria-hidden />} loading={sendQuestion.isPending}>
              {t('preQuestions.send')}
            </Button>
          </Group>
        </Stack>
      </form>
      <QuestionBankModal
        opened={bankOpen}
        onClose={() => setBankOpen(false)}
        onPick={(q) => {
          const picked = currentLocale() === 'ja' ? q.ja : q.en;
          setText(picked);
          setBankId({ id: q.id, text: picked });
          setBankOpen(false);
        }}
      />
    </Paper>
  );
}

/** The report's answer to one question, saved with a button. */
function AnswerForm({ question }: { question: PreQuestion }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState(question.answer ?? '');
  const submit = useApiMutation((text: string) => answerPreQuestion(question.id, text), {
    invalidate: oneOnOneKeys,
    onSuccess: () => notifications.show({ color: 'teal', message: t('preQuestions.answerSaved') }),
  });
  const unchanged = answer.trim() === (question.answer ?? '');
  const save = () => {
    const problems = schemaErrors(preQuestionAnswerSchema, { answer: answer.trim() });
    submit.setFields(problems);
    if (Object.keys(problems).length === 0) submit.mutate(answer.trim());
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('preQuestions.yourAnswer')}
          autosize
          minRows={2}
          maxLength={answerMax}
          value={answer}
          onChange={(e) => setAnswer(e.currentTarget.value)}
          error={submit.fields.answer ?? submit.formError}
        />
        <Group justify="flex-end">
          <Button type="submit" size="sm" loading={submit.isPending} disabled={unchanged}>
            {question.answer ? t('preQuestions.updateAnswer') : t('preQuestions.saveAnswer')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** 事前質問: the manager sends questions before the meeting; the report answers them. */
export function PreQuestionsSection({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const { meeting, preQuestions, series } = detail;
  const isManager = series.myRole === 'manager';
  const remove = useApiMutation(removePreQuestion, {
    invalidate: oneOnOneKeys,
    onSuccess: () => notifications.show({ color: 'teal', message: t('preQuestions.removed') }),
  });

  return (
    <Stack gap="sm" component="section" aria-labelledby="pre-questions-title" id="pre-questions" style={{ scrollMarginTop: 72 }}>
      <Title order={2} size="h3" id="pre-questions-title">
        {t('preQuestions.title')}
      </Title>
      <Text size="sm" c="gray.7">
        {isManager ? t('preQuestions.leadManager') : t('preQuestions.leadReport')}
      </Text>
      {meeting.abilities.askPreQuestion ? <AskForm meetingId={meeting.id} /> : null}
      <FormError message={remove.formError} />
      {preQuestions.length === 0 ? (
        <Text size="sm" c="gray.7">
          {isManager ? t('preQuestions.emptyManager') : t('preQuestions.emptyReport')}
        </Text>
      ) : (
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {preQuestions.map((q) => (
            <Card key={q.id} component="li" withBorder radius="md" padding="sm">
              <Stack gap="xs">
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                  <Text fw={700} style={{ minWidth: 0 }}>
                    {q.text}
                  </Text>
                  <Badge color={q.answer ? 'teal' : 'gray.8'} variant={q.answer ? 'light' : 'outline'} style={{ flexShrink: 0, textTransform: 'none' }}>
                    {q.answer ? t('preQuestions.answered') : t('preQuestions.unanswered')}
                  </Badge>
                </Group>
                {isManager && q.closed ? (
                  <Text size="sm" c="blue.9">
                    {q.openAlternative ? t('preQuestions.closedHint', { alternative: q.openAlternative }) : t('preQuestions.closedHintNoAlternative')}
                  </Text>
                ) : null}
                {q.abilities.answer ? (
                  <AnswerForm question={q} />
                ) : q.answer ? (
                  <Paper bg="gray.0" p="sm" radius="sm">
                    <Text size="xs" c="gray.7" fw={600}>
                      {isManager ? t('preQuestions.answerBy', { name: series.report.familyName }) : t('preQuestions.yourAnswer')}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {q.answer}
                    </Text>
                  </Paper>
                ) : null}
                {q.abilities.remove ? (
                  <Group justify="flex-end">
                    <Button
                      size="xs"
                      variant="outline"
                      color="red.9"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      loading={remove.variables === q.id}
                      onClick={() => remove.mutate(q.id)}
                      aria-label={t('preQuestions.removeNamed', { text: q.text })}
                    >
                      {t('preQuestions.remove')}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
