import { Card, Group, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReportFigure } from '../../../../src/shared/contracts/reports';
import { useReports } from './filters';
import { useReportFormat } from './format';

/** One headline number: its value, the previous period's and the change; a click opens its records. */
export function FigureCard({ figure }: { figure: ReportFigure }) {
  const { t } = useTranslation();
  const { drill } = useReports();
  const fmt = useReportFormat();
  const label = t(`reports.figures.${figure.key}`, { defaultValue: figure.key });
  const change = fmt.change(figure.value, figure.previous);
  const body = (
    <>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700} data-testid={`figure-${figure.key}`}>
        {fmt.value(figure.unit, figure.value)}
      </Text>
      {figure.previous !== null && (
        <Group gap={4} wrap="nowrap">
          {change !== null &&
            (change >= 0 ? (
              <IconArrowUpRight size={14} aria-hidden />
            ) : (
              <IconArrowDownRight size={14} aria-hidden />
            ))}
          <Text fz="xs" c="dimmed">
            {t('reports.previous', { value: fmt.value(figure.unit, figure.previous) })}
            {change !== null && ` · ${change >= 0 ? '+' : ''}${fmt.percent(change)}`}
          </Text>
        </Group>
      )}
    </>
  );
  return (
    <Card withBorder padding="sm">
      {figure.drill ? (
        <UnstyledButton
          onClick={() => drill(figure.drill!, null, label)}
          title={t('reports.drillOf', { label })}
          data-testid={`drill-${figure.key}`}
        >
          {body}
        </UnstyledButton>
      ) : (
        body
      )}
    </Card>
  );
}

export function FigureGrid({ figures }: { figures: readonly ReportFigure[] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} data-testid="report-figures">
      {figures.map((f) => (
        <FigureCard key={f.key} figure={f} />
      ))}
    </SimpleGrid>
  );
}
