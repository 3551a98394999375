import { Text, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Margin level colour: red at or under the usual margin-call level (100 %), orange when getting
 * close (150 %). No positions (null) is not a risk.
 */
export function marginLevelColor(level: number | null): string | undefined {
  if (level === null) return undefined;
  if (level <= 100) return 'red';
  if (level <= 150) return 'orange';
  return undefined;
}

/** Green for gains, red for losses, plain for zero. */
export function profitColor(value: number | null | undefined): string | undefined {
  if (!value) return undefined;
  return value > 0 ? 'green.7' : 'red.7';
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
