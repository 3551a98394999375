import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      py="xl"
      icon={<IconMapOff size={26} />}
      variant="light"
      title={t('notFound.title')}
      description={t('notFound.description')}
      data-testid="not-found"
    >
      <EmptyState.Actions>
        <Button component={Link} to="/" size="xs" variant="light">
          {t('notFound.home')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
