import { createRoute, redirect } from "@tanstack/react-router";
import { AppLayout } from "../components/app-layout";
import { meQueryOptions } from "../features/auth/auth.queries";
import { isApiError } from "../lib/api-client";
import { type RouterContext, rootRoute } from "./root";

/** Loads the session once; without one, to the login page and back here after. */
export const requireSession = async ({
  context,
  location,
}: {
  context: RouterContext;
  location: { href: string };
}) => {
  try {
    const me = await context.queryClient.ensureQueryData(meQueryOptions());
    return { me };
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      throw redirect({ to: "/login", search: { redirect: location.href } });
    }
    throw error;
  }
};

/** Every page behind the login: checks the session once, then shows the shell. */
export const appLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: requireSession,
  component: AppLayout,
});

export const indexRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/accounts" });
  },
});
