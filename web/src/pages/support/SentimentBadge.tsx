import { Badge, Tooltip } from '@mantine/core';
import { IconMoodSad } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SentimentFlag } from '../../../../src/shared/support';

/** A customer's negative mood (support/sentiment): shown on the inbox row, the header and the message. */
export function SentimentBadge({ flag, score }: { flag?: SentimentFlag | null; score?: number | null }) {
  const { t } = useTranslation();
  if (!flag) return null;
  const name = t(`care.sentiment.${flag}`);
  return (
    <Tooltip label={t('care.sentiment.label', { flag: name, score: (score ?? 0).toFixed(2) })}>
      <Badge
        size="xs"
        variant={flag === 'very_negative' ? 'filled' : 'light'}
        color={flag === 'very_negative' ? 'red.9' : 'orange.9'}
        leftSection={<IconMoodSad size={10} aria-hidden />}
        data-testid="sentiment-flag"
        data-flag={flag}
      >
        {name}
      </Badge>
    </Tooltip>
  );
}
