import { useTranslation } from 'react-i18next';
import { useActiveStaff } from '../../api/staff';
import type { Staff } from '../../../../src/shared/contracts/identity';
import { can, useUser } from '../../session/useSession';

/** Roles that own clients come first in pickers. */
const OWNER_ROLES = ['sales_manager', 'retention_manager', 'team_lead'];

/**
 * Active staff as select options for "manager" filters and reassignment.
 * Needs staff.read; without it the picker is simply not offered.
 * `teamId` narrows the list (a team lead may only hand clients within the team).
 */
export function useStaffPicker(options: { teamId?: string | null; enabled?: boolean } = {}) {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = can(user, 'staff.read');
  const teamId = options.teamId ?? null;
  const query = useActiveStaff(teamId, allowed && options.enabled !== false);
  const staff: Staff[] = [...(query.data ?? [])].sort(
    (a, b) => Number(!OWNER_ROLES.includes(a.role)) - Number(!OWNER_ROLES.includes(b.role)),
  );
  return {
    allowed,
    query,
    staff,
    options: staff.map((person) => ({
      value: person.id,
      label: `${person.name} · ${t(`roles.${person.role}`)}${person.absent ? ` · ${t('staff.outOfOffice')}` : ''}`,
    })),
  };
}
