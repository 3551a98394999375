import { Box, Tooltip } from '@mantine/core';

type DataAttributes = { [key: `data-${string}`]: string | undefined };

/**
 * A small round mark whose meaning is its label (a tooltip, and the name screen readers read). With
 * no label it is an empty slot of the same size, so a row does not shift when the mark comes and goes.
 * `data-*` attributes are on the slot in both states; `testId` only on the shown mark.
 */
export function StatusDot({
  label,
  size,
  bg,
  className,
  testId,
  ...data
}: {
  label: string | null;
  size: number;
  bg?: string;
  className?: string;
  testId: string;
} & DataAttributes) {
  const slot = { component: 'span', display: 'inline-block', w: size, h: size, ...data } as const;
  if (label === null) return <Box {...slot} style={{ flexShrink: 0 }} aria-hidden />;
  return (
    <Tooltip label={label} withArrow openDelay={150}>
      <Box
        {...slot}
        role="img"
        aria-label={label}
        bg={bg}
        className={className}
        style={{ borderRadius: '50%', flexShrink: 0 }}
        data-testid={testId}
      />
    </Tooltip>
  );
}
