import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { MyTasksPage } from "../features/success-plans/components/my-tasks-page";
import { appLayoutRoute } from "./app-layout";

export const myTasksRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/my-tasks",
  validateSearch: z.object({
    done: z.boolean().optional(),
    view: z.enum(["mine", "team"]).optional(),
    member: z.string().max(200).optional(),
  }),
  component: function MyTasksRoute() {
    const search = myTasksRoute.useSearch();
    const navigate = myTasksRoute.useNavigate();
    const go = (next: typeof search) =>
      navigate({
        search: {
          ...(next.done ? { done: true } : {}),
          ...(next.view === "team" ? { view: "team" as const } : {}),
          ...(next.view === "team" && next.member ? { member: next.member } : {}),
        },
        replace: true,
      });
    return (
      <MyTasksPage
        includeDone={search.done ?? false}
        onIncludeDoneChange={(done) => go({ ...search, done })}
        view={search.view ?? "mine"}
        onViewChange={(view) => go({ ...search, view })}
        member={search.member}
        onMemberChange={(member) => go({ ...search, member })}
      />
    );
  },
});
