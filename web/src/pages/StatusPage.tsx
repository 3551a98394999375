import { Button, EmptyState } from '@mantine/core';
import { IconLock, IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** A whole page that says why there is nothing to show, with the way home. */
function StatusPage({ kind }: { kind: 'forbidden' | 'not-found' }) {
  const { t } = useTranslation();
  const forbidden = kind === 'forbidden';
  return (
    <EmptyState
      py="xl"
      icon={forbidden ? <IconLock size={26} /> : <IconMapOff size={26} />}
      variant="light"
      color={forbidden ? 'red' : undefined}
      title={t(forbidden ? 'notFound.forbiddenTitle' : 'notFound.title')}
      description={t(forbidden ? 'notFound.forbiddenDescription' : 'notFound.description')}
      data-testid={kind}
    >
      <EmptyState.Actions>
        <Button component={Link} to="/" size="xs" variant="light">
          {t('notFound.home')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

export function ForbiddenPage() {
  return <StatusPage kind="forbidden" />;
}

export function NotFoundPage() {
  return <StatusPage kind="not-found" />;
}
