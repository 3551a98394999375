import { ActionIcon, Button, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * A copy icon beside a value: its tooltip says "Copied" for a moment after a click. `labels` replace
 * the common "Copy" / "Copied"; `ariaLabel` names the button when the value it copies needs saying.
 */
export function CopyIcon({
  value,
  labels,
  ariaLabel,
  size = 'sm',
  testId,
}: {
  value: string;
  labels?: { copy: string; copied: string };
  ariaLabel?: string;
  /** `md` where the copy icon stands beside larger text (the cabinet's credentials). */
  size?: 'sm' | 'md';
  testId?: string;
}) {
  const { t } = useTranslation();
  const iconSize = size === 'sm' ? 14 : 16;
  const { copy: copyLabel, copied: copiedLabel } = labels ?? {
    copy: t('common.copy'),
    copied: t('common.copied'),
  };
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? copiedLabel : copyLabel} withArrow>
          <ActionIcon
            size={size}
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={ariaLabel ?? copyLabel}
            data-testid={testId}
          >
            {copied ? <IconCheck size={iconSize} /> : <IconCopy size={iconSize} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** A small "Copy …" button for a whole block of text (codes, credentials); "Copied" after a click. */
export function CopyTextButton({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant="default"
          onClick={copy}
          leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          data-testid={testId}
        >
          {copied ? t('common.copied') : label}
        </Button>
      )}
    </CopyButton>
  );
}
