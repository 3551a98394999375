import { Text, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A login, an id or a code inline: monospace, and left-to-right even on an Arabic page, so digits and
 * Latin letters keep their order.
 */
export function MonoText({ children, fz = 'sm', ...rest }: TextProps & { children: ReactNode }) {
  return (
    <Text span fz={fz} ff="monospace" dir="ltr" {...rest}>
      {children}
    </Text>
  );
}
