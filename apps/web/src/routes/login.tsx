import { createRoute, redirect } from "@tanstack/react-router";
import { z } from "zod";
import { meQueryOptions } from "../features/auth/auth.queries";
import { LoginPage } from "../features/auth/components/login-page";
import { rootRoute } from "./root";

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: z.object({ redirect: z.string().optional() }),
  beforeLoad: async ({ context }) => {
    // Already logged in: straight to the accounts.
    const me = await context.queryClient.fetchQuery(meQueryOptions()).catch(() => undefined);
    if (me) throw redirect({ to: "/accounts" });
  },
  component: function LoginRoute() {
    const { redirect: to } = loginRoute.useSearch();
    return <LoginPage redirectTo={to} />;
  },
});
