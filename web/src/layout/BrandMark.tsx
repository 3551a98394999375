import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function BrandMark() {
  const { t } = useTranslation();
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={28} radius="sm" variant="filled">
        <IconBuildingBank size={18} />
      </ThemeIcon>
      <Text fw={700} fz="md" lts={-0.2}>
        {t('app.name')}
      </Text>
    </Group>
  );
}
