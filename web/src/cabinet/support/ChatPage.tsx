import { Alert, Card, Stack } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { mountChat } from '../../../widget/chat';
import { CABINET_CHAT_STORAGE_KEY } from '../api';
import { cabinetSupportApi } from './api';
import { CallbackCard } from './CallbackCard';

/**
 * /cabinet/support: the same live chat as the widget on the broker's site, mounted in the page. The
 * cabinet hands it a short-lived signed token, so the chat opens as this trader (linked to their
 * client) without the pre-chat form.
 */
export function ChatPage() {
  const { t, i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const language = i18n.language;

  useEffect(() => {
    let chat: { destroy(): void } | null = null;
    let cancelled = false;
    setFailed(false);
    cabinetSupportApi
      .chatToken()
      .then(({ token }) => {
        if (cancelled || !host.current) return;
        chat = mountChat(host.current, {
          base: window.location.origin,
          language,
          traderToken: token,
          // Its own key (cleared on sign-out): a visitor chat on the broker's site stays separate.
          storageKey: CABINET_CHAT_STORAGE_KEY,
        });
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      chat?.destroy();
    };
  }, [language]);

  return (
    <Stack gap="md">
      <PageHeader title={t('supportCabinet.title')} description={t('supportCabinet.description')} />
      {failed && (
        <Alert color="red" role="alert">
          {t('supportCabinet.error')}
        </Alert>
      )}
      <Card withBorder padding={0} h={560} maw={560} data-testid="cabinet-support-chat">
        <div ref={host} style={{ height: '100%' }} />
      </Card>
      <CallbackCard />
    </Stack>
  );
}
