import {
  ActionIcon,
  Badge,
  Popover,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBook } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKbSearch } from '../../api/knowledge';

/**
 * The composer's "insert article link": search the knowledge base in the conversation's language and
 * pick an article; "Title: https://…/help/…" goes in at the caret. A public reply offers only public
 * articles (the customer could not open an internal one); a note offers internal ones too.
 */
export function ArticleLinkPicker({
  language,
  audience,
  disabled,
  onInsert,
}: {
  language: string;
  audience: 'public' | 'agents';
  disabled?: boolean;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 200);
  const hits = useKbSearch(debounced, language, audience);
  const pick = (title: string, url: string) => {
    const href = url.startsWith('/') ? `${window.location.origin}${url}` : url;
    onInsert(`${title}: ${href}`);
    setOpened(false);
    setQ('');
  };
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="top-start"
      width={380}
      trapFocus
      withArrow
      shadow="md"
    >
      <Popover.Target>
        <Tooltip label={t('knowledge.composer.insertLink')} withArrow>
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={t('knowledge.composer.insertLink')}
            onClick={() => setOpened((o) => !o)}
            disabled={disabled}
            data-testid="insert-article"
          >
            <IconBook size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput
            label={t('knowledge.composer.searchLabel')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            data-autofocus
            data-testid="insert-article-q"
          />
          <ScrollArea.Autosize mah={260}>
            <Stack gap={4} data-testid="insert-article-results">
              {debounced.trim() && hits.data?.items.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('knowledge.composer.noResults')}
                </Text>
              )}
              {hits.data?.items.map((h) => (
                <UnstyledButton
                  key={h.articleId}
                  onClick={() => pick(h.title, h.url)}
                  p={6}
                  style={{ borderRadius: 6 }}
                  data-testid="insert-article-hit"
                >
                  <Text size="sm" fw={600} span>
                    {h.title}
                  </Text>{' '}
                  {h.internal && (
                    <Badge size="xs" variant="light" color="grape">
                      {t('knowledge.composer.internal')}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {h.summary}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
