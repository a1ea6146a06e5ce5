import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { PlaybookPage, playbookTabs } from "../features/playbooks/components/playbook-page";
import { playbookQueryOptions } from "../features/playbooks/playbooks.queries";
import { appLayoutRoute } from "./app-layout";

export const playbookRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/playbooks/$playbookId",
  validateSearch: z.object({ tab: z.enum(playbookTabs).optional() }),
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(playbookQueryOptions(params.playbookId)),
  component: function PlaybookRoute() {
    const { playbookId } = playbookRoute.useParams();
    const { tab } = playbookRoute.useSearch();
    const navigate = playbookRoute.useNavigate();
    return (
      <PlaybookPage
        playbookId={playbookId}
        tab={tab ?? "edit"}
        onTabChange={(next) => navigate({ search: { tab: next }, replace: true })}
        onDeleted={() => navigate({ to: "/playbooks" })}
      />
    );
  },
});
