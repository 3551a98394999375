import { Box, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SupportReport } from '../../../../src/shared/contracts/reports';

type Cell = SupportReport['volume']['heatmap'][number];
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * Conversations by hour of the week (UTC): a 7 × 24 grid, darker where more arrive. Each cell is named
 * for screen readers ("Mon 14:00: 120"); the colour is the theme's blue at a strength by count.
 */
export function HourOfWeekHeatmap({ cells }: { cells: readonly Cell[] }) {
  const { t } = useTranslation();
  const count = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c.count]));
  const max = Math.max(1, ...cells.map((c) => c.count));
  return (
    <Box dir="ltr" style={{ overflowX: 'auto' }}>
      <Table
        withRowBorders={false}
        verticalSpacing={1}
        horizontalSpacing={1}
        data-testid="heatmap"
        style={{ tableLayout: 'fixed', minWidth: 560 }}
      >
        <caption>
          <VisuallyHidden>{t('reports.support.heatmap')}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44} />
            {HOURS.map((h) => (
              <Table.Th key={h} ta="center" fz={10} fw={400} p={0}>
                {h % 3 === 0 ? h : ''}
                {h % 3 !== 0 && <VisuallyHidden>{h}</VisuallyHidden>}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {WEEKDAYS.map((d) => (
            <Table.Tr key={d}>
              <Table.Th fz="xs" fw={500} p={0} scope="row">
                {t(`reports.weekdays.${d}`)}
              </Table.Th>
              {HOURS.map((h) => {
                const n = count.get(`${d}:${h}`) ?? 0;
                const strength = n === 0 ? 0 : 0.12 + 0.88 * (n / max);
                return (
                  <Table.Td
                    key={h}
                    p={0}
                    title={`${t(`reports.weekdays.${d}`)} ${String(h).padStart(2, '0')}:00 — ${n}`}
                  >
                    <Box
                      h={18}
                      style={{
                        borderRadius: 2,
                        background:
                          n === 0
                            ? 'var(--mantine-color-default-border)'
                            : `color-mix(in srgb, var(--mantine-color-blue-filled) ${Math.round(strength * 100)}%, transparent)`,
                      }}
                    >
                      <VisuallyHidden>{`${t(`reports.weekdays.${d}`)} ${h}:00: ${n}`}</VisuallyHidden>
                    </Box>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fz="xs" c="dimmed">
        {t('reports.support.heatmapHint', { max })}
      </Text>
    </Box>
  );
}
