import { Card, Combobox, Group, Loader, Text, Textarea, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAt, IconMessagePlus } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { useAddComment } from '../../../api/clients';
import { useStaffSearch } from '../../../api/staff';
import { FormError } from '../../../components/FormError';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useLengthLimit } from '../../../components/validation';
import { can, useUser } from '../../../session/useSession';
import { ToolButton } from '../../../components/ToolButton';

interface Mention {
  id: string;
  name: string;
}

/** "@" at the start or after a space, then the name typed so far (no spaces yet). */
const MENTION_AT_CARET = /(^|\s)@([^\s@]{0,40})$/u;

/**
 * Comment with @mentions: typing "@" and a few letters offers staff members
 * (needs staff.read; without it plain text still works). Picking one inserts
 * "@Name" and remembers the id; ids whose "@Name" is still in the text are sent.
 */
export function CommentBox({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const limit = useLengthLimit();
  const toMessage = useErrorMessage();
  const user = useUser();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState('');
  const [mentioned, setMentioned] = useState<Mention[]>([]);
  const [mention, setMention] = useState<{ start: number; end: number; query: string } | null>(null);
  const [searchRefused, setSearchRefused] = useState(false);
  const mentionsAvailable = can(user, 'staff.read') && !searchRefused;
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  const [query] = useDebouncedValue(mention?.query ?? '', 200);
  const search = useStaffSearch(query, mentionsAvailable && mention !== null);

  // No permission after all (e.g. changed meanwhile): fall back to plain comments.
  useEffect(() => {
    if (search.error && isApiError(search.error) && search.error.status === 403) setSearchRefused(true);
  }, [search.error]);

  // The server answers for the debounced text; narrow at once to what is typed now, so Enter never picks a stale match.
  const typed = (mention?.query ?? '').toLowerCase();
  const options = (search.data ?? []).filter(
    (person) =>
      !typed || person.name.toLowerCase().includes(typed) || person.email.toLowerCase().includes(typed),
  );
  // Keep the first suggestion highlighted so Enter picks it.
  useEffect(() => {
    if (combobox.dropdownOpened && options.length) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search.data, typed, combobox.dropdownOpened]);

  const send = useAddComment(clientId, {
    onSuccess: () => {
      setBody('');
      setMentioned([]);
    },
  });

  const trackMention = (value: string, caret: number) => {
    const match = mentionsAvailable ? MENTION_AT_CARET.exec(value.slice(0, caret)) : null;
    if (match) {
      const query = match[2] ?? '';
      setMention({ start: caret - query.length - 1, end: caret, query });
      combobox.openDropdown();
    } else {
      setMention(null);
      combobox.closeDropdown();
    }
  };

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    const { value, selectionStart } = event.currentTarget;
    setBody(value);
    send.reset();
    trackMention(value, selectionStart ?? value.length);
  };

  const pick = (id: string) => {
    const person = options.find((option) => option.id === id);
    if (!person || !mention) return;
    const inserted = `@${person.name} `;
    const next = body.slice(0, mention.start) + inserted + body.slice(mention.end);
    const caret = mention.start + inserted.length;
    setBody(next);
    setMentioned((current) =>
      current.some((m) => m.id === person.id) ? current : [...current, { id: person.id, name: person.name }],
    );
    setMention(null);
    combobox.closeDropdown();
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(caret, caret);
    });
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!body.trim() || limit(body, 5000).over || send.isPending) return;
    const text = body.trim();
    const ids = [...new Set(mentioned.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id))];
    send.mutate({ body: text, mentions: ids });
  };

  return (
    <Card withBorder padding="sm">
      <form onSubmit={submit} data-testid="comment-form">
        <Combobox store={combobox} onOptionSubmit={pick} withinPortal position="bottom-start" width={320}>
          <Combobox.Target withKeyboardNavigation={combobox.dropdownOpened} withExpandedAttribute={false}>
            <Textarea
              ref={textarea}
              label={t('clients.comments.label')}
              placeholder={
                mentionsAvailable
                  ? t('clients.comments.placeholderMentions')
                  : t('clients.comments.placeholder')
              }
              value={body}
              onChange={onChange}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  submit();
                }
              }}
              onBlur={() => combobox.closeDropdown()}
              onClick={(event) => trackMention(body, event.currentTarget.selectionStart ?? body.length)}
              autosize
              minRows={2}
              maxRows={8}
              error={
                limit(body, 5000).error ??
                (send.error && isApiError(send.error) && send.error.field ? toMessage(send.error) : undefined)
              }
              data-testid="comment-input"
            />
          </Combobox.Target>
          <Combobox.Dropdown hidden={mention === null}>
            <Combobox.Options data-testid="mention-options">
              {search.isFetching && options.length === 0 ? (
                <Combobox.Empty>
                  <Loader size="xs" />
                </Combobox.Empty>
              ) : options.length === 0 ? (
                <Combobox.Empty>{t('clients.comments.nobody')}</Combobox.Empty>
              ) : (
                options.map((person) => (
                  <Combobox.Option key={person.id} value={person.id} data-testid="mention-option">
                    <Text size="sm" fw={500}>
                      {person.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`roles.${person.role}`)}
                      {person.teamName ? ` · ${person.teamName}` : ''}
                    </Text>
                  </Combobox.Option>
                ))
              )}
            </Combobox.Options>
          </Combobox.Dropdown>
        </Combobox>
        {send.error && !(isApiError(send.error) && send.error.field) && (
          <FormError message={toMessage(send.error)} />
        )}
        <Group justify="space-between" mt={6} gap="xs">
          <Text size="xs" c="dimmed">
            {mentionsAvailable && (
              <>
                <IconAt size={12} style={{ verticalAlign: 'middle' }} /> {t('clients.comments.mentionHint')}
              </>
            )}
          </Text>
          <ToolButton
            icon={IconMessagePlus}
            type="submit"
            loading={send.isPending}
            disabled={!body.trim()}
            data-testid="comment-submit"
          >
            {t('clients.comments.submit')}
          </ToolButton>
        </Group>
      </form>
    </Card>
  );
}
