import { Badge, NavLink, Select, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import {
  IconAlarm,
  IconInbox,
  IconSettings,
  IconUser,
  IconUserQuestion,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useConversations } from '../../../api/support';
import { useFormatters } from '../../../i18n/format';
import {
  CONVERSATION_STATUSES,
  INBOX_VIEWS,
  SUPPORT_CHANNELS,
  SUPPORT_LANGUAGES,
  type ConversationStatus,
  type InboxView,
  type SupportChannel,
} from '../../../../../src/shared/support';

export interface InboxFilters {
  status: ConversationStatus | null;
  channel: SupportChannel | null;
  language: string | null;
}

export const NO_INBOX_FILTERS: InboxFilters = { status: null, channel: null, language: null };

const VIEW_ICONS: Record<InboxView, Icon> = {
  mine: IconUser,
  unassigned: IconUserQuestion,
  team: IconUsersGroup,
  all: IconInbox,
  breached: IconAlarm,
};

/** A view's count under the current filters (a one-row page: the server answers `total`). */
function ViewCount({ view, filters }: { view: InboxView; filters: InboxFilters }) {
  const count = useConversations({ view, ...filters, page: 1, pageSize: 1 }).data?.total;
  if (count === undefined) return null;
  return (
    <Badge
      size="sm"
      variant={view === 'breached' && count > 0 ? 'filled' : 'light'}
      color={view === 'breached' && count > 0 ? 'red' : 'gray'}
      data-testid={`view-count-${view}`}
    >
      {count}
    </Badge>
  );
}

/** The inbox's left column: the saved views with their counts, then the filters. */
export function ViewsPanel({
  view,
  onView,
  filters,
  onFilters,
}: {
  view: InboxView;
  onView: (view: InboxView) => void;
  filters: InboxFilters;
  onFilters: (patch: Partial<InboxFilters>) => void;
}) {
  const { t } = useTranslation();
  const { languageName } = useFormatters();
  return (
    <Stack gap="xs" p="xs">
      <nav aria-label={t('support.inbox.views')}>
        {INBOX_VIEWS.map((v) => {
          const Glyph = VIEW_ICONS[v];
          return (
            <NavLink
              key={v}
              component="button"
              active={v === view}
              onClick={() => onView(v)}
              label={t(`support.view.${v}`)}
              leftSection={<Glyph size={16} stroke={1.6} />}
              rightSection={<ViewCount view={v} filters={filters} />}
              aria-current={v === view ? 'page' : undefined}
              noWrap
              data-testid={`view-${v}`}
              styles={{ root: { borderRadius: 6 } }}
            />
          );
        })}
      </nav>
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase" mt="sm" px={4}>
        {t('support.inbox.filters')}
      </Text>
      <Select
        size="xs"
        label={t('support.field.status')}
        placeholder={t('support.inbox.anyStatus')}
        clearable
        data={CONVERSATION_STATUSES.map((s) => ({ value: s, label: t(`support.status.${s}`) }))}
        value={filters.status}
        onChange={(value) => onFilters({ status: value as ConversationStatus | null })}
      />
      <Select
        size="xs"
        label={t('support.field.channel')}
        placeholder={t('support.inbox.anyChannel')}
        clearable
        data={SUPPORT_CHANNELS.map((c) => ({ value: c, label: t(`support.channel.${c}`) }))}
        value={filters.channel}
        onChange={(value) => onFilters({ channel: value as SupportChannel | null })}
      />
      <Select
        size="xs"
        label={t('support.field.language')}
        placeholder={t('support.inbox.anyLanguage')}
        clearable
        searchable
        data={SUPPORT_LANGUAGES.map((code) => ({ value: code, label: languageName(code) }))}
        value={filters.language}
        onChange={(value) => onFilters({ language: value })}
      />
      <NavLink
        component={Link}
        to="/support/settings/canned"
        label={t('support.settings.open')}
        leftSection={<IconSettings size={16} stroke={1.6} />}
        mt="md"
        noWrap
        data-testid="support-settings"
        styles={{ root: { borderRadius: 6 } }}
      />
    </Stack>
  );
}
