import { Anchor, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useClientConversations } from '../../../api/support';
import { QueryCard } from '../../../components/QueryCard';
import { useFormatters } from '../../../i18n/format';
import { usePermission } from '../../../session/useSession';
import { ChannelIcon, ConversationStatusBadge } from '../supportFormat';

/**
 * "Support" on the client card: the client's conversations, newest first (live through the support
 * events, which refresh the `support` domain); staff who handle support open one in the inbox.
 */
export function SupportPanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const canHandle = usePermission('support.handle');
  const conversations = useClientConversations(clientId);
  return (
    <Card withBorder padding="sm" data-testid="support-panel">
      <Title order={3} fz="md" mb="xs">
        {t('support.card.tab')}
      </Title>
      <QueryCard
        query={conversations}
        skeletonRows={2}
        empty={{
          isEmpty: (data) => data.items.length === 0,
          icon: <IconMessages size={22} />,
          title: t('support.card.empty'),
          description: t('support.card.emptyHint'),
        }}
      >
        {(data) => (
          <Table fz="sm" verticalSpacing={4} highlightOnHover>
            <Table.Tbody>
              {data.items.slice(0, 10).map((c) => (
                <Table.Tr key={c.id} data-testid="client-conversation">
                  <Table.Td w={28}>
                    <ChannelIcon channel={c.channel} size={14} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text fz="sm" c="dimmed">
                        #{c.number}
                      </Text>
                      {canHandle ? (
                        <Anchor
                          component={Link}
                          to={`/support?view=all&c=${c.id}`}
                          fz="sm"
                          dir="auto"
                          lineClamp={1}
                        >
                          {c.subject ?? c.preview ?? t('support.card.open')}
                        </Anchor>
                      ) : (
                        <Text fz="sm" dir="auto" lineClamp={1}>
                          {c.subject ?? c.preview ?? ''}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <ConversationStatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text fz="xs" c="dimmed">
                      {c.assigneeName ?? t('support.unassigned')}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="end">
                    <Text fz="xs" c="dimmed">
                      {dateTime(c.lastMessageAt ?? c.createdAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryCard>
    </Card>
  );
}
