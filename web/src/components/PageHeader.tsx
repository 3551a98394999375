import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Title row of a page or tab: heading, optional description, actions at the end. `main`: the page's own
 * heading (h1), as a cabinet page has it; otherwise a tab's, under the workspace's page title.
 */
export function PageHeader({
  title,
  description,
  actions,
  main,
  titleTestId,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  main?: boolean;
  titleTestId?: string;
}) {
  return (
    <Group justify="space-between" align="flex-end" mb={main ? undefined : 'sm'} gap="sm">
      <Stack gap={main ? 4 : 2}>
        <Title order={main ? 1 : 3} fz={main ? 'h2' : 'lg'} data-testid={titleTestId}>
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
