import { Badge, Collapse, Group, MultiSelect, Stack, TagsInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLIENT_FILTER_KEYS } from '../../../../../src/shared/client-list';
import { CLIENT_STATUSES } from '../../../../../src/shared/clients';
import type { ClientFilters } from '../../../../../src/shared/contracts/clients';
import { useTeamOptions } from '../../../api/teams';
import { ClearFiltersButton, DateFilter, LocalDates, SearchFilter } from '../../../components/filters';
import type { FilterBarProps } from '../../../components/usePagedFilters';
import { CodeTagsInput } from '../components/CodeInputs';
import { useSalesStatuses } from '../useSalesStatuses';
import { useStaffPicker } from '../useStaffPicker';
import { joinList, splitList } from './useClientListState';
import { ToolButton } from '../../../components/ToolButton';

type ClientsFilterBarProps = FilterBarProps<ClientFilters>;

/** Chosen values stay on one line (the field scrolls sideways) so the bar keeps its height. */
const ONE_LINE = { pillsList: { flexWrap: 'nowrap' as const, overflow: 'hidden' } };

/** Always on screen; the other filters fold away under "More filters". */
const PRIMARY: (keyof ClientFilters)[] = ['q', 'status', 'salesStatus', 'managerId'];
const SECONDARY = CLIENT_FILTER_KEYS.filter((key) => !PRIMARY.includes(key));

export function ClientsFilterBar({ filters, onChange, onClear, hasFilters }: ClientsFilterBarProps) {
  const { t } = useTranslation();
  const salesStatuses = useSalesStatuses();
  const managers = useStaffPicker();
  const teamOptions = useTeamOptions();
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

  /** What every list filter shares: one line of chips, the placeholder only while empty, its URL key. */
  const listFilter = (
    key: keyof ClientFilters,
    w: number,
    label: string,
    placeholder: string,
    testId: string,
  ) => ({
    styles: ONE_LINE,
    size: 'xs' as const,
    w,
    placeholder: list(key).length ? undefined : placeholder,
    'aria-label': label,
    value: list(key),
    onChange: setList(key),
    'data-testid': testId,
  });

  return (
    <LocalDates>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap" align="flex-start">
          <SearchFilter
            w={260}
            label={t('clients.filters.search')}
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
            testId="clients-search"
          />
          <MultiSelect
            {...listFilter(
              'status',
              200,
              t('clients.filters.status'),
              t('clients.filters.anyStatus'),
              'clients-filter-status',
            )}
            data={statusOptions}
            clearable
          />
          <MultiSelect
            {...listFilter(
              'salesStatus',
              210,
              t('clients.filters.salesStatus'),
              t('clients.filters.anySalesStatus'),
              'clients-filter-sales-status',
            )}
            data={salesOptions}
            clearable
            searchable
          />
          {managers.allowed && (
            <MultiSelect
              {...listFilter(
                'managerId',
                230,
                t('clients.filters.manager'),
                t('clients.filters.anyManager'),
                'clients-filter-manager',
              )}
              data={managers.options}
              clearable
              searchable
            />
          )}
          <ToolButton
            icon={IconAdjustmentsHorizontal}
            variant={moreOpened ? 'light' : 'default'}
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
          </ToolButton>
          {hasFilters && (
            <ClearFiltersButton
              onClick={() => {
                setSearch('');
                written.current = '';
                onClear();
              }}
              testId="clients-clear-filters"
            />
          )}
        </Group>
        <Collapse expanded={moreOpened}>
          <Group gap="xs" wrap="wrap" align="flex-start" pb={2}>
            <MultiSelect
              {...listFilter(
                'teamId',
                200,
                t('clients.filters.team'),
                t('clients.filters.anyTeam'),
                'clients-filter-team',
              )}
              data={teamOptions}
              clearable
              searchable
            />
            <CodeTagsInput
              kind="country"
              {...listFilter(
                'country',
                190,
                t('clients.filters.country'),
                t('clients.filters.country'),
                'clients-filter-country',
              )}
            />
            <CodeTagsInput
              kind="language"
              {...listFilter(
                'language',
                170,
                t('clients.filters.language'),
                t('clients.filters.language'),
                'clients-filter-language',
              )}
            />
            <TagsInput
              {...listFilter(
                'source',
                180,
                t('clients.filters.source'),
                t('clients.filters.source'),
                'clients-filter-source',
              )}
              data={['phone', 'office', 'website', 'import', 'referral']}
              acceptValueOnBlur
              clearable
            />
            <TagsInput
              {...listFilter(
                'tags',
                180,
                t('clients.filters.tags'),
                t('clients.filters.tags'),
                'clients-filter-tags',
              )}
              acceptValueOnBlur
              clearable
            />
            <DateFilter
              type="range"
              w={230}
              label={t('clients.filters.created')}
              value={[filters.createdFrom ?? null, filters.createdTo ?? null]}
              onChange={([from, to]) =>
                onChange({ createdFrom: from ?? undefined, createdTo: to ?? undefined })
              }
              allowSingleDateInRange
              maxDate={new Date()}
              testId="clients-filter-created"
            />
          </Group>
        </Collapse>
      </Stack>
    </LocalDates>
  );
}
