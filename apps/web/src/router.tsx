import { Center, Loader } from "@mantine/core";
import { createRouter } from "@tanstack/react-router";
import { ApiErrorAlert } from "./components/api-error-alert";
import { queryClient, setOnUnauthenticated } from "./lib/query-client";
import { accountRoute } from "./routes/account";
import { accountsRoute } from "./routes/accounts";
import { appLayoutRoute, indexRoute } from "./routes/app-layout";
import { healthLabRoute } from "./routes/health-lab";
import { importRoute } from "./routes/import";
import { inviteRoute } from "./routes/invite";
import { loginRoute } from "./routes/login";
import { myTasksRoute } from "./routes/my-tasks";
import { planRoute } from "./routes/plan";
import { planPrintRoute } from "./routes/plan-print";
import { playbookRoute } from "./routes/playbook";
import { playbooksRoute } from "./routes/playbooks";
import { portfolioRoute } from "./routes/portfolio";
import { rootRoute } from "./routes/root";
import { settingsRoute } from "./routes/settings";
import { settingsPhasesPrintRoute } from "./routes/settings-phases-print";

const routeTree = rootRoute.addChildren([
  loginRoute,
  inviteRoute,
  planPrintRoute,
  settingsPhasesPrintRoute,
  appLayoutRoute.addChildren([
    indexRoute,
    accountsRoute,
    accountRoute,
    portfolioRoute,
    planRoute,
    myTasksRoute,
    importRoute,
    settingsRoute,
    healthLabRoute,
    playbooksRoute,
    playbookRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: "intent",
  // Freshness is TanStack Query's job; the router always asks it.
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: () => (
    <Center py="xl">
      <Loader size="sm" />
    </Center>
  ),
  defaultErrorComponent: ({ error }) => <ApiErrorAlert error={error} />,
  scrollRestoration: true,
});

setOnUnauthenticated(() => {
  const path = router.state.location.pathname;
  // The invitation page handles its own answers; it needs no session.
  if (path === "/login" || path.startsWith("/invite/")) return;
  queryClient.clear();
  void router.navigate({
    to: "/login",
    search: { redirect: router.state.location.href },
  });
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
