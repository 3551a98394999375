import { Anchor, Badge, Box, Center, Group, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { IconLock, IconPaperclip, IconRobot } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../i18n/format';
import type { MessageView } from '../../../../../src/shared/contracts/support';
import { SentimentBadge } from '../SentimentBadge';
import classes from '../support.module.css';

/**
 * An email's HTML. The server sanitized it already (part D); it is still shown only inside a
 * sandboxed frame with no script, form or same-origin rights, so even markup the sanitizer missed
 * cannot run or reach the app. Never put in the page itself.
 */
function EmailHtml({ html, title }: { html: string; title: string }) {
  const doc = `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'"><style>body{font:14px/1.45 system-ui,sans-serif;margin:8px;color:#222;overflow-wrap:anywhere}img{max-width:100%}blockquote{margin:0 0 0 8px;padding-left:8px;border-left:2px solid #ccc;color:#555}</style></head><body>${html}</body></html>`;
  return (
    <iframe
      className={classes.emailFrame}
      sandbox=""
      srcDoc={doc}
      title={title}
      referrerPolicy="no-referrer"
    />
  );
}

function Attachments({ items }: { items: MessageView['attachments'] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Group gap={6} mt={6} aria-label={t('support.message.attachments')}>
      {items.map((a) => (
        <Anchor
          key={a.id}
          href={a.url}
          // The bubble's own text colour (underlined): the link colour is not made for the reply's
          // blue or the note's yellow.
          c="inherit"
          underline="always"
          fz="xs"
          target="_blank"
          rel="noopener noreferrer"
          download={a.fileName}
        >
          <Group gap={2} wrap="nowrap">
            <IconPaperclip size={12} />
            {a.fileName} ({Math.max(1, Math.round(a.size / 1024))} KB)
          </Group>
        </Anchor>
      ))}
    </Group>
  );
}

function Message({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const side =
    message.authorKind === 'customer' ? 'customer' : message.authorKind === 'system' ? 'system' : 'agent';
  const author =
    message.authorName ??
    (message.authorKind === 'customer'
      ? t('support.message.customer')
      : t(`support.author.${message.authorKind}`));
  if (side === 'system')
    return (
      <Box className={classes.message} data-side="system" data-testid="message" data-seq={message.seq}>
        {message.body}
      </Box>
    );
  return (
    <Box
      className={classes.message}
      data-side={side}
      data-visibility={message.visibility}
      data-testid="message"
      data-seq={message.seq}
    >
      <Group gap={6} mb={4} wrap="nowrap">
        <Text fz="xs" fw={600} dir="auto">
          {author}
        </Text>
        {message.bot && (
          <Badge size="xs" variant="light" leftSection={<IconRobot size={10} />} data-testid="bot-badge">
            {t('bot.message.badge')}
          </Badge>
        )}
        {message.visibility === 'internal' && (
          <Badge size="xs" color="yellow" variant="light" leftSection={<IconLock size={10} />}>
            {t('support.message.internal')}
          </Badge>
        )}
        <SentimentBadge flag={message.sentimentFlag} score={message.sentimentScore} />
        {/* Dimmed text is too faint on the note's yellow in the dark theme. */}
        <Text fz={11} c={message.visibility === 'internal' ? undefined : 'dimmed'}>
          {dateTime(message.createdAt)}
        </Text>
      </Group>
      {message.bodyHtml ? (
        <EmailHtml html={message.bodyHtml} title={t('support.message.emailFrame', { seq: message.seq })} />
      ) : (
        <Text fz="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
          {message.body}
        </Text>
      )}
      {message.bot?.article && (
        <Anchor href={message.bot.article.url} target="_blank" rel="noopener" fz="xs" dir="auto">
          {t('bot.message.article', { title: message.bot.article.title })}
        </Anchor>
      )}
      <Attachments items={message.attachments} />
    </Box>
  );
}

/** The thread, oldest first; it follows the bottom when a message arrives while the reader is there. */
export function MessageList({ items, loading }: { items: MessageView[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const last = items?.[items.length - 1]?.seq ?? 0;
  useEffect(() => {
    const el = viewport.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [last]);
  return (
    <ScrollArea
      className={classes.messages}
      viewportRef={viewport}
      type="auto"
      onScrollPositionChange={({ y }) => {
        const el = viewport.current;
        if (el) atBottom.current = el.scrollHeight - y - el.clientHeight < 40;
      }}
    >
      {loading ? (
        <Center p="xl">
          <Loader size="sm" />
        </Center>
      ) : (
        <Stack gap="xs" p="sm" role="log" aria-label={t('support.message.thread')} aria-live="polite">
          {(items ?? []).length === 0 && (
            <Text fz="sm" c="dimmed" ta="center" py="lg">
              {t('support.message.none')}
            </Text>
          )}
          {(items ?? []).map((m) => (
            <Message key={m.seq} message={m} />
          ))}
        </Stack>
      )}
    </ScrollArea>
  );
}
