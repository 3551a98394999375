import { useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';

/** Toasts in the top "end" corner: right for LTR languages, left for Arabic. */
export function AppNotifications() {
  const { dir } = useDirection();
  return <Notifications position={dir === 'rtl' ? 'top-left' : 'top-right'} limit={5} />;
}
