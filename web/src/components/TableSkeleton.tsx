import { Skeleton, Stack } from '@mantine/core';

/** Placeholder rows while a table loads, so the layout does not jump. */
export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Stack gap={6} py="xs" aria-busy="true">
      <Skeleton height={28} />
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={22} opacity={1 - index * (0.8 / rows)} />
      ))}
    </Stack>
  );
}
