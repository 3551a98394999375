import { Box, Menu, UnstyledButton, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSetMyStatus, useSupportAgents } from '../../api/support';
import { useErrorMessage } from '../../components/useErrorMessage';
import { usePermission, useUser } from '../../session/useSession';
import { AGENT_STATUSES, type AgentStatus } from '../../../../src/shared/support';

const COLORS: Record<AgentStatus, string> = {
  online: 'var(--mantine-color-teal-6)',
  away: 'var(--mantine-color-yellow-6)',
  offline: 'var(--mantine-color-gray-5)',
};

function Dot({ status }: { status: AgentStatus }) {
  return (
    <Box
      component="span"
      w={8}
      h={8}
      bg={COLORS[status]}
      style={{ borderRadius: '50%', display: 'inline-block' }}
    />
  );
}

function Switch() {
  const { t } = useTranslation();
  const user = useUser();
  const toMessage = useErrorMessage();
  const agents = useSupportAgents();
  const me = agents.data?.find((a) => a.staffId === user.id);
  const set = useSetMyStatus({ onError: (e) => notifications.show({ color: 'red', message: toMessage(e) }) });
  if (!me) return null; // not set up as an agent yet (Support → Agents)
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <UnstyledButton
          aria-label={t('support.agentStatus.label', { status: t(`support.agentStatus.${me.status}`) })}
          data-testid="agent-status"
          data-status={me.status}
          px={6}
          py={2}
          style={{ borderRadius: 6 }}
        >
          <Group gap={6} wrap="nowrap">
            <Dot status={me.status} />
            <Text fz="sm" visibleFrom="sm">
              {t(`support.agentStatus.${me.status}`)}
            </Text>
            <IconChevronDown size={12} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {AGENT_STATUSES.map((status) => (
          <Menu.Item
            key={status}
            leftSection={<Dot status={status} />}
            onClick={() => set.mutate(status)}
            disabled={status === me.status}
          >
            {t(`support.agentStatus.${status}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The agent's availability for routing, in the header, for staff who handle support. */
export function AgentStatusSwitch() {
  return usePermission('support.handle') ? <Switch /> : null;
}
