import { Anchor, Badge, Button, Group, Loader, Stack, Switch, Tabs, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  useArticle,
  useDeleteArticle,
  useKbCategories,
  useKbLanguages,
  usePatchArticle,
} from '../../api/knowledge';
import { ConfirmDeleteModal } from '../../components/ConfirmDeleteModal';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useErrorMessage } from '../../components/useErrorMessage';
import { TranslationForm } from './TranslationForm';

/**
 * /knowledge/articles/:id: one tab per language (the draft, what is published, feedback); save a
 * draft, publish it as the next version or take it off the help centre; the internal flag; delete an
 * article no language publishes.
 */
export default function ArticleEditorPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const toMessage = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const article = useArticle(id);
  const languages = useKbLanguages();
  const categories = useKbCategories();
  const patch = usePatchArticle(id, {
    onError: (error) =>
      notifications.show({
        color: 'red',
        closeButtonProps: { 'aria-label': t('common.close') },
        message: toMessage(error),
      }),
  });
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = useDeleteArticle({
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        closeButtonProps: { 'aria-label': t('common.close') },
        message: t('knowledge.editor.deleted'),
      });
      void navigate('/knowledge', { replace: true });
    },
  });
  if (article.isError) return <ErrorState error={article.error} />;
  if (!article.data || !languages.data) return <Loader aria-label={t('common.loading')} />;
  const a = article.data;
  const tab = params.get('language') ?? i18n.language;
  const title = a.translations.find((x) => x.language === tab)?.title ?? a.translations[0]?.title ?? a.slug;
  const published = a.translations.some((x) => x.publishedVersion !== null);
  return (
    <Stack gap="md" data-testid="kb-editor">
      <Anchor component={Link} to="/knowledge" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} />
          {t('knowledge.editor.back')}
        </Group>
      </Anchor>
      <PageHeader
        main
        title={title}
        description={<span dir="ltr">{a.slug}</span>}
        actions={
          <Group gap="md">
            <Switch
              label={t('knowledge.editor.internal')}
              checked={a.internal}
              disabled={patch.isPending}
              onChange={(e) => patch.mutate({ internal: e.currentTarget.checked })}
              data-testid="kb-internal"
            />
            <Tooltip
              label={t('knowledge.editor.deleteHint')}
              disabled={!published}
              withArrow
              multiline
              w={260}
            >
              <Button
                variant="subtle"
                color="red"
                size="xs"
                leftSection={<IconTrash size={14} />}
                // A published article stays: unpublish its languages first (the button says why).
                data-disabled={published || undefined}
                aria-disabled={published}
                onClick={(e) => (published ? e.preventDefault() : setConfirming(a.id))}
                data-testid="kb-delete"
              >
                {t('knowledge.editor.delete')}
              </Button>
            </Tooltip>
          </Group>
        }
      />
      <ConfirmDeleteModal
        item={confirming}
        title={t('knowledge.editor.deleteTitle')}
        message={t('knowledge.editor.deleteMessage')}
        mutation={remove}
        onConfirm={(articleId) => remove.mutate(articleId)}
        onClose={() => setConfirming(null)}
      />
      <Tabs
        value={tab}
        onChange={(v) => v && setParams({ language: v }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('knowledge.editor.languages')}>
          {languages.data.items.map((l) => {
            const tr = a.translations.find((x) => x.language === l.code);
            return (
              <Tabs.Tab key={l.code} value={l.code} data-testid={`kb-tab-${l.code}`}>
                <Group gap={6} wrap="nowrap" component="span">
                  <span lang={l.code}>{l.name}</span>
                  {tr?.publishedVersion != null && (
                    <Badge size="xs" variant="light" color={tr.unpublishedChanges ? 'yellow' : 'teal'}>
                      v{tr.publishedVersion}
                    </Badge>
                  )}
                </Group>
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {languages.data.items.map((l) => {
          const tr = a.translations.find((x) => x.language === l.code) ?? null;
          const fb = a.feedback[l.code] ?? { helpful: 0, notHelpful: 0 };
          return (
            <Tabs.Panel key={l.code} value={l.code} pt="md">
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {t('knowledge.editor.feedback', fb)}
                </Text>
                <TranslationForm
                  articleId={a.id}
                  slug={a.slug}
                  internal={a.internal}
                  categorySlug={categories.data?.items.find((c) => c.id === a.categoryId)?.slug ?? null}
                  language={l}
                  translation={tr}
                />
              </Stack>
            </Tabs.Panel>
          );
        })}
      </Tabs>
    </Stack>
  );
}
