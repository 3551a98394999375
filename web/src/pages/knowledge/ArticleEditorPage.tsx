import { Anchor, Badge, Group, Loader, Stack, Switch, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useArticle, useKbCategories, useKbLanguages, usePatchArticle } from '../../api/knowledge';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useErrorMessage } from '../../components/useErrorMessage';
import { TranslationForm } from './TranslationForm';

/**
 * /knowledge/articles/:id: one tab per language (the draft, what is published, feedback); save a
 * draft, publish it as the next version or take it off the help centre; the internal flag.
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
  if (article.isError) return <ErrorState error={article.error} />;
  if (!article.data || !languages.data) return <Loader aria-label={t('common.loading')} />;
  const a = article.data;
  const tab = params.get('language') ?? i18n.language;
  const title = a.translations.find((x) => x.language === tab)?.title ?? a.translations[0]?.title ?? a.slug;
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
          <Switch
            label={t('knowledge.editor.internal')}
            checked={a.internal}
            disabled={patch.isPending}
            onChange={(e) => patch.mutate({ internal: e.currentTarget.checked })}
            data-testid="kb-internal"
          />
        }
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
