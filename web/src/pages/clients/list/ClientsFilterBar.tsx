import { Badge, Button, Collapse, Group, MultiSelect, Stack, TagsInput, TextInput } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconCalendar, IconSearch, IconX } from '@tabler/icons-react';
import 'dayjs/locale/ar';
import 'dayjs/locale/id';
import 'dayjs/locale/ru';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLIENT_STATUSES, type ClientFilters } from '../../../api/clientTypes';
import { useFormatters } from '../../../i18n/format';
import { useTeams } from '../../../api/teams';
import { CodeTagsInput } from '../components/CodeInputs';
import { useSalesStatuses } from '../useSalesStatuses';
import { useStaffPicker } from '../useStaffPicker';
import { joinList, splitList } from './useClientListState';

interface ClientsFilterBarProps {
  filters: ClientFilters;
  onChange: (patch: Partial<ClientFilters>) => void;
  onClear: () => void;
  hasFilters: boolean;
}

/** Chosen values stay on one line (the field scrolls sideways) so the bar keeps its height. */
const ONE_LINE = { pillsList: { flexWrap: 'nowrap' as const, overflow: 'hidden' } };

const SECONDARY: (keyof ClientFilters)[] = [
  'teamId',
  'country',
  'language',
  'source',
  'tags',
  'createdFrom',
  'createdTo',
];

export function ClientsFilterBar({ filters, onChange, onClear, hasFilters }: ClientsFilterBarProps) {
  const { t, i18n } = useTranslation();
  const { pickedDates } = useFormatters();
  const salesStatuses = useSalesStatuses();
  const managers = useStaffPicker();
  const teams = useTeams();
  const secondaryCount = SECONDARY.filter((key) => filters[key]).length;
  const [moreOpened, more] = useDisclosure(secondaryCount > 0);

  // The search box types freely; the URL (and the request) follow after a pause.
  const [search, setSearch] = useState(filters.q ?? '');
  const [debounced] = useDebouncedValue(search, 300);
  const written = useRef(filters.q ?? '');
  useEffect(() => {
    const q = debounced.trim();
    if (q === written.current) return;
    written.current = q;
    onChange({ q: q || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  // A saved view or "clear" replaced the search from outside: show it.
  useEffect(() => {
    const q = filters.q ?? '';
    if (q === written.current) return;
    written.current = q;
    setSearch(q);
  }, [filters.q]);

  const list = (key: keyof ClientFilters) => splitList(filters[key]);
  const setList = (key: keyof ClientFilters) => (values: string[]) => onChange({ [key]: joinList(values) });

  const statusOptions = CLIENT_STATUSES.map((status) => ({
    value: status,
    label: t(`clients.status.${status}`),
  }));
  const salesOptions = salesStatuses.items.map((status) => ({ value: status.key, label: status.label }));
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));

  return (
    <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap" align="flex-start">
          <TextInput
            size="xs"
            w={260}
            leftSection={<IconSearch size={14} />}
            placeholder={t('clients.filters.search')}
            aria-label={t('clients.filters.search')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            rightSection={
              search ? (
                <IconX
                  size={14}
                  style={{ cursor: 'pointer' }}
                  aria-label={t('common.clearFilters')}
                  onClick={() => setSearch('')}
                />
              ) : null
            }
            data-testid="clients-search"
          />
          <MultiSelect
            styles={ONE_LINE}
            size="xs"
            w={200}
            placeholder={list('status').length ? undefined : t('clients.filters.anyStatus')}
            aria-label={t('clients.filters.status')}
            data={statusOptions}
            value={list('status')}
            onChange={setList('status')}
            clearable
            data-testid="clients-filter-status"
          />
          <MultiSelect
            styles={ONE_LINE}
            size="xs"
            w={210}
            placeholder={list('salesStatus').length ? undefined : t('clients.filters.anySalesStatus')}
            aria-label={t('clients.filters.salesStatus')}
            data={salesOptions}
            value={list('salesStatus')}
            onChange={setList('salesStatus')}
            clearable
            searchable
            data-testid="clients-filter-sales-status"
          />
          {managers.allowed && (
            <MultiSelect
              styles={ONE_LINE}
              size="xs"
              w={230}
              placeholder={list('managerId').length ? undefined : t('clients.filters.anyManager')}
              aria-label={t('clients.filters.manager')}
              data={managers.options}
              value={list('managerId')}
              onChange={setList('managerId')}
              clearable
              searchable
              data-testid="clients-filter-manager"
            />
          )}
          <Button
            size="xs"
            variant={moreOpened ? 'light' : 'default'}
            leftSection={<IconAdjustmentsHorizontal size={14} />}
            rightSection={
              secondaryCount > 0 ? (
                <Badge size="xs" circle>
                  {secondaryCount}
                </Badge>
              ) : null
            }
            onClick={more.toggle}
            aria-expanded={moreOpened}
            data-testid="clients-more-filters"
          >
            {t('clients.filters.more')}
          </Button>
          {hasFilters && (
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              leftSection={<IconX size={14} />}
              onClick={() => {
                setSearch('');
                written.current = '';
                onClear();
              }}
              data-testid="clients-clear-filters"
            >
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>
        <Collapse expanded={moreOpened}>
          <Group gap="xs" wrap="wrap" align="flex-start" pb={2}>
            <MultiSelect
              styles={ONE_LINE}
              size="xs"
              w={200}
              placeholder={list('teamId').length ? undefined : t('clients.filters.anyTeam')}
              aria-label={t('clients.filters.team')}
              data={teamOptions}
              value={list('teamId')}
              onChange={setList('teamId')}
              clearable
              searchable
              data-testid="clients-filter-team"
            />
            <CodeTagsInput
              styles={ONE_LINE}
              kind="country"
              size="xs"
              w={190}
              placeholder={list('country').length ? undefined : t('clients.filters.country')}
              aria-label={t('clients.filters.country')}
              value={list('country')}
              onChange={setList('country')}
              data-testid="clients-filter-country"
            />
            <CodeTagsInput
              styles={ONE_LINE}
              kind="language"
              size="xs"
              w={170}
              placeholder={list('language').length ? undefined : t('clients.filters.language')}
              aria-label={t('clients.filters.language')}
              value={list('language')}
              onChange={setList('language')}
              data-testid="clients-filter-language"
            />
            <TagsInput
              styles={ONE_LINE}
              size="xs"
              w={180}
              placeholder={list('source').length ? undefined : t('clients.filters.source')}
              aria-label={t('clients.filters.source')}
              value={list('source')}
              onChange={setList('source')}
              data={['phone', 'office', 'website', 'import', 'referral']}
              acceptValueOnBlur
              clearable
              data-testid="clients-filter-source"
            />
            <TagsInput
              styles={ONE_LINE}
              size="xs"
              w={180}
              placeholder={list('tags').length ? undefined : t('clients.filters.tags')}
              aria-label={t('clients.filters.tags')}
              value={list('tags')}
              onChange={setList('tags')}
              acceptValueOnBlur
              clearable
              data-testid="clients-filter-tags"
            />
            <DatePickerInput
              type="range"
              size="xs"
              w={230}
              leftSection={<IconCalendar size={14} />}
              placeholder={t('clients.filters.created')}
              valueFormatter={pickedDates}
              aria-label={t('clients.filters.created')}
              value={[filters.createdFrom ?? null, filters.createdTo ?? null]}
              onChange={([from, to]) =>
                onChange({ createdFrom: from ?? undefined, createdTo: to ?? undefined })
              }
              allowSingleDateInRange
              clearable
              maxDate={new Date()}
              data-testid="clients-filter-created"
            />
          </Group>
        </Collapse>
      </Stack>
    </DatesProvider>
  );
}
