import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

/** What a screen adds to a domain mutation: its own reaction (a toast, closing a modal, form errors). */
export interface MutationCallbacks<TData, TVars> {
  onSuccess?: (data: TData, vars: TVars) => void;
  onError?: (error: Error, vars: TVars) => void;
  onSettled?: () => void;
}

/** What the answer changes in the cache (invalidate, set); runs before the screen's `onSuccess`. */
export type CacheUpdate<TData, TVars> = (queryClient: QueryClient, data: TData, vars: TVars) => void;

/**
 * The shape of the mutation hooks in api/: the fetcher, what its answer changes in the cache, then
 * the screen's callbacks. Screens call the hooks, never `useMutation` directly.
 */
export function useApiMutation<TData, TVars = void>(
  mutationFn: (vars: TVars) => Promise<TData>,
  callbacks: MutationCallbacks<TData, TVars> = {},
  cache?: CacheUpdate<TData, TVars>,
) {
  const queryClient = useQueryClient();
  const { onSuccess, onError, onSettled } = callbacks;
  return useMutation({
    mutationFn,
    onSuccess: (data: TData, vars: TVars) => {
      cache?.(queryClient, data, vars);
      onSuccess?.(data, vars);
    },
    onError: onError && ((error: Error, vars: TVars) => onError(error, vars)),
    onSettled: onSettled && (() => onSettled()),
  });
}

/** A cache update that refetches everything under these keys. */
export const invalidate =
  (...keys: readonly (readonly unknown[])[]) =>
  (queryClient: QueryClient) => {
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  };
