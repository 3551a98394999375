import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowUp, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  useAcknowledgeComplaint,
  useComplaint,
  useComplaintNote,
  useEscalateComplaint,
  useFinalResponse,
} from '../../api/complaints';
import { FormError } from '../../components/FormError';
import { useFormatters } from '../../i18n/format';
import {
  COMPLAINT_LEVELS,
  COMPLAINT_OUTCOMES,
  type ComplaintOutcome,
} from '../../../../src/shared/complaints';
import type { ComplaintDetail } from '../../../../src/shared/contracts/complaints';
import { parseMinor, useMinorMoney } from '../payments/paymentFormat';
import { ComplaintStatusBadge, DeadlineLine } from './complaintFormat';
import { useComplaintError } from './useComplaintError';

/** /complaints/:id — the complaint, its deadlines, the investigation, escalation and the final response. */
export default function ComplaintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const complaint = useComplaint(id);
  const c = complaint.data;
  if (!c) return null;
  return (
    <Stack gap="md" data-testid="complaint-page">
      <Group justify="space-between">
        <Stack gap={2}>
          <Anchor component={Link} to="/complaints" size="sm">
            {t('complaints.detail.back')}
          </Anchor>
          <Title order={1} fz="h2" ff="monospace" data-testid="complaint-reference">
            {c.reference}
          </Title>
          <Group gap="xs">
            <ComplaintStatusBadge status={c.status} />
            <Badge variant="light" color="grape" data-testid="complaint-level">
              {t(`complaints.level.${c.level}`)}
            </Badge>
            <Anchor component={Link} to={`/support?view=all&c=${c.conversationId}`} size="sm">
              {t('complaints.detail.conversation', { number: c.conversationNumber })}
            </Anchor>
          </Group>
        </Stack>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Facts c={c} />
        <Card withBorder>
          <Title order={2} fz="md" mb="xs">
            {t('complaints.detail.deadlines')}
          </Title>
          <Stack gap={6} data-testid="complaint-deadlines">
            {c.deadlines.map((d) => (
              <DeadlineLine
                key={d.kind}
                label={t(`complaints.deadline.${d.kind}`)}
                dueAt={d.dueAt}
                metAt={d.metAt}
                warned={d.warned}
              />
            ))}
          </Stack>
          {!c.acknowledgedAt && <AcknowledgeButton id={c.id} />}
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Notes c={c} />
        <Escalation c={c} />
      </SimpleGrid>
      <FinalResponse c={c} />
    </Stack>
  );
}

function Facts({ c }: { c: ComplaintDetail }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = useMinorMoney();
  const row = (label: string, value: string | null) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={170}>
        {label}
      </Text>
      <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
        {value ?? '—'}
      </Text>
    </Group>
  );
  return (
    <Card withBorder>
      <Title order={2} fz="md" mb="xs">
        {t('complaints.detail.facts')}
      </Title>
      <Stack gap={4}>
        {row(t('complaints.fields.client'), c.clientName)}
        {row(t('complaints.fields.received'), fmt.dateTime(c.receivedAt))}
        {row(t('complaints.fields.category'), t(`complaints.category.${c.category}`))}
        {row(t('complaints.fields.product'), t(`complaints.product.${c.product}`))}
        {row(t('complaints.fields.account'), c.account)}
        {row(t('complaints.fields.amountAtStake'), money(c.amountAtStake, c.currency))}
        {row(t('complaints.fields.desiredOutcome'), c.desiredOutcome)}
        {row(t('complaints.fields.description'), c.description)}
        {row(t('complaints.fields.handler'), c.handlerName)}
      </Stack>
    </Card>
  );
}

function AcknowledgeButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const ack = useAcknowledgeComplaint(id);
  return (
    <Button mt="sm" size="xs" variant="light" loading={ack.isPending} onClick={() => ack.mutate()}>
      {t('complaints.detail.acknowledge')}
    </Button>
  );
}

function Notes({ c }: { c: ComplaintDetail }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const toMessage = useComplaintError();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const note = useComplaintNote(c.id, {
    onSuccess: () => setBody(''),
    onError: (e) => setError(toMessage(e)),
  });
  return (
    <Card withBorder>
      <Title order={2} fz="md" mb="xs">
        {t('complaints.detail.notes')}
      </Title>
      <Stack gap="xs" data-testid="complaint-notes">
        {c.notes.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('complaints.detail.noNotes')}
          </Text>
        )}
        {c.notes.map((n) => (
          <div key={n.id}>
            <Text size="xs" c="dimmed">
              {n.authorName} · {fmt.dateTime(n.createdAt)}
            </Text>
            <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
              {n.body}
            </Text>
          </div>
        ))}
        <Textarea
          label={t('complaints.detail.addNote')}
          placeholder={t('complaints.detail.notePlaceholder')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={2}
          data-testid="note-body"
        />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button
            size="xs"
            disabled={!body.trim()}
            loading={note.isPending}
            onClick={() => {
              setError(null);
              note.mutate(body.trim());
            }}
            data-testid="note-add"
          >
            {t('complaints.detail.addNote')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Escalation({ c }: { c: ComplaintDetail }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const toMessage = useComplaintError();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const escalate = useEscalateComplaint(c.id, {
    onSuccess: () => setReason(''),
    onError: (e) => setError(toMessage(e)),
  });
  const next = COMPLAINT_LEVELS[COMPLAINT_LEVELS.indexOf(c.level) + 1];
  return (
    <Card withBorder>
      <Title order={2} fz="md" mb="xs">
        {t('complaints.detail.escalations')}
      </Title>
      <Stack gap="xs" data-testid="complaint-escalations">
        {c.escalations.map((e) => (
          <Text size="sm" key={e.id}>
            {t('complaints.detail.escalated', {
              from: t(`complaints.level.${e.fromLevel}`),
              to: t(`complaints.level.${e.toLevel}`),
              by: e.byName ?? '—',
              date: fmt.dateTime(e.createdAt),
            })}
            {' — '}
            <Text span dir="auto">
              {e.reason}
            </Text>
          </Text>
        ))}
        {!next && <Text size="sm">{t('complaints.detail.atTop')}</Text>}
        {next && c.status === 'open' && (
          <>
            <TextInput
              label={t('complaints.detail.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="escalate-reason"
            />
            <FormError message={error} />
            <Group justify="flex-end">
              <Button
                size="xs"
                variant="light"
                leftSection={<IconArrowUp size={14} />}
                disabled={!reason.trim()}
                loading={escalate.isPending}
                onClick={() => {
                  setError(null);
                  escalate.mutate(reason.trim());
                }}
                data-testid="escalate"
              >
                {t('complaints.detail.escalate', { level: t(`complaints.level.${next}`) })}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

function FinalResponse({ c }: { c: ComplaintDetail }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = useMinorMoney();
  const toMessage = useComplaintError();
  const [outcome, setOutcome] = useState<ComplaintOutcome | null>(null);
  const [amount, setAmount] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useFinalResponse(c.id, {
    onSuccess: () => notifications.show({ color: 'teal', message: t('complaints.detail.sent') }),
    onError: (e) => setError(toMessage(e)),
  });
  const redress = amount.trim() ? parseMinor(amount, c.currency) : null;
  return (
    <Card withBorder data-testid="final-response">
      <Title order={2} fz="md" mb="xs">
        {t('complaints.detail.finalResponse')}
      </Title>
      {c.letter ? (
        <Stack gap={4}>
          <Text size="sm">
            {t(`complaints.outcome.${c.outcome}`)}
            {c.redressAmount ? ` · ${money(c.redressAmount, c.redressCurrency ?? c.currency)}` : ''}
            {' · '}
            {fmt.dateTime(c.finalResponseAt)}
          </Text>
          <Group gap="xs">
            <Anchor href={c.letter.url} data-testid="letter-link">
              <Group gap={4}>
                <IconFileTypePdf size={16} />
                {t('complaints.detail.letter')}
              </Group>
            </Anchor>
            {c.letter.mailedTo && (
              <Text size="sm" c="dimmed">
                {t('complaints.detail.mailedTo', { email: c.letter.mailedTo })}
              </Text>
            )}
          </Group>
        </Stack>
      ) : (
        <Stack gap="xs">
          <Group grow align="flex-start">
            <Select
              label={t('complaints.fields.outcome')}
              data={COMPLAINT_OUTCOMES.map((o) => ({ value: o, label: t(`complaints.outcome.${o}`) }))}
              value={outcome}
              onChange={(v) => setOutcome(v as ComplaintOutcome | null)}
              data-testid="final-outcome"
            />
            <TextInput
              label={`${t('complaints.detail.redressAmount')} (${c.currency})`}
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={amount.trim() && redress === null ? t('complaints.errors.amount') : undefined}
              inputMode="decimal"
              data-testid="final-redress"
            />
          </Group>
          <Textarea
            label={t('complaints.detail.letterBody')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={4}
            data-testid="final-body"
          />
          <FormError message={error} />
          <Group justify="flex-end">
            <Button
              disabled={!outcome || !body.trim() || (!!amount.trim() && redress === null)}
              loading={send.isPending}
              onClick={() => {
                setError(null);
                send.mutate({
                  outcome: outcome!,
                  redressAmount: redress,
                  redressCurrency: redress ? c.currency : null,
                  body: body.trim(),
                });
              }}
              data-testid="final-send"
            >
              {t('complaints.detail.send')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
