import { Anchor, Badge, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { IconBook } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  useArticles,
  useKbCategories,
  useKbLanguages,
  type ArticleQuery,
  type ArticleSort,
} from '../../api/knowledge';
import { AddButton } from '../../components/AddButton';
import { PageHeader } from '../../components/PageHeader';
import { PagedQueryCard } from '../../components/QueryCard';
import { SortableTh } from '../../components/SortableTh';
import { usePagedFilters } from '../../components/usePagedFilters';
import { useFormatters } from '../../i18n/format';
import { NewArticleModal } from './NewArticleModal';

interface Filters {
  q: string;
  categoryId: string | null;
  status: ArticleQuery['status'] | null;
  language: string | null;
}
const NO_FILTERS: Filters = { q: '', categoryId: null, status: null, language: null };
const STATUSES = ['published', 'draft', 'unpublished'] as const;

/** /knowledge: every article with its languages and feedback, filtered, sorted and paged on the server. */
export default function ArticlesPage() {
  const { t, i18n } = useTranslation();
  const { dateTime } = useFormatters();
  const list = usePagedFilters<Filters>(NO_FILTERS, 25);
  const [sort, setSort] = useState<ArticleSort>('updatedAt');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [creating, setCreating] = useState(false);
  const categories = useKbCategories();
  const languages = useKbLanguages();
  const { q, categoryId, status, language } = list.filters;
  const query = useArticles({
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(categoryId ? { categoryId } : {}),
    ...(status ? { status } : {}),
    language: language ?? i18n.language,
    sort,
    order,
    page: list.page,
    pageSize: list.pageSize,
  });
  const onSort = (field: ArticleSort) => {
    if (field === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(field);
      setOrder(field === 'title' || field === 'slug' ? 'asc' : 'desc');
    }
    list.setPage(1);
  };
  const th = (field: ArticleSort, label: string) => (
    <SortableTh field={field} sort={sort} order={order} onSort={onSort}>
      {label}
    </SortableTh>
  );
  const categoryName = (id: string) => {
    const c = categories.data?.items.find((x) => x.id === id);
    return c ? (c.names[i18n.language] ?? c.names.en ?? c.slug) : '';
  };

  return (
    <Stack gap="md" data-testid="knowledge-page">
      <PageHeader
        main
        title={t('knowledge.list.title')}
        description={t('knowledge.list.description')}
        actions={
          <>
            <Anchor href={`/help/${i18n.language}`} target="_blank" size="sm">
              {t('knowledge.list.openHelpCentre')}
            </Anchor>
            <AddButton
              label={t('knowledge.list.newArticle')}
              onClick={() => setCreating(true)}
              testId="kb-new"
            />
          </>
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('knowledge.list.search')}
          value={q}
          onChange={(e) => list.setFilters({ q: e.currentTarget.value })}
          data-testid="kb-filter-q"
        />
        <Select
          label={t('knowledge.list.category')}
          placeholder={t('knowledge.list.anyCategory')}
          clearable
          value={categoryId}
          onChange={(v) => list.setFilters({ categoryId: v })}
          data={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: categoryName(c.id) }))}
        />
        <Select
          label={t('knowledge.list.status')}
          placeholder={t('knowledge.list.anyStatus')}
          clearable
          value={status}
          onChange={(v) => list.setFilters({ status: (v as Filters['status']) ?? null })}
          data={STATUSES.map((s) => ({ value: s, label: t(`knowledge.list.statuses.${s}`) }))}
        />
        <Select
          label={t('knowledge.list.language')}
          placeholder={t('knowledge.list.anyLanguage')}
          clearable
          value={language}
          onChange={(v) => list.setFilters({ language: v })}
          data={(languages.data?.items ?? []).map((l) => ({ value: l.code, label: l.name }))}
        />
      </Group>
      <PagedQueryCard
        query={query}
        pager={list}
        empty={{
          icon: <IconBook size={22} />,
          title: t('knowledge.list.emptyTitle'),
          description: t('knowledge.list.emptyDescription'),
        }}
      >
        {(data) => (
          <Table.ScrollContainer minWidth={760}>
            <Table data-testid="kb-table">
              <Table.Thead>
                <Table.Tr>
                  {th('title', t('knowledge.list.columns.title'))}
                  <Table.Th>{t('knowledge.list.columns.category')}</Table.Th>
                  <Table.Th>{t('knowledge.list.columns.languages')}</Table.Th>
                  {th('helpful', t('knowledge.list.columns.helpful'))}
                  {th('notHelpful', t('knowledge.list.columns.notHelpful'))}
                  {th('updatedAt', t('knowledge.list.columns.updatedAt'))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((a) => (
                  <Table.Tr key={a.id} data-testid="kb-row">
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor component={Link} to={`/knowledge/articles/${a.id}`} fw={500}>
                          {a.title}
                        </Anchor>
                        {a.internal && (
                          <Badge size="sm" variant="light" color="grape">
                            {t('knowledge.list.internal')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{categoryName(a.categoryId)}</Table.Td>
                    <Table.Td>
                      {a.publishedLanguages.length
                        ? a.publishedLanguages.join(', ').toUpperCase()
                        : t('knowledge.list.none')}
                    </Table.Td>
                    <Table.Td ta="end">{a.helpful}</Table.Td>
                    <Table.Td ta="end">{a.notHelpful}</Table.Td>
                    <Table.Td>{dateTime(a.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedQueryCard>
      {creating && <NewArticleModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}
