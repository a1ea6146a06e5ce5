import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isApiError } from "./api-client";

/** Set by the router: where to go when the session has ended. */
let onUnauthenticated: () => void = () => {};
export const setOnUnauthenticated = (handler: () => void) => {
  onUnauthenticated = handler;
};

const handleError = (error: unknown) => {
  if (isApiError(error) && error.status === 401) onUnauthenticated();
};

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleError }),
  mutationCache: new MutationCache({ onError: handleError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not go away by asking again.
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status < 500) && failureCount < 2,
    },
  },
});
