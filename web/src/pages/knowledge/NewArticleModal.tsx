import { Button, Checkbox, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCreateArticle, useKbCategories } from '../../api/knowledge';
import { FormActions } from '../../components/FormActions';
import { FormModal } from '../../components/FormModal';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormState } from '../../components/useFormState';
import { useRules } from '../../components/validation';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A new article: category, slug, internal flag; the editor opens on it to write each language. */
export function NewArticleModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const rules = useRules();
  const toMessage = useErrorMessage();
  const navigate = useNavigate();
  const categories = useKbCategories();
  const form = useFormState(
    { categoryId: '', slug: '', internal: false },
    {
      categoryId: [rules.required()],
      slug: [
        rules.required(),
        rules.maxLength(100),
        (v: string) => (v && !SLUG.test(v) ? t('knowledge.create.slugInvalid') : null),
      ],
    },
  );
  const create = useCreateArticle({
    onSuccess: (article) => navigate(`/knowledge/articles/${article.id}?language=${i18n.language}`),
    onError: (error) => form.showError(error, toMessage),
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('knowledge.create.title')}
      testId="kb-create-form"
      onSubmit={form.handleSubmit((values) => create.mutate(values))}
      formError={form.formError}
    >
      <Select
        label={t('knowledge.create.category')}
        required
        data={(categories.data?.items ?? []).map((c) => ({
          value: c.id,
          label: c.names[i18n.language] ?? c.names.en ?? c.slug,
        }))}
        {...form.choiceField('categoryId')}
        data-testid="kb-create-category"
      />
      <TextInput
        label={t('knowledge.create.slug')}
        description={t('knowledge.create.slugHint')}
        required
        dir="ltr"
        {...form.textField('slug')}
        data-testid="kb-create-slug"
      />
      <Checkbox label={t('knowledge.create.internal')} {...form.checkedField('internal')} />
      <FormActions onCancel={onClose}>
        <Button type="submit" loading={create.isPending} data-testid="kb-create-submit">
          {t('knowledge.create.submit')}
        </Button>
      </FormActions>
    </FormModal>
  );
}
