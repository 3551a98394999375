import { Group, SegmentedControl, Switch, VisuallyHidden } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPORT_CHANNELS, SUPPORT_LANGUAGES } from '../../../../src/shared/support';
import type { ReportFilters } from '../../api/reports';
import { useActiveStaff } from '../../api/staff';
import { useTeamOptions } from '../../api/teams';
import { ClearFiltersButton, LocalDates, SearchFilter, SelectFilter } from '../../components/filters';
import { useFormatters } from '../../i18n/format';
import { usePermission } from '../../session/useSession';
import { isoDay, PRESETS, presetRange } from './filters';

/** The picker gives days as YYYY-MM-DD (or a Date from older callers). */
const fromPicked = (d: unknown) => {
  if (!d) return null;
  if (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d)) return d.slice(0, 10);
  const date = d instanceof Date ? d : new Date(String(d));
  return Number.isNaN(date.getTime())
    ? null
    : isoDay(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
};

/**
 * Period (presets or any range) with the previous period beside it, and the filters the dashboard
 * takes: team and manager/agent (for those who may list staff), channel and language (support),
 * country (sales, retention).
 */
export function FiltersBar({
  filters,
  onChange,
  dashboard,
}: {
  filters: ReportFilters;
  onChange: (patch: Partial<ReportFilters>) => void;
  dashboard: 'sales' | 'support' | 'retention';
}) {
  const { t } = useTranslation();
  const { languageName, pickedDates } = useFormatters();
  const canListStaff = usePermission('staff.read');
  const teams = useTeamOptions();
  const staff = useActiveStaff(filters.teamId ?? null, canListStaff);
  const preset = PRESETS.find((p) => {
    const r = presetRange(p.days);
    return r.from === filters.from && r.to === filters.to;
  });
  return (
    <LocalDates>
      <Group gap="xs" align="center" data-testid="report-filters">
        <SegmentedControl
          size="xs"
          aria-label={t('reports.period')}
          data={[
            ...PRESETS.map((p) => ({ value: p.key, label: t(`reports.presets.${p.key}`) })),
            { value: 'custom', label: t('reports.presets.custom') },
          ]}
          value={preset?.key ?? 'custom'}
          onChange={(v) => {
            const p = PRESETS.find((x) => x.key === v);
            if (p) onChange(presetRange(p.days));
          }}
          data-testid="report-preset"
        />
        {/* The button shows the chosen days, so its name comes from a real (visually hidden) label. */}
        <DatePickerInput
          type="range"
          size="xs"
          label={<VisuallyHidden>{t('reports.period')}</VisuallyHidden>}
          leftSection={<IconCalendar size={14} />}
          valueFormatter={pickedDates}
          value={[filters.from, filters.to]}
          onChange={([a, b]) => {
            const from = fromPicked(a);
            const to = fromPicked(b);
            if (from && to) onChange({ from, to });
          }}
          data-testid="report-range"
        />
        <Switch
          size="xs"
          label={t('reports.compare')}
          checked={filters.compare === 'previous'}
          onChange={(e) => onChange({ compare: e.currentTarget.checked ? 'previous' : 'none' })}
          data-testid="report-compare"
        />
        {canListStaff && (
          <SelectFilter
            label={t('reports.filters.team')}
            placeholder={t('reports.filters.team')}
            testId="report-team"
            data={teams}
            value={filters.teamId ?? null}
            onChange={(v) => onChange({ teamId: v ?? undefined, staffId: undefined })}
            searchable
          />
        )}
        {canListStaff && (
          <SelectFilter
            label={t(dashboard === 'support' ? 'reports.filters.agent' : 'reports.filters.manager')}
            placeholder={t(dashboard === 'support' ? 'reports.filters.agent' : 'reports.filters.manager')}
            testId="report-staff"
            data={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={filters.staffId ?? null}
            onChange={(v) => onChange({ staffId: v ?? undefined })}
            searchable
          />
        )}
        {dashboard === 'support' && (
          <SelectFilter
            label={t('reports.filters.channel')}
            placeholder={t('reports.filters.channel')}
            testId="report-channel"
            data={SUPPORT_CHANNELS.map((c) => ({ value: c, label: t(`reports.channels.${c}`) }))}
            value={filters.channel ?? null}
            onChange={(v) => onChange({ channel: v ?? undefined })}
          />
        )}
        {dashboard === 'support' && (
          <SelectFilter
            label={t('reports.filters.language')}
            placeholder={t('reports.filters.language')}
            testId="report-language"
            data={SUPPORT_LANGUAGES.map((l) => ({ value: l, label: languageName(l) ?? l }))}
            value={filters.language ?? null}
            onChange={(v) => onChange({ language: v ?? undefined })}
            searchable
          />
        )}
        {dashboard !== 'support' && (
          <CountryFilter value={filters.country} onChange={(country) => onChange({ country })} />
        )}
        <ClearFiltersButton
          testId="report-clear"
          onClick={() =>
            onChange({
              teamId: undefined,
              staffId: undefined,
              channel: undefined,
              language: undefined,
              country: undefined,
            })
          }
        />
      </Group>
    </LocalDates>
  );
}

/** An ISO country code, applied once it is two letters (GB) and cleared when emptied. */
function CountryFilter({ value, onChange }: { value?: string; onChange: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value === undefined) setText('');
  }
  return (
    <SearchFilter
      label={t('reports.filters.country')}
      testId="report-country"
      w={130}
      value={text}
      onChange={(e) => {
        const v = e.currentTarget.value.toUpperCase();
        setText(v);
        if (/^[A-Z]{2}$/.test(v.trim()) || v.trim() === '') onChange(v.trim() || undefined);
      }}
    />
  );
}
