import { Anchor, Badge, Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { usePublish, useSaveDraft, useUnpublish } from '../../api/knowledge';
import type { KbLanguage, KbTranslation } from '../../../../src/shared/contracts/knowledge';
import { FormError } from '../../components/FormError';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormState } from '../../components/useFormState';
import { useRules } from '../../components/validation';

interface Props {
  articleId: string;
  slug: string;
  internal: boolean;
  categorySlug: string | null;
  language: KbLanguage;
  translation: KbTranslation | null;
}

/** One language of an article: its draft (title, keywords, HTML body), publish and unpublish. */
export function TranslationForm({ articleId, slug, internal, categorySlug, language, translation }: Props) {
  const { t } = useTranslation();
  const rules = useRules();
  const toMessage = useErrorMessage();
  const form = useFormState(
    { title: translation?.title ?? '', keywords: translation?.keywords ?? '', body: translation?.body ?? '' },
    {
      title: [rules.required(), rules.maxLength(200)],
      keywords: [rules.maxLength(1000)],
      body: [rules.required()],
    },
  );
  const failed = (error: Error) => form.showError(error, toMessage);
  const save = useSaveDraft(articleId, {
    onSuccess: (detail) => {
      const saved = detail.translations.find((x) => x.language === language.code);
      if (saved) form.reset({ title: saved.title, keywords: saved.keywords, body: saved.body });
      notifications.show({
        color: 'teal',
        closeButtonProps: { 'aria-label': t('common.close') },
        message: t('knowledge.editor.saved'),
      });
    },
    onError: failed,
  });
  const publish = usePublish(articleId, {
    onSuccess: ({ version }) =>
      notifications.show({
        color: 'teal',
        closeButtonProps: { 'aria-label': t('common.close') },
        message: t('knowledge.editor.publishedToast', { version }),
      }),
    onError: failed,
  });
  const unpublish = useUnpublish(articleId, {
    onSuccess: () =>
      notifications.show({
        color: 'teal',
        closeButtonProps: { 'aria-label': t('common.close') },
        message: t('knowledge.editor.unpublishedToast'),
      }),
    onError: failed,
  });
  const dirty =
    form.values.title !== (translation?.title ?? '') ||
    form.values.keywords !== (translation?.keywords ?? '') ||
    form.values.body !== (translation?.body ?? '');
  const dir = language.rtl ? 'rtl' : 'ltr';
  const published = translation?.publishedVersion != null;
  const publicUrl = categorySlug ? `/help/${language.code}/${categorySlug}/${slug}` : null;
  return (
    <form
      onSubmit={form.handleSubmit((draft) => save.mutate({ language: language.code, draft }))}
      data-testid={`kb-form-${language.code}`}
      lang={language.code}
    >
      <Stack gap="sm">
        <Group gap="xs">
          <Badge variant="light" color={published ? 'teal' : 'gray'} data-testid="kb-status">
            {published
              ? t('knowledge.editor.published', { version: translation.publishedVersion })
              : t('knowledge.editor.notPublished')}
          </Badge>
          {published && translation.unpublishedChanges && (
            <Badge variant="light" color="yellow">
              {t('knowledge.editor.unpublishedChanges')}
            </Badge>
          )}
          {published && !internal && publicUrl && (
            <Anchor href={publicUrl} target="_blank" size="sm">
              {t('knowledge.editor.view')}
            </Anchor>
          )}
        </Group>
        <FormError message={form.formError} />
        <TextInput
          label={t('knowledge.editor.titleField')}
          required
          dir={dir}
          {...form.textField('title')}
          data-testid="kb-title"
        />
        <TextInput
          label={t('knowledge.editor.keywords')}
          description={t('knowledge.editor.keywordsHint')}
          dir={dir}
          {...form.textField('keywords')}
        />
        <Textarea
          label={t('knowledge.editor.body')}
          description={t('knowledge.editor.bodyHint')}
          required
          autosize
          minRows={8}
          maxRows={24}
          dir={dir}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          {...form.textField('body')}
          data-testid="kb-body"
        />
        <Group gap="xs">
          <Button type="submit" loading={save.isPending} disabled={!dirty} data-testid="kb-save">
            {t('knowledge.editor.save')}
          </Button>
          <Button
            variant="light"
            color="teal"
            disabled={!translation || dirty || (published && !translation.unpublishedChanges)}
            loading={publish.isPending}
            onClick={() => publish.mutate(language.code)}
            data-testid="kb-publish"
          >
            {t('knowledge.editor.publish')}
          </Button>
          {published && (
            <Button
              variant="subtle"
              color="red"
              loading={unpublish.isPending}
              onClick={() => unpublish.mutate(language.code)}
              data-testid="kb-unpublish"
            >
              {t('knowledge.editor.unpublish')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
