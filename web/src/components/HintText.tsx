import { Text, Tooltip, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Text that tells more on hover: the exact time behind "3 hours ago", a deal's ids. Props other
 * than `hint` go to the text.
 */
export function HintText({ hint, children, ...text }: { hint: ReactNode; children: ReactNode } & TextProps) {
  return (
    <Tooltip label={hint} withArrow openDelay={300}>
      <Text {...text}>{children}</Text>
    </Tooltip>
  );
}
