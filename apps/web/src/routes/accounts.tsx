import { createRoute } from "@tanstack/react-router";
import { accountListSearchSchema } from "../features/accounts/accounts.queries";
import { AccountListPage } from "../features/accounts/components/account-list-page";
import { appLayoutRoute } from "./app-layout";

export const accountsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/accounts",
  validateSearch: accountListSearchSchema,
  component: function AccountsRoute() {
    const search = accountsRoute.useSearch();
    const navigate = accountsRoute.useNavigate();
    return (
      <AccountListPage
        search={search}
        onSearchChange={(next) => navigate({ search: next, replace: true })}
        onOpenAccount={(accountId) =>
          navigate({ to: "/accounts/$accountId", params: { accountId } })
        }
      />
    );
  },
});
