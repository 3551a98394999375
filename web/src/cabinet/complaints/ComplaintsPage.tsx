import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../i18n/format';
import { ComplaintForm } from '../../pages/complaints/ComplaintForm';
import { ComplaintStatusBadge } from '../../pages/complaints/complaintFormat';
import { useMinorMoney } from '../../pages/payments/paymentFormat';
import { useCabinetError } from '../useCabinetError';
import { useCabinetComplaints, useFileComplaint } from './api';

/** /cabinet/complaints: file a formal complaint, and the list of own complaints with their deadlines. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = useMinorMoney();
  const toMessage = useCabinetError();
  const list = useCabinetComplaints();
  const file = useFileComplaint();
  const [filed, setFiled] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  // The deadline is the end of its last day: show that day.
  const lastDay = (dueAt: string) => fmt.date(new Date(new Date(dueAt).getTime() - 1).toISOString());
  return (
    <Stack gap="lg" data-testid="cab-complaints">
      <PageHeader main title={t('complaints.cabinet.title')} description={t('complaints.cabinet.subtitle')} />
      {filed && (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="cab-complaint-filed">
          {t('complaints.cabinet.filed', { reference: filed })}
        </Alert>
      )}
      <Card withBorder>
        <Title order={2} fz="lg" mb="sm">
          {t('complaints.cabinet.formTitle')}
        </Title>
        <ComplaintForm
          key={formKey}
          testId="cab-complaint-form"
          submitLabel={t('complaints.cabinet.submit')}
          pending={file.isPending}
          toMessage={toMessage}
          onSubmit={(input, fail) =>
            file.mutate(input, {
              onSuccess: (c) => {
                setFiled(c.reference);
                setFormKey((k) => k + 1);
              },
              onError: fail,
            })
          }
        />
      </Card>
      <Stack gap="sm">
        <Title order={2} fz="lg">
          {t('complaints.cabinet.list')}
        </Title>
        {list.isSuccess && list.data.length === 0 && <Text c="dimmed">{t('complaints.cabinet.empty')}</Text>}
        {(list.data ?? []).map((c) => (
          <Card withBorder key={c.id} data-testid="cab-complaint">
            <Group justify="space-between" wrap="wrap">
              <Group gap="xs">
                <Text ff="monospace" fw={700} data-testid="cab-complaint-reference">
                  {c.reference}
                </Text>
                <ComplaintStatusBadge status={c.status} />
                {c.acknowledgedAt && (
                  <Badge variant="light" color="blue">
                    {t('complaints.cabinet.acknowledged')}
                  </Badge>
                )}
              </Group>
              <Text size="sm" data-testid="cab-complaint-deadline">
                {c.finalResponseAt
                  ? t('complaints.cabinet.answered', { date: fmt.date(c.finalResponseAt) })
                  : t('complaints.cabinet.answerBy', { date: lastDay(c.finalResponseDueAt) })}
              </Text>
            </Group>
            <Text size="sm" mt={4}>
              {t(`complaints.category.${c.category}`)} · {c.account} · {money(c.amountAtStake, c.currency)}
            </Text>
            <Text size="sm" c="dimmed" dir="auto">
              {c.desiredOutcome}
            </Text>
            {c.outcome && (
              <Text size="sm" mt={4}>
                {t(`complaints.outcome.${c.outcome}`)}
                {c.redressAmount ? ` · ${money(c.redressAmount, c.redressCurrency ?? c.currency)}` : ''}
              </Text>
            )}
            {c.letterUrl && (
              <Anchor href={c.letterUrl} size="sm" mt={4} data-testid="cab-complaint-letter">
                <Group gap={4}>
                  <IconFileTypePdf size={16} />
                  {t('complaints.cabinet.letter')}
                </Group>
              </Anchor>
            )}
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
