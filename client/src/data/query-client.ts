/** The client's one cache of server state (TanStack Query): loading, refreshing and invalidation live here, not in pages. */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused or missing resource will not appear by asking again; a dropped connection might.
      retry: (failureCount, error) => failureCount < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
      staleTime: 5_000,
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});
