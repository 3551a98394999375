import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const SHORTCUTS: [string[], string][] = [
  [['j'], 'next'],
  [['k'], 'previous'],
  [['r'], 'reply'],
  [['n'], 'note'],
  [['e'], 'resolve'],
  [['a'], 'assignMe'],
  [['Ctrl', 'Enter'], 'send'],
  [['/'], 'canned'],
  [['@'], 'mention'],
  [['?'], 'help'],
];

export function ShortcutsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('support.shortcuts.title')} size="sm">
      <Stack gap={6}>
        {SHORTCUTS.map(([keys, name]) => (
          <Group key={name} justify="space-between">
            <Text fz="sm">{t(`support.shortcuts.${name}`)}</Text>
            <Group gap={4}>
              {keys.map((k) => (
                <Kbd key={k} size="xs">
                  {k}
                </Kbd>
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
