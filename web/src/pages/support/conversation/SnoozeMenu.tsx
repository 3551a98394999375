import { Button, Group, Menu, Modal, Stack, Text, VisuallyHidden } from '@mantine/core';
import { DateTimePicker, DatesProvider } from '@mantine/dates';
import { IconAlarm, IconAlarmOff, IconCalendarTime, IconChevronDown } from '@tabler/icons-react';
import dayjs from 'dayjs';
import 'dayjs/locale/ar';
import 'dayjs/locale/id';
import 'dayjs/locale/ru';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../i18n/format';
import { SNOOZE_PRESETS, snoozeUntil } from './snooze';

/** DateTimePicker works with local "YYYY-MM-DD HH:mm:ss" strings. */
const PICKER_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/**
 * Snooze until a moment: presets (in an hour, tomorrow 9:00, next Monday 9:00, each showing when)
 * or a date and time picked in a dialog. A snoozed conversation offers to wake it now.
 */
export function SnoozeMenu({
  snoozedUntil,
  onSnooze,
  onWake,
  disabled,
}: {
  snoozedUntil: string | null;
  onSnooze: (until: Date) => void;
  onWake: () => void;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { dateTime, pickerDateTimeFormat } = useFormatters();
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const now = new Date();
  const pickedAt = picked ? dayjs(picked).toDate() : null;
  const pickedOk = pickedAt !== null && pickedAt.getTime() > Date.now();
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconAlarm size={14} />}
            rightSection={<IconChevronDown size={12} />}
            disabled={disabled}
            data-testid="snooze"
          >
            {t('support.snooze.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('support.snooze.until')}</Menu.Label>
          {SNOOZE_PRESETS.map((preset) => {
            const at = snoozeUntil(preset, now);
            return (
              <Menu.Item key={preset} onClick={() => onSnooze(at)} data-testid={`snooze-${preset}`}>
                <Group justify="space-between" gap="md" wrap="nowrap">
                  <Text fz="sm">{t(`support.snooze.${preset}`)}</Text>
                  <Text fz="xs" c="dimmed">
                    {dateTime(at.getTime())}
                  </Text>
                </Group>
              </Menu.Item>
            );
          })}
          <Menu.Item
            leftSection={<IconCalendarTime size={14} />}
            onClick={() => {
              setPicked(dayjs(snoozeUntil('tomorrow', now)).format(PICKER_FORMAT));
              setPicking(true);
            }}
            data-testid="snooze-custom"
          >
            {t('support.snooze.custom')}
          </Menu.Item>
          {snoozedUntil && (
            <>
              <Menu.Divider />
              <Menu.Item leftSection={<IconAlarmOff size={14} />} onClick={onWake} data-testid="snooze-wake">
                {t('support.snooze.wake')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={picking}
        onClose={() => setPicking(false)}
        title={t('support.snooze.customTitle')}
        centered
      >
        <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!pickedOk) return;
              onSnooze(pickedAt);
              setPicking(false);
            }}
          >
            <Stack gap="sm">
              <DateTimePicker
                label={<VisuallyHidden>{t('support.snooze.until')}</VisuallyHidden>}
                leftSection={<IconCalendarTime size={14} />}
                value={picked}
                onChange={setPicked}
                valueFormat={pickerDateTimeFormat}
                minDate={now}
                error={picked && !pickedOk ? t('support.snooze.past') : undefined}
                popoverProps={{ withinPortal: true }}
                data-testid="snooze-picker"
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setPicking(false)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" disabled={!pickedOk} data-testid="snooze-submit">
                  {t('support.snooze.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </DatesProvider>
      </Modal>
    </>
  );
}
