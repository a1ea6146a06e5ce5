import { createRoute, redirect } from "@tanstack/react-router";
import { AppLayout } from "../components/app-layout";
import { meQueryOptions } from "../features/auth/auth.queries";
import { isApiError } from "../lib/api-client";
import { rootRoute } from "./root";

/** Every page behind the login: checks the session once, then shows the shell. */
export const appLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQueryOptions());
      return { me };
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        throw redirect({ to: "/login", search: { redirect: location.href } });
      }
      throw error;
    }
  },
  component: AppLayout,
});

export const indexRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/accounts" });
  },
});
