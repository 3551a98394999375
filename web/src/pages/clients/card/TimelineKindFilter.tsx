import { Chip, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TIMELINE_KINDS, type TimelineKind } from '../../../../../src/shared/timeline';

/**
 * Which kinds of events the history shows: "All", or any mix of kinds. A kind with nothing in the
 * client's history is left out (unless chosen), so the row stays short.
 */
export function TimelineKindFilter({
  value,
  onChange,
  counts,
}: {
  value: TimelineKind[];
  onChange: (kinds: TimelineKind[]) => void;
  counts: Record<TimelineKind, number> | undefined;
}) {
  const { t } = useTranslation();
  const total = counts ? TIMELINE_KINDS.reduce((sum, kind) => sum + counts[kind], 0) : undefined;
  const label = (text: string, count: number | undefined) =>
    count === undefined ? text : `${text} · ${count}`;
  const shown = TIMELINE_KINDS.filter((kind) => !counts || counts[kind] > 0 || value.includes(kind));

  return (
    <Group gap={4} mb="xs" role="group" aria-label={t('workview.timeline.filterLabel')}>
      <Chip
        size="xs"
        checked={value.length === 0}
        onChange={() => onChange([])}
        wrapperProps={{ 'data-testid': 'timeline-kind-all' }}
      >
        {label(t('workview.timeline.all'), total)}
      </Chip>
      <Chip.Group multiple value={value} onChange={(next) => onChange(next as TimelineKind[])}>
        {shown.map((kind) => (
          <Chip key={kind} size="xs" value={kind} wrapperProps={{ 'data-testid': `timeline-kind-${kind}` }}>
            {label(t(`workview.timeline.kinds.${kind}`), counts?.[kind])}
          </Chip>
        ))}
      </Chip.Group>
    </Group>
  );
}
