import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const ROLE_COLORS: Record<string, string> = {
  admin: 'red',
  team_lead: 'grape',
  sales_manager: 'blue',
  retention_manager: 'cyan',
  support_agent: 'teal',
  finance: 'yellow',
  compliance: 'orange',
};

export function RoleBadge({ role }: { role: string }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={ROLE_COLORS[role] ?? 'gray'} radius="sm" tt="none">
      {t(`roles.${role}`, { defaultValue: role })}
    </Badge>
  );
}
