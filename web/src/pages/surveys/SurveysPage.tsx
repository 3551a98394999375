import { BarChart, LineChart } from '@mantine/charts';
import {
  Badge,
  Box,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconMessageStar } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCampaigns,
  useCloseCampaign,
  useNpsComments,
  useNpsResults,
  type NpsSegmentKey,
} from '../../api/surveys';
import { ConfirmModal } from '../../components/ConfirmModal';
import { useErrorMessage } from '../../components/useErrorMessage';
import type { CampaignView } from '../../../../src/shared/contracts/surveys';
import { DataTable } from '../../components/DataTable';
import { EmptyBlock } from '../../components/EmptyBlock';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../i18n/format';
import { usePermission } from '../../session/useSession';
import { CampaignForm } from './CampaignForm';
import { ProactiveSettings } from './ProactiveSettings';

const SEGMENTS: NpsSegmentKey[] = ['status', 'country', 'language', 'manager'];

/** NPS: the campaigns (team leads create them), the results per segment and week, scoped comments. */
export default function SurveysPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const canCreate = usePermission('support.supervise');
  const [creating, setCreating] = useState(false);
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [closing, setClosing] = useState<CampaignView | null>(null);
  const errorMessage = useErrorMessage();
  const close = useCloseCampaign({ onSuccess: () => setClosing(null) });
  const [by, setBy] = useState<NpsSegmentKey>('status');
  const campaigns = useCampaigns();
  const results = useNpsResults(campaignId, by);
  const comments = useNpsComments(campaignId);
  const items = campaigns.data?.items ?? [];
  const r = results.data;
  return (
    <Stack gap="md" p="md" data-testid="surveys-page">
      <PageHeader
        main
        title={t('care.surveys.title')}
        description={t('care.surveys.description')}
        actions={
          canCreate && (
            <Button onClick={() => setCreating((c) => !c)} data-testid="campaign-create">
              {t('care.surveys.create')}
            </Button>
          )
        }
      />
      <ConfirmModal
        opened={closing !== null}
        title={t('care.surveys.closeTitle', { name: closing?.name ?? '' })}
        message={t('care.surveys.closeMessage')}
        confirmLabel={t('care.surveys.close')}
        loading={close.isPending}
        error={close.error ? errorMessage(close.error) : null}
        onConfirm={() => closing && close.mutate(closing.id)}
        onClose={() => {
          setClosing(null);
          close.reset();
        }}
      />
      {creating && (
        <Card withBorder>
          <CampaignForm onDone={() => setCreating(false)} />
        </Card>
      )}
      <Title order={2} fz="h4">
        {t('care.surveys.campaigns')}
      </Title>
      {items.length === 0 ? (
        <EmptyBlock icon={<IconMessageStar size={22} />} title={t('care.surveys.none')} />
      ) : (
        <DataTable
          testId="campaigns"
          minWidth={640}
          columns={[
            { label: t('care.surveys.name') },
            { label: t('care.surveys.channels') },
            { label: t('care.surveys.recipients') },
            { label: t('care.surveys.answers') },
            { label: t('care.surveys.nps') },
            { label: t('care.surveys.created') },
            { label: t('care.surveys.state') },
            ...(canCreate ? [{ label: t('common.actions') }] : []),
          ]}
        >
          {items.map((c) => (
            <Table.Tr key={c.id} data-testid="campaign-row">
              <Table.Td dir="auto">{c.name}</Table.Td>
              <Table.Td>{c.channels.map((ch) => t(`care.surveys.${ch}`)).join(', ')}</Table.Td>
              <Table.Td>{c.recipients}</Table.Td>
              <Table.Td>{c.answers}</Table.Td>
              <Table.Td data-testid="campaign-nps">{c.nps ?? '—'}</Table.Td>
              <Table.Td>{dateTime(c.createdAt)}</Table.Td>
              <Table.Td data-testid="campaign-state">
                {c.closedAt ? (
                  <Badge color="gray.7">{t('care.surveys.closedOn', { date: dateTime(c.closedAt) })}</Badge>
                ) : (
                  <Badge color="teal.9">{t('care.surveys.open')}</Badge>
                )}
              </Table.Td>
              {canCreate && (
                <Table.Td>
                  {!c.closedAt && (
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => setClosing(c)}
                      data-testid="campaign-close"
                    >
                      {t('care.surveys.close')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Group justify="space-between" align="flex-end">
        <Title order={2} fz="h4">
          {t('care.surveys.results')}
        </Title>
        <Group gap="xs">
          <Select
            aria-label={t('care.surveys.campaigns')}
            data={[
              { value: '', label: t('care.surveys.allCampaigns') },
              ...items.map((c) => ({ value: c.id, label: c.name })),
            ]}
            value={campaignId ?? ''}
            onChange={(v) => setCampaignId(v || null)}
            allowDeselect={false}
          />
          <Select
            aria-label={t('care.surveys.by')}
            data={SEGMENTS.map((s) => ({ value: s, label: t(`care.surveys.by_${s}`) }))}
            value={by}
            onChange={(v) => v && setBy(v as NpsSegmentKey)}
            allowDeselect={false}
          />
        </Group>
      </Group>
      {r && (
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {(
            [
              ['nps', r.overall.nps ?? '—'],
              ['promoters', r.overall.promoters],
              ['passives', r.overall.passives],
              ['detractors', r.overall.detractors],
            ] as const
          ).map(([k, v]) => (
            <Card withBorder key={k} padding="sm">
              <Text fz="xs" c="dimmed">
                {t(`care.surveys.${k}`)}
              </Text>
              <Text fz="xl" fw={700} data-testid={`nps-${k}`}>
                {v}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {r && r.groups.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Box dir="ltr">
            <BarChart
              h={220}
              data={r.groups.map((g) => ({ key: g.key ?? t('care.surveys.unknown'), nps: g.nps ?? 0 }))}
              dataKey="key"
              series={[{ name: 'nps', label: t('care.surveys.nps'), color: 'blue.7' }]}
              yAxisProps={{ domain: [-100, 100] }}
            />
          </Box>
          <Box dir="ltr">
            <Text fz="sm" fw={600} mb={4}>
              {t('care.surveys.trend')}
            </Text>
            <LineChart
              h={200}
              data={r.trend.map((w) => ({ week: w.week, nps: w.nps ?? 0 }))}
              dataKey="week"
              series={[{ name: 'nps', label: t('care.surveys.nps'), color: 'teal.7' }]}
              yAxisProps={{ domain: [-100, 100] }}
            />
          </Box>
        </SimpleGrid>
      )}
      <Title order={2} fz="h4">
        {t('care.surveys.comments')}
      </Title>
      {(comments.data?.items.length ?? 0) === 0 ? (
        <Text c="dimmed" fz="sm">
          {t('care.surveys.noComments')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="nps-comments">
          {comments.data!.items.map((c) => (
            <Card withBorder padding="sm" key={`${c.campaignId}-${c.clientId}`}>
              <Group gap="xs" mb={4}>
                <Badge color={c.score >= 9 ? 'green.9' : c.score <= 6 ? 'red.9' : 'gray.7'}>{c.score}</Badge>
                <Text fz="sm" fw={600} dir="auto">
                  {c.clientName}
                </Text>
                <Text fz="xs" c="dimmed">
                  {dateTime(c.createdAt)}
                </Text>
              </Group>
              <Text fz="sm" dir="auto">
                {c.comment}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      {canCreate && (
        <>
          <Title order={2} fz="h4">
            {t('care.proactive.title')}
          </Title>
          <ProactiveSettings />
        </>
      )}
    </Stack>
  );
}
