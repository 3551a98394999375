import { Box } from '@mantine/core';

/**
 * Reserved spot for the "Online in the terminal" indicator of live clients
 * (planned). It keeps its width now so the layout does not shift later.
 */
export function OnlineSlot({ clientId, size = 10 }: { clientId: string; size?: number }) {
  return (
    <Box component="span" display="inline-block" w={size} h={size} data-online-slot={clientId} aria-hidden />
  );
}
