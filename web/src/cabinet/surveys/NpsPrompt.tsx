import { Button, Card, Chip, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { quiet, signedIn } from '../api';

interface OpenSurvey {
  id: string;
  name: string;
  question: string;
}
const KEY = ['cabinet', 'surveys'] as const;
const listSurveys = () => signedIn(http.get<{ items: OpenSurvey[] }>('/api/portal/surveys', quiet));
const answer = (v: { id: string; score: number; comment: string }) =>
  signedIn(
    http.post<{ duplicate: boolean; score: number }>(
      `/api/portal/surveys/${encodeURIComponent(v.id)}/answer`,
      { score: v.score, comment: v.comment.trim() || null },
      quiet,
    ),
  );

/** The cabinet's NPS prompt: the newest open survey, 0–10 and a comment, answered once. */
export function NpsPrompt() {
  const { t } = useTranslation();
  const surveys = useQuery({ queryKey: KEY, queryFn: listSurveys });
  const [score, setScore] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState(false);
  const send = useApiMutation(answer, { onSuccess: () => setDone(true) }, (qc) => {
    void qc.invalidateQueries({ queryKey: KEY });
  });
  if (done)
    return (
      <Card withBorder data-testid="nps-thanks">
        <Text>{t('care.surveys.promptThanks')}</Text>
      </Card>
    );
  const survey = surveys.data?.items[0];
  if (!survey) return null;
  return (
    <Card withBorder data-testid="nps-prompt">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (score !== null) send.mutate({ id: survey.id, score: Number(score), comment });
        }}
      >
        <Stack gap="xs">
          <Title order={2} fz="h4">
            {t('care.surveys.promptTitle')}
          </Title>
          <Text id="nps-question" dir="auto">
            {survey.question}
          </Text>
          <Chip.Group multiple={false} value={score} onChange={setScore}>
            <Group gap={4} role="radiogroup" aria-labelledby="nps-question" dir="ltr">
              {Array.from({ length: 11 }, (_, n) => (
                <Chip key={n} value={String(n)} size="sm" data-testid={`nps-score-${n}`}>
                  {n}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Group justify="space-between" dir="ltr">
            <Text fz="xs" c="dimmed">
              0 — {t('care.surveys.low')}
            </Text>
            <Text fz="xs" c="dimmed">
              10 — {t('care.surveys.high')}
            </Text>
          </Group>
          <Textarea
            label={t('care.surveys.promptComment')}
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.currentTarget.value)}
            data-testid="nps-comment"
          />
          <Group>
            <Button type="submit" disabled={score === null} loading={send.isPending} data-testid="nps-send">
              {t('care.surveys.promptSend')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
