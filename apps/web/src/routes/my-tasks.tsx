import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { MyTasksPage } from "../features/success-plans/components/my-tasks-page";
import { appLayoutRoute } from "./app-layout";

export const myTasksRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/my-tasks",
  validateSearch: z.object({ done: z.boolean().optional() }),
  component: function MyTasksRoute() {
    const { done } = myTasksRoute.useSearch();
    const navigate = myTasksRoute.useNavigate();
    return (
      <MyTasksPage
        includeDone={done ?? false}
        onIncludeDoneChange={(next) =>
          navigate({ search: next ? { done: true } : {}, replace: true })
        }
      />
    );
  },
});
