import { ActionIcon, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconPencil, IconX } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { CodeAutocomplete } from '../components/CodeInputs';

export type InlineEditor = 'text' | 'email' | 'tel' | 'country' | 'language';

interface InlineFieldProps {
  name: string;
  label: string;
  value: string | null;
  /** How the value reads when not editing (defaults to the raw value). */
  display?: ReactNode;
  editor?: InlineEditor;
  /** Omit for read-only fields. Rejects with the API error to show it on the field. */
  onSave?: (value: string | null) => Promise<unknown>;
  /** The field may not be emptied (e.g. the name). */
  required?: boolean;
  ltr?: boolean;
}

/** A label and a value that turns into an input in place; API validation errors land on the input. */
export function InlineField({
  name,
  label,
  value,
  display,
  editor = 'text',
  onSave,
  required,
  ltr,
}: InlineFieldProps) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editing = draft !== null;

  const start = () => {
    setDraft(value ?? '');
    setError(null);
  };
  const cancel = () => {
    setDraft(null);
    setError(null);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (draft === null || !onSave) return;
    const next = draft.trim() || null;
    if (next === (value ?? null)) return cancel();
    if (required && !next) return setError(t('common.required'));
    setSaving(true);
    try {
      await onSave(next);
      cancel();
    } catch (caught) {
      // Errors about another field (rare) are still shown here: this is the field being saved.
      setError(isApiError(caught) || caught instanceof Error ? toMessage(caught) : t('errors.unknown'));
    } finally {
      setSaving(false);
    }
  };

  const actions = (
    <Group gap={2} wrap="nowrap">
      <ActionIcon
        type="submit"
        size="sm"
        variant="subtle"
        color="teal"
        loading={saving}
        aria-label={t('common.save')}
        data-testid={`client-field-${name}-save`}
      >
        <IconCheck size={14} />
      </ActionIcon>
      <ActionIcon size="sm" variant="subtle" color="gray" onClick={cancel} aria-label={t('common.cancel')}>
        <IconX size={14} />
      </ActionIcon>
    </Group>
  );

  const inputProps = {
    size: 'xs' as const,
    'aria-label': label,
    error,
    rightSection: actions,
    rightSectionWidth: 56,
    autoFocus: true,
    onKeyDown: (event: React.KeyboardEvent) => event.key === 'Escape' && cancel(),
    'data-testid': `client-field-${name}-input`,
  };

  return (
    <Stack gap={0} data-testid={`client-field-${name}`}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {editing ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          {editor === 'country' || editor === 'language' ? (
            <CodeAutocomplete
              kind={editor}
              value={draft}
              onChange={(next) => setDraft(next)}
              {...inputProps}
            />
          ) : (
            <TextInput
              type={editor === 'text' ? 'text' : editor}
              dir={ltr ? 'ltr' : undefined}
              value={draft}
              onChange={(event) => {
                setDraft(event.currentTarget.value);
                setError(null);
              }}
              {...inputProps}
            />
          )}
        </form>
      ) : (
        <Group gap={4} wrap="nowrap" mih={26}>
          <Text
            size="sm"
            fw={500}
            c={value ? undefined : 'dimmed'}
            dir={ltr && value ? 'ltr' : undefined}
            style={{ overflowWrap: 'anywhere' }}
            data-testid={`client-field-${name}-value`}
          >
            {value ? (display ?? value) : '—'}
          </Text>
          {onSave && (
            <Tooltip label={t('common.edit')} withArrow openDelay={400}>
              <ActionIcon
                size="sm"
                variant="subtle"
                color="gray"
                onClick={start}
                aria-label={`${t('common.edit')}: ${label}`}
                data-testid={`client-field-${name}-edit`}
              >
                <IconPencil size={13} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      )}
    </Stack>
  );
}
