import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { WorkQueuePage } from "../features/work-queue/components/work-queue-page";
import { appLayoutRoute } from "./app-layout";

/** The work queue (issue 17), where "my tasks" was: the path stays for links and bookmarks. */
export const myTasksRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/my-tasks",
  validateSearch: z.object({
    owner: z.string().min(1).max(200).optional(),
    all: z.boolean().optional(),
  }),
  component: function MyTasksRoute() {
    const search = myTasksRoute.useSearch();
    const navigate = myTasksRoute.useNavigate();
    const go = (next: typeof search) =>
      navigate({
        search: {
          ...(next.owner && next.owner !== "me" ? { owner: next.owner } : {}),
          ...(next.all ? { all: true } : {}),
        },
        replace: true,
      });
    return (
      <WorkQueuePage
        owner={search.owner ?? "me"}
        onOwnerChange={(owner) => go({ ...search, owner })}
        includeAll={search.all ?? false}
        onIncludeAllChange={(all) => go({ ...search, all })}
      />
    );
  },
});
