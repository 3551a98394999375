import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Box, Group, SegmentedControl, Skeleton, Text } from '@mantine/core';
import { IconChartLine } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEquity } from '../../../../api/trading';
import { EQUITY_RANGES, type EquityRange } from '../../../../../../src/shared/trading';
import type { AccountView } from '../../../../../../src/shared/contracts/trading';
import { EmptyBlock } from '../../../../components/EmptyBlock';
import { ErrorState } from '../../../../components/ErrorState';
import { useFormatters } from '../../../../i18n/format';

const HEIGHT = 200;

/** More points than the chart has pixels only slows it down (30 days of minutes is 43,200). */
const MAX_POINTS = 720;

/** Every n-th point, keeping the last one (the current state). */
function thin<T>(points: T[]): T[] {
  if (points.length <= MAX_POINTS) return points;
  const every = Math.ceil(points.length / MAX_POINTS);
  return points.filter((_, index) => index % every === 0 || index === points.length - 1);
}

/** 1, 2, 2.5 or 5 times a power of ten: the step a person would pick for about `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const f = rough / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
}

/**
 * Round value-axis ticks around the data with some room above and below, so a flat account is a
 * flat line mid-chart rather than an axis of identical labels.
 */
function valueAxis(low: number, high: number): { ticks: number[] } {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return { ticks: [0, 1] };
  const pad = Math.max((high - low) * 0.1, Math.abs(high) * 0.01, 1);
  const step = niceStep((high - low + 2 * pad) / 4);
  const from = Math.floor((low - pad) / step) * step;
  const to = Math.ceil((high + pad) / step) * step;
  const ticks: number[] = [];
  for (let v = from; v <= to + step / 2; v += step) ticks.push(Number(v.toFixed(6)));
  return { ticks };
}

/** Balance and equity over the chosen period (one point per minute on the server). */
export function EquityChart({ account }: { account: AccountView }) {
  const { t, i18n } = useTranslation();
  const { money, axisTime, dateTime } = useFormatters();
  const [range, setRange] = useState<EquityRange>('24h');
  const equity = useEquity(account.id, range);

  const { data, domain, yDomain, yTicks, tick, compact } = useMemo(() => {
    // Time of day within a day, weekday and time within a week, the date beyond.
    const span = range === '1h' || range === '24h' ? 'hours' : range === '7d' ? 'week' : 'days';
    const compactFormat = new Intl.NumberFormat(i18n.language, {
      notation: 'compact',
      maximumFractionDigits: 2,
    });
    const data = thin(
      (equity.data ?? [])
        .map((point) => ({ ...point, t: new Date(point.at).getTime() }))
        .filter((point) => Number.isFinite(point.t)),
    );
    const values = data.flatMap((point) => [point.balance, point.equity]);
    const y = valueAxis(Math.min(...values), Math.max(...values));
    return {
      data,
      domain: [data[0]?.t ?? 0, data[data.length - 1]?.t ?? 0] as [number, number],
      yDomain: [y.ticks[0] ?? 0, y.ticks[y.ticks.length - 1] ?? 1] as [number, number],
      yTicks: y.ticks,
      tick: (value: number) => axisTime(value, span),
      compact: (value: number) => compactFormat.format(value),
    };
  }, [equity.data, range, i18n.language, axisTime]);

  let body;
  if (equity.isPending) body = <Skeleton height={HEIGHT} />;
  else if (equity.isError) body = <ErrorState error={equity.error} onRetry={() => void equity.refetch()} />;
  // One point is only the current state: no history to draw yet.
  else if (data.length < 2)
    body = (
      <Box h={HEIGHT} data-testid="trading-equity-empty">
        <EmptyBlock icon={<IconChartLine size={22} />} title={t('trading.equity.empty')} />
      </Box>
    );
  else
    body = (
      // Time runs left to right in every language, like on every trading chart.
      <Box dir="ltr" opacity={equity.isPlaceholderData ? 0.5 : 1}>
        <LineChart
          h={HEIGHT}
          data={data}
          dataKey="t"
          series={[
            { name: 'equity', label: t('trading.equity.equity'), color: 'blue.6' },
            { name: 'balance', label: t('trading.equity.balance'), color: 'gray.6', strokeDasharray: '4 3' },
          ]}
          curveType="linear"
          withDots={false}
          strokeWidth={1.5}
          withLegend
          legendProps={{ verticalAlign: 'top', height: 28 }}
          tickLine="none"
          xAxisProps={{
            type: 'number',
            scale: 'time',
            domain,
            tickFormatter: tick,
            minTickGap: 40,
          }}
          yAxisProps={{ domain: yDomain, ticks: yTicks, tickFormatter: compact, width: 72 }}
          valueFormatter={(value) => money(value, account.currency) ?? ''}
          tooltipProps={{
            labelFormatter: (value: unknown) => dateTime(Number(value)) ?? '',
          }}
          tooltipAnimationDuration={0}
          data-testid="trading-equity-chart"
        />
      </Box>
    );

  return (
    <Box>
      <Group justify="space-between" gap="xs" mb={4}>
        <Text fz="sm" fw={600}>
          {t('trading.equity.title')}
        </Text>
        <SegmentedControl
          size="xs"
          aria-label={t('trading.equity.range')}
          value={range}
          onChange={(value) => setRange(value as EquityRange)}
          data={EQUITY_RANGES.map((value) => ({ value, label: t(`trading.equity.ranges.${value}`) }))}
          data-testid="trading-equity-range"
        />
      </Group>
      {body}
    </Box>
  );
}
