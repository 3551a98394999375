import { Alert, type AlertProps } from '@mantine/core';
import type { ComponentType } from 'react';

interface NoticeProps extends Omit<AlertProps, 'icon' | 'variant'> {
  icon: ComponentType<{ size?: number }>;
  /** Tighter padding and a smaller icon, for notices inside forms and cards. */
  compact?: boolean;
  testId?: string;
}

/** The house notice: a light alert with an icon (a success, a warning, an error, a hint). */
export function Notice({ icon: Icon, compact = false, testId, ...props }: NoticeProps) {
  return (
    <Alert
      variant="light"
      p={compact ? 'xs' : undefined}
      icon={<Icon size={compact ? 16 : 18} />}
      data-testid={testId}
      {...props}
    />
  );
}
