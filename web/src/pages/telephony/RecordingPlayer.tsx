import { Button, Group, Loader, SegmentedControl, Text, VisuallyHidden } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { telephonyApi } from '../../api/telephony';
import { useErrorMessage } from '../../components/useErrorMessage';
import { usePermission } from '../../session/useSession';

const SPEEDS = ['1', '1.5', '2'] as const;

/**
 * A call's recording in the browser: the native audio player (play, pause, seek) on a short-lived
 * signed link asked for when the player opens (every listen is audited), a speed selector (1×, 1.5×,
 * 2×), and a download for those allowed. An expired link is asked for again on the next play.
 */
export function RecordingPlayer({ callId, label }: { callId: string; label: string }) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const canDownload = usePermission('telephony.download');
  const audio = useRef<HTMLAudioElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>('1');
  const speedLabel = useId();

  useEffect(() => {
    let live = true;
    telephonyApi
      .recordingLink(callId, 'listen')
      .then((link) => live && setSrc(link.url))
      .catch((err: unknown) => live && setError(toMessage(err)));
    return () => {
      live = false;
    };
  }, [callId, toMessage]);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = Number(speed);
  }, [speed, src]);

  const download = () =>
    telephonyApi
      .recordingLink(callId, 'download')
      .then((link) => {
        const a = document.createElement('a');
        a.href = link.url;
        a.download = `call-${callId}.wav`;
        a.click();
      })
      .catch((err: unknown) => setError(toMessage(err)));

  if (error)
    return (
      <Text fz="xs" c="red" role="alert">
        {t('telephony.player.loadFailed')}: {error}
      </Text>
    );
  if (!src) return <Loader size="xs" />;
  return (
    <Group gap="xs" wrap="wrap" data-testid="recording-player">
      <audio
        ref={audio}
        src={src}
        controls
        preload="metadata"
        aria-label={label}
        style={{ height: 32, maxWidth: 320 }}
        onLoadedMetadata={() => audio.current && (audio.current.playbackRate = Number(speed))}
        data-testid="recording-audio"
      />
      <VisuallyHidden id={speedLabel}>{t('telephony.player.speed')}</VisuallyHidden>
      <SegmentedControl
        size="xs"
        aria-labelledby={speedLabel}
        value={speed}
        onChange={(value) => setSpeed(value as (typeof SPEEDS)[number])}
        data={SPEEDS.map((s) => ({ value: s, label: `${s}×` }))}
        data-testid="recording-speed"
      />
      {canDownload && (
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconDownload size={12} />}
          onClick={() => void download()}
        >
          {t('telephony.player.download')}
        </Button>
      )}
    </Group>
  );
}
