import type { ReactNode } from 'react';
import { ForbiddenPage } from '../pages/StatusPage';
import { usePermission } from './useSession';

export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  return usePermission(permission) ? children : <ForbiddenPage />;
}
