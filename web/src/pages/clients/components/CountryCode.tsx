import { Badge, Text, Tooltip } from '@mantine/core';
import { useFormatters } from '../../../i18n/format';

/** Compact ISO country code with the localized country name on hover. */
export function CountryCode({ code }: { code: string | null }) {
  const { countryName } = useFormatters();
  if (!code)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <Tooltip label={countryName(code)} withArrow openDelay={300}>
      <Badge size="sm" variant="default" radius="sm" tt="uppercase" ff="monospace" dir="ltr">
        {code}
      </Badge>
    </Tooltip>
  );
}
