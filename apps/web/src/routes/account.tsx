import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { accountQueryOptions } from "../features/accounts/accounts.queries";
import { AccountPage, accountTabs } from "../features/accounts/components/account-page";
import { appLayoutRoute } from "./app-layout";

export const accountRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/accounts/$accountId",
  validateSearch: z.object({ tab: z.enum(accountTabs).optional() }),
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(accountQueryOptions(params.accountId)),
  component: function AccountRoute() {
    const { accountId } = accountRoute.useParams();
    const { tab } = accountRoute.useSearch();
    const navigate = accountRoute.useNavigate();
    return (
      <AccountPage
        accountId={accountId}
        tab={tab ?? "overview"}
        onTabChange={(next) => navigate({ search: { tab: next }, replace: true })}
        onDeleted={() => navigate({ to: "/accounts" })}
      />
    );
  },
});
