import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from './client';
import { invalidate, useApiMutation, type MutationCallbacks } from './mutation';
import type {
  ArticleHit,
  KbArticleDetail,
  KbArticleSummary,
  KbCategory,
  KbLanguage,
} from '../../../src/shared/contracts/knowledge';
import type { Page } from '../../../src/shared/contracts/common';

/** Every knowledge query lives under this key; any knowledge.* event refreshes them (invalidation.ts). */
export const KNOWLEDGE_KEY = ['knowledge'] as const;
const keys = {
  list: (q: ArticleQuery) => [...KNOWLEDGE_KEY, 'articles', q] as const,
  article: (id: string) => [...KNOWLEDGE_KEY, 'article', id] as const,
  categories: [...KNOWLEDGE_KEY, 'categories'] as const,
  languages: [...KNOWLEDGE_KEY, 'languages'] as const,
  search: (q: string, language: string, audience: string) =>
    [...KNOWLEDGE_KEY, 'search', q, language, audience] as const,
};

export type ArticleSort = 'title' | 'updatedAt' | 'helpful' | 'notHelpful' | 'slug';
export interface ArticleQuery {
  q?: string;
  categoryId?: string;
  language?: string;
  status?: 'published' | 'draft' | 'unpublished';
  internal?: boolean;
  sort: ArticleSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}
export interface TranslationDraft {
  title: string;
  body: string;
  keywords: string;
}

const articlePath = (id: string) => `/api/knowledge/articles/${encodeURIComponent(id)}`;
const translationPath = (id: string, language: string) =>
  `${articlePath(id)}/translations/${encodeURIComponent(language)}`;

export const knowledgeApi = {
  list: (q: ArticleQuery) =>
    http.get<Page<KbArticleSummary>>('/api/knowledge/articles', {
      query: { ...q, internal: q.internal === undefined ? undefined : String(q.internal) },
    }),
  get: (id: string) => http.get<KbArticleDetail>(articlePath(id)),
  create: (body: { categoryId: string; slug: string; internal: boolean }) =>
    http.post<KbArticleDetail>('/api/knowledge/articles', body),
  patch: (id: string, body: { internal?: boolean; categoryId?: string; slug?: string }) =>
    http.patch<KbArticleDetail>(articlePath(id), body),
  remove: (id: string) => http.delete<void>(articlePath(id)),
  saveDraft: (id: string, language: string, draft: TranslationDraft) =>
    http.put<KbArticleDetail>(translationPath(id, language), draft),
  publish: (id: string, language: string) =>
    http.post<{ version: number }>(`${translationPath(id, language)}/publish`),
  unpublish: (id: string, language: string) =>
    http.post<KbArticleDetail>(`${translationPath(id, language)}/unpublish`),
  categories: () => http.get<{ items: KbCategory[] }>('/api/knowledge/categories'),
  languages: () => http.get<{ items: KbLanguage[]; searchConfigs: string[] }>('/api/knowledge/languages'),
  search: (q: string, language: string, audience: 'public' | 'agents') =>
    http.get<{ items: ArticleHit[] }>('/api/knowledge/search', {
      query: { q, language, audience, limit: 8 },
    }),
};

export function useArticles(q: ArticleQuery) {
  return useQuery({
    queryKey: keys.list(q),
    queryFn: () => knowledgeApi.list(q),
    placeholderData: keepPreviousData,
  });
}
export function useArticle(id: string) {
  return useQuery({ queryKey: keys.article(id), queryFn: () => knowledgeApi.get(id) });
}
export function useKbCategories() {
  return useQuery({ queryKey: keys.categories, queryFn: knowledgeApi.categories, staleTime: 60_000 });
}
export function useKbLanguages() {
  return useQuery({ queryKey: keys.languages, queryFn: knowledgeApi.languages, staleTime: 60_000 });
}
/** Agents' search, for the composer's "insert article link" (internal articles only for notes). */
export function useKbSearch(q: string, language: string, audience: 'public' | 'agents') {
  return useQuery({
    queryKey: keys.search(q, language, audience),
    queryFn: () => knowledgeApi.search(q, language, audience),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

const refresh = invalidate(KNOWLEDGE_KEY);

export function useCreateArticle(
  callbacks?: MutationCallbacks<KbArticleDetail, Parameters<typeof knowledgeApi.create>[0]>,
) {
  return useApiMutation(knowledgeApi.create, callbacks, refresh);
}
export function usePatchArticle(
  id: string,
  callbacks?: MutationCallbacks<KbArticleDetail, { internal?: boolean }>,
) {
  return useApiMutation((body: { internal?: boolean }) => knowledgeApi.patch(id, body), callbacks, refresh);
}
export function useDeleteArticle(callbacks?: MutationCallbacks<void, string>) {
  return useApiMutation(knowledgeApi.remove, callbacks, refresh);
}
export function useSaveDraft(
  id: string,
  callbacks?: MutationCallbacks<KbArticleDetail, { language: string; draft: TranslationDraft }>,
) {
  return useApiMutation(
    (v: { language: string; draft: TranslationDraft }) => knowledgeApi.saveDraft(id, v.language, v.draft),
    callbacks,
    refresh,
  );
}
export function usePublish(id: string, callbacks?: MutationCallbacks<{ version: number }, string>) {
  return useApiMutation((language: string) => knowledgeApi.publish(id, language), callbacks, refresh);
}
export function useUnpublish(id: string, callbacks?: MutationCallbacks<KbArticleDetail, string>) {
  return useApiMutation((language: string) => knowledgeApi.unpublish(id, language), callbacks, refresh);
}
