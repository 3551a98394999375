import { Alert, Button, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { CopyTextButton } from './CopyControls';
import { IconDownload, IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface RecoveryCodesPanelProps {
  codes: string[];
  onContinue: () => void;
  continueLabel?: string;
}

/** One-time display of fresh recovery codes, with copy and download helpers. */
export function RecoveryCodesPanel({ codes, onContinue, continueLabel }: RecoveryCodesPanelProps) {
  const { t } = useTranslation();
  const asText = codes.join('\n');

  const download = () => {
    const url = URL.createObjectURL(new Blob([`${asText}\n`], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = t('recovery.fileName');
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Stack gap="sm">
      <Alert variant="light" color="yellow" icon={<IconKey size={18} />} title={t('recovery.title')}>
        <Text size="sm">{t('recovery.description')}</Text>
      </Alert>
      {/* Holds only the codes, so it can be read or copied as-is. */}
      <SimpleGrid cols={2} spacing={6} verticalSpacing={6} dir="ltr" data-testid="recovery-codes">
        {codes.map((code) => (
          <Code key={code} fz="sm" ta="center" py={4}>
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <CopyTextButton value={asText} label={t('common.copy')} />
          <Button size="xs" variant="default" onClick={download} leftSection={<IconDownload size={14} />}>
            {t('common.download')}
          </Button>
        </Group>
        <Button onClick={onContinue} data-testid="recovery-continue">
          {continueLabel ?? t('common.continue')}
        </Button>
      </Group>
    </Stack>
  );
}
