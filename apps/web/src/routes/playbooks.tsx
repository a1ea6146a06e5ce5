import { createRoute } from "@tanstack/react-router";
import { PlaybookListPage } from "../features/playbooks/components/playbook-list-page";
import { appLayoutRoute } from "./app-layout";

export const playbooksRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/playbooks",
  component: function PlaybooksRoute() {
    const navigate = playbooksRoute.useNavigate();
    return (
      <PlaybookListPage
        onOpen={(id) => navigate({ to: "/playbooks/$playbookId", params: { playbookId: id } })}
      />
    );
  },
});
