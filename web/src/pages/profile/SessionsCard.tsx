import { Badge, Button, Card, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useEndSession, useMySessions } from '../../api/me';
import { ErrorState } from '../../components/ErrorState';
import { FormError } from '../../components/FormError';
import { TableSkeleton } from '../../components/TableSkeleton';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormatters } from '../../i18n/format';
import { describeUserAgent } from './describeUserAgent';

export function SessionsCard() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const { dateTime, relative } = useFormatters();
  const sessions = useMySessions();
  const end = useEndSession({
    onSuccess: () => notifications.show({ color: 'teal', message: t('profile.sessions.ended') }),
  });

  return (
    <Card withBorder padding="md">
      <Stack gap={2} mb="sm">
        <Title order={4} fz="md">
          {t('profile.sessions.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('profile.sessions.description')}
        </Text>
      </Stack>
      <FormError message={end.error ? toMessage(end.error) : null} />
      {sessions.isPending ? (
        <TableSkeleton rows={2} />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table data-testid="sessions-table" stickyHeader={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('profile.sessions.device')}</Table.Th>
                <Table.Th>{t('profile.sessions.ip')}</Table.Th>
                <Table.Th>{t('profile.sessions.started')}</Table.Th>
                <Table.Th>{t('profile.sessions.lastSeen')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.map((session) => (
                <Table.Tr key={session.id} data-testid="session-row" data-current={session.current}>
                  <Table.Td>
                    <Tooltip
                      label={session.userAgent ?? t('profile.sessions.unknownDevice')}
                      multiline
                      maw={360}
                      openDelay={300}
                    >
                      <Text span fz="sm">
                        {describeUserAgent(session.userAgent) ?? t('profile.sessions.unknownDevice')}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text span fz="sm" dir="ltr">
                      {session.ip ?? t('common.none')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{dateTime(session.createdAt)}</Table.Td>
                  <Table.Td>{relative(session.lastSeenAt)}</Table.Td>
                  <Table.Td ta="end">
                    {session.current ? (
                      <Badge size="sm" variant="light" color="teal">
                        {t('profile.sessions.thisDevice')}
                      </Badge>
                    ) : (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        loading={end.isPending && end.variables === session.id}
                        onClick={() => end.mutate(session.id)}
                        data-testid="session-end"
                      >
                        {t('profile.sessions.end')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
