import { Alert, Anchor, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCopy } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DuplicateMatch } from '../../../../../src/shared/contracts/clients';
import { ClientStatusBadge } from './ClientStatusBadge';

interface DuplicateMatchesProps {
  matches: DuplicateMatch[];
  /** `warning` while typing, `conflict` when the server refused to create. */
  kind: 'warning' | 'conflict';
  onOpen?: () => void;
  children?: ReactNode;
}

/** Existing clients with the same email or phone; hidden ones show only that they exist. */
export function DuplicateMatches({ matches, kind, onOpen, children }: DuplicateMatchesProps) {
  const { t } = useTranslation();
  const on = (match: DuplicateMatch) =>
    match.matchedOn.map((field) => t(`clients.duplicates.on.${field}`)).join(', ');

  return (
    <Alert
      color={kind === 'conflict' ? 'red' : 'yellow'}
      variant="light"
      p="xs"
      icon={kind === 'conflict' ? <IconAlertTriangle size={16} /> : <IconCopy size={16} />}
      title={
        kind === 'conflict' ? t('clients.duplicates.conflictTitle') : t('clients.duplicates.warningTitle')
      }
      data-testid="lead-duplicates"
      data-kind={kind}
    >
      <List size="sm" spacing={4} listStyleType="none" ps={0}>
        {matches.map((match, index) => (
          <List.Item key={match.id ?? `hidden-${index}`} data-testid="lead-duplicate">
            <Group gap={6} wrap="wrap">
              {match.visible && match.id ? (
                <>
                  <Anchor component={Link} to={`/clients/${match.id}`} fz="sm" fw={500} onClick={onOpen}>
                    {match.name}
                  </Anchor>
                  {match.status && <ClientStatusBadge status={match.status} size="xs" />}
                </>
              ) : (
                <Text span fz="sm" fs="italic">
                  {t('clients.duplicates.hidden')}
                </Text>
              )}
              <Text span fz="xs" c="dimmed">
                {t('clients.duplicates.matchedOn', { fields: on(match) })}
                {match.managerName
                  ? ` · ${t('clients.duplicates.manager', { name: match.managerName })}`
                  : ''}
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
      {children}
    </Alert>
  );
}
