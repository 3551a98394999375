import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useFormatters } from '../i18n/format';

/** Compact language codes with the full (localized) name on hover. */
export function LanguageBadges({ codes }: { codes: string[] }) {
  const { languageName } = useFormatters();
  if (codes.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={4} wrap="nowrap">
      {codes.map((code) => (
        <Tooltip key={code} label={languageName(code)} withArrow openDelay={300}>
          <Badge size="xs" variant="default" tt="uppercase" radius="sm">
            {code}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
