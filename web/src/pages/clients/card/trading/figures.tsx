import { Text, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { marginLevelColor as sharedMarginLevelColor } from '../../../online/tradingFormat';

/** Margin level text colour on the card: the shared scale, with a healthy level left plain. */
export function marginLevelColor(level: number | null): string | undefined {
  const color = sharedMarginLevelColor(level);
  return color === 'teal' ? undefined : color;
}

/** Green for gains, red for losses, plain for zero. */
export function profitColor(value: number | null | undefined): string | undefined {
  if (!value) return undefined;
  return value > 0 ? 'green' : 'red'; // the theme's text shades: readable in both schemes
}

/**
 * A number in a table or tile: right-aligned ("end", so it follows RTL), tabular digits so columns
 * line up, and kept left-to-right so a minus sign or currency symbol stays next to its digits.
 */
export function Figure({ children, ...props }: { children: ReactNode } & TextProps) {
  return (
    <Text
      span
      inherit
      ta="end"
      dir="ltr"
      style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', unicodeBidi: 'isolate' }}
      {...props}
    >
      {children ?? '—'}
    </Text>
  );
}
