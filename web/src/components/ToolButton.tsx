import { Button, type ButtonProps } from '@mantine/core';
import type { ComponentType, MouseEventHandler, ReactNode } from 'react';

interface ToolButtonProps extends Omit<ButtonProps, 'size' | 'leftSection'> {
  icon: ComponentType<{ size?: number }>;
  onClick?: MouseEventHandler<HTMLButtonElement>;
  type?: 'button' | 'submit';
  'aria-expanded'?: boolean;
  'data-testid'?: string;
  children: ReactNode;
}

/** The house's small button with an icon before its label (toolbars, cards, panels). */
export function ToolButton({ icon: Icon, ...props }: ToolButtonProps) {
  return <Button size="xs" leftSection={<Icon size={14} />} {...props} />;
}
