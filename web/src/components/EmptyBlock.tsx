import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

interface EmptyBlockProps {
  icon: ReactNode;
  title: string;
  description?: string;
  action?: ReactNode;
}

/** Consistent empty state for tables and lists. */
export function EmptyBlock({ icon, title, description, action }: EmptyBlockProps) {
  return (
    <EmptyState py="xl" size="sm" variant="light" icon={icon} title={title} description={description}>
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}
