import { useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';

/**
 * Toasts in the bottom "end" corner (right for LTR languages, left for Arabic): never over the header,
 * whose language, theme, bell and account controls must stay reachable while a toast is up.
 */
export function AppNotifications() {
  const { dir } = useDirection();
  return <Notifications position={dir === 'rtl' ? 'bottom-left' : 'bottom-right'} limit={5} />;
}
