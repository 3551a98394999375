import { Button, Card, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBotSettings, useSaveBotSettings } from '../../../api/bot';
import { QueryCard } from '../../../components/QueryCard';
import { usePermission } from '../../../session/useSession';

/**
 * Support → Settings → Bot: whether the FAQ bot answers new chats first, and the confidence below which
 * it hands the visitor to a person. Read by the desk, changed with settings.write.
 */
export default function BotTab() {
  const { t } = useTranslation();
  const canEdit = usePermission('settings.write');
  const settings = useBotSettings();
  const [enabled, setEnabled] = useState(false);
  const [threshold, setThreshold] = useState<number | ''>(60);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!settings.data) return;
    setEnabled(settings.data.enabled);
    setThreshold(settings.data.threshold);
  }, [settings.data]);
  const save = useSaveBotSettings({
    onSuccess: () => notifications.show({ color: 'teal', message: t('bot.settings.saved') }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (threshold === '' || threshold < 0 || threshold > 100 || !Number.isInteger(threshold)) {
      setError(t('bot.settings.thresholdRange'));
      return;
    }
    setError(null);
    save.mutate({ enabled, threshold });
  };
  return (
    <div data-testid="support-settings-bot">
      <Text fz="sm" c="dimmed" mb="xs">
        {t('bot.settings.hint')}
      </Text>
      <QueryCard query={settings} skeletonRows={2}>
        {() => (
          <Card padding="sm">
            <form onSubmit={onSubmit} noValidate>
              <Stack gap="sm" maw={520}>
                <Switch
                  label={t('bot.settings.enabled')}
                  description={t('bot.settings.enabledHint')}
                  checked={enabled}
                  disabled={!canEdit}
                  onChange={(e) => setEnabled(e.currentTarget.checked)}
                  data-testid="bot-enabled"
                />
                <NumberInput
                  label={t('bot.settings.threshold')}
                  description={t('bot.settings.thresholdHint')}
                  min={0}
                  max={100}
                  step={5}
                  suffix=" %"
                  value={threshold}
                  disabled={!canEdit}
                  error={error}
                  onChange={(v) => setThreshold(typeof v === 'number' ? v : '')}
                  data-testid="bot-threshold"
                />
                {canEdit && (
                  <Group>
                    <Button type="submit" loading={save.isPending} data-testid="bot-save">
                      {t('common.save')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </form>
          </Card>
        )}
      </QueryCard>
    </div>
  );
}
