import {
  ActionIcon,
  Box,
  Button,
  Group,
  Kbd,
  Paper,
  SegmentedControl,
  Text,
  Textarea,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconLock, IconPaperclip, IconSend } from '@tabler/icons-react';
import { useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ArticleLinkPicker } from '../../knowledge/ArticleLinkPicker';
import { supportApi, useCannedResponses, useSupportAgents, type NewMessage } from '../../../api/support';
import type { MessageVisibility } from '../../../../../src/shared/support';
import classes from '../support.module.css';
import { UploadList } from './UploadList';
import { ACCEPTED_FILES, useUploads } from './upload';

interface Option {
  id: string;
  label: string;
  hint?: string | null;
}

/** The word being typed at the caret when it starts with `@` (a mention in a note). */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() } : null;
}

/** How often "I am typing" is sent while keys are pressed (other agents show it for a few seconds). */
const TYPING_EVERY_MS = 3000;

/**
 * Reply (public, the customer sees it) or Note (internal). `/` at the start opens the canned
 * responses (rendered with the conversation's variables); `@` in a note mentions an agent;
 * Ctrl+Enter (⌘+Enter) sends.
 */
export function Composer({
  conversationId,
  mode,
  onMode,
  inputRef,
  sending,
  onSend,
  disabled,
  language,
}: {
  conversationId: string;
  /** The conversation's language: the article picker searches in it. */
  language?: string | null;
  mode: MessageVisibility;
  onMode: (mode: MessageVisibility) => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  sending: boolean;
  onSend: (input: Omit<NewMessage, 'clientMessageId'>, clear: () => void) => void;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [mentions, setMentions] = useState<Map<string, string>>(new Map());
  const [highlight, setHighlight] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const lastTyping = useRef(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const files = useUploads(conversationId);

  const cannedOpen = text.startsWith('/') && !text.includes('\n');
  const mention = mode === 'internal' ? mentionAt(text, caret) : null;
  const canned = useCannedResponses(cannedOpen);
  const agents = useSupportAgents();

  const options: Option[] = useMemo(() => {
    if (cannedOpen) {
      const q = text.slice(1).toLowerCase();
      return (canned.data ?? [])
        .filter((c) => c.title.toLowerCase().includes(q) || (c.shortcut ?? '').toLowerCase().includes(q))
        .slice(0, 8)
        .map((c) => ({
          id: c.id,
          label: c.title,
          hint: c.shortcut ? `/${c.shortcut}` : c.body.slice(0, 60),
        }));
    }
    if (mention)
      return (agents.data ?? [])
        .filter((a) => a.name.toLowerCase().includes(mention.query))
        .slice(0, 8)
        .map((a) => ({ id: a.staffId, label: a.name, hint: a.status }));
    return [];
  }, [cannedOpen, canned.data, mention, agents.data, text]);
  const pickerKey = cannedOpen
    ? `canned:${text}`
    : mention
      ? `mention:${mention.start}:${mention.query}`
      : null;
  const pickerOpen = pickerKey !== null && pickerKey !== dismissed && options.length > 0;

  const clear = () => {
    setText('');
    setMentions(new Map());
    files.clear();
  };
  const attached = files.attachmentIds;
  const canSend = (text.trim() !== '' || attached.length > 0) && !files.busy && !sending && !disabled;
  const send = () => {
    const body = text.trim();
    if (!canSend) return;
    const named = [...mentions].filter(([, name]) => body.includes(`@${name}`)).map(([id]) => id);
    onSend(
      {
        body,
        visibility: mode,
        ...(attached.length > 0 && { attachmentIds: attached }),
        ...(mode === 'internal' && named.length > 0 && { mentions: named }),
      },
      clear,
    );
    // Others stop seeing "typing" now rather than when it times out.
    if (lastTyping.current > 0) void supportApi.typing(conversationId, false).catch(() => undefined);
    lastTyping.current = 0;
  };
  const pick = async (option: Option) => {
    if (cannedOpen) {
      try {
        const { body } = await supportApi.renderCanned(option.id, conversationId);
        setText(body);
      } catch {
        setText((canned.data ?? []).find((c) => c.id === option.id)?.body ?? '');
      }
    } else if (mention) {
      const before = text.slice(0, mention.start);
      const after = text.slice(caret);
      setText(`${before}@${option.label} ${after}`);
      setMentions((m) => new Map(m).set(option.id, option.label));
    }
    setHighlight(0);
    inputRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (pickerOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setHighlight((h) => (h + step + options.length) % options.length);
        return;
      }
      if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        void pick(options[Math.min(highlight, options.length - 1)]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissed(pickerKey);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
      return;
    }
    if (event.key === 'Escape') inputRef.current?.blur();
    const now = Date.now();
    if (now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      void supportApi.typing(conversationId, true).catch(() => undefined); // best effort
    }
  };

  return (
    <Box
      className={classes.composer}
      data-mode={mode}
      // Files dropped anywhere on the composer are attached.
      onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0 || disabled) return;
        e.preventDefault();
        files.add(Array.from(e.dataTransfer.files));
      }}
    >
      <Group justify="space-between" mb={6}>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => onMode(value as MessageVisibility)}
          data={[
            { value: 'public', label: t('support.composer.reply') },
            { value: 'internal', label: t('support.composer.note') },
          ]}
          aria-label={t('support.composer.mode')}
        />
        <Text fz="xs" c="dimmed">
          {mode === 'internal' ? t('support.composer.noteHint') : t('support.composer.replyHint')}
        </Text>
      </Group>
      <Box pos="relative">
        {pickerOpen && (
          <Paper
            shadow="md"
            withBorder
            pos="absolute"
            bottom="100%"
            left={0}
            right={0}
            mb={4}
            style={{ zIndex: 20, maxHeight: 240, overflowY: 'auto' }}
            role="listbox"
            aria-label={cannedOpen ? t('support.composer.canned') : t('support.composer.mention')}
          >
            {options.map((option, index) => (
              <UnstyledButton
                key={option.id}
                role="option"
                aria-selected={index === highlight}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void pick(option)}
                px="sm"
                py={6}
                w="100%"
                bg={index === highlight ? 'var(--mantine-color-default-hover)' : undefined}
              >
                <Group justify="space-between" wrap="nowrap">
                  <Text fz="sm" truncate="end">
                    {option.label}
                  </Text>
                  {option.hint && (
                    <Text fz="xs" c="dimmed" truncate="end" maw="50%">
                      {option.hint}
                    </Text>
                  )}
                </Group>
              </UnstyledButton>
            ))}
          </Paper>
        )}
        <Textarea
          ref={inputRef}
          autosize
          minRows={2}
          maxRows={8}
          value={text}
          disabled={disabled}
          placeholder={
            mode === 'internal'
              ? t('support.composer.notePlaceholder')
              : t('support.composer.replyPlaceholder')
          }
          aria-label={mode === 'internal' ? t('support.composer.note') : t('support.composer.reply')}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setCaret(e.currentTarget.selectionStart);
            setHighlight(0);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            // A pasted screenshot becomes an attachment.
            if (e.clipboardData.files.length > 0 && !disabled) {
              e.preventDefault();
              files.add(Array.from(e.clipboardData.files));
            }
          }}
          data-testid="composer"
        />
      </Box>
      <UploadList uploads={files.uploads} onRemove={files.remove} />
      <Group justify="space-between" mt={6}>
        <Group gap={6} wrap="nowrap">
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            accept={ACCEPTED_FILES}
            data-testid="attach-input"
            onChange={(e) => {
              files.add(Array.from(e.currentTarget.files ?? []));
              e.currentTarget.value = '';
            }}
          />
          <Tooltip label={t('support.upload.attach')} withArrow>
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={t('support.upload.attach')}
              onClick={() => fileInput.current?.click()}
              disabled={disabled}
              data-testid="attach"
            >
              <IconPaperclip size={16} />
            </ActionIcon>
          </Tooltip>
          {/* Knowledge base: a link to an article at the caret (one pick). */}
          <ArticleLinkPicker
            language={language ?? i18n.language}
            audience={mode === 'internal' ? 'agents' : 'public'}
            disabled={disabled}
            onInsert={(link) => {
              const at = Math.min(caret, text.length);
              const before = text.slice(0, at);
              const spaced = before && !/\s$/.test(before) ? ` ${link}` : link;
              setText(before + spaced + text.slice(at));
              inputRef.current?.focus();
            }}
          />
          <Text fz="xs" c="dimmed">
            {t('support.composer.tips')} <Kbd size="xs">/</Kbd>{' '}
            {mode === 'internal' && <Kbd size="xs">@</Kbd>}
          </Text>
        </Group>
        <Button
          size="xs"
          color={mode === 'internal' ? 'yellow' : undefined}
          leftSection={mode === 'internal' ? <IconLock size={14} /> : <IconSend size={14} />}
          onClick={send}
          loading={sending}
          disabled={!canSend && !sending}
          data-testid="send"
        >
          {mode === 'internal' ? t('support.composer.addNote') : t('support.composer.send')}
          <Kbd size="xs" ml={6}>
            Ctrl+↵
          </Kbd>
        </Button>
      </Group>
    </Box>
  );
}
