import { CloseButton, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../components/useErrorMessage';
import type { Upload } from './upload';

/** Kilobytes or megabytes, for a file size next to its name. */
export function fileSize(bytes: number): string {
  return bytes < 1_048_576
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** The composer's files: name and size, a progress bar while sending, the reason when refused. */
export function UploadList({ uploads, onRemove }: { uploads: Upload[]; onRemove: (key: string) => void }) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  if (uploads.length === 0) return null;
  const reason = (u: Upload) => {
    const e = u.error;
    if (!e) return '';
    if (e.code === 'attachment_too_large')
      return t('support.upload.tooLarge', {
        mb: typeof e.details.maxMb === 'number' ? e.details.maxMb : '?',
      });
    if (e.code === 'attachment_type_refused') return t('support.upload.typeRefused');
    if (e.code === 'attachment_empty') return t('support.upload.empty');
    return toMessage(e);
  };
  return (
    <Stack gap={4} mt={6} aria-label={t('support.upload.list')} data-testid="uploads">
      {uploads.map((u) => (
        <Stack key={u.key} gap={2} data-testid="upload" data-state={u.state}>
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Group gap={4} wrap="nowrap" miw={0}>
              {u.state === 'failed' ? (
                <IconAlertCircle size={14} color="var(--mantine-color-error)" aria-hidden />
              ) : (
                <IconPaperclip size={14} aria-hidden />
              )}
              <Text fz="xs" truncate="end" dir="auto">
                {u.file.name}
              </Text>
              <Text fz="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {fileSize(u.file.size)}
              </Text>
            </Group>
            <CloseButton
              size="sm"
              aria-label={t('support.upload.remove', { name: u.file.name })}
              onClick={() => onRemove(u.key)}
            />
          </Group>
          {u.state === 'uploading' && (
            <Progress
              size="xs"
              value={Math.round(u.progress * 100)}
              aria-label={t('support.upload.progress', { name: u.file.name })}
              animated
            />
          )}
          {u.state === 'failed' && (
            <Text fz="xs" c="red" role="alert" data-testid="upload-error">
              {t('support.upload.failed', { name: u.file.name, reason: reason(u) })}
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
