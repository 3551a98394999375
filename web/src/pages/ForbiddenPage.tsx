import { Button, EmptyState } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      py="xl"
      icon={<IconLock size={26} />}
      variant="light"
      color="red"
      title={t('notFound.forbiddenTitle')}
      description={t('notFound.forbiddenDescription')}
      data-testid="forbidden"
    >
      <EmptyState.Actions>
        <Button component={Link} to="/" size="xs" variant="light">
          {t('notFound.home')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
