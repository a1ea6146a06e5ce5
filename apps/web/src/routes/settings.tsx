import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { SettingsPage, settingsTabs } from "../features/workspaces/components/settings-page";
import { appLayoutRoute } from "./app-layout";

export const settingsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/settings",
  validateSearch: z.object({ tab: z.enum(settingsTabs).optional() }),
  component: function SettingsRoute() {
    const { tab } = settingsRoute.useSearch();
    const navigate = settingsRoute.useNavigate();
    return (
      <SettingsPage
        tab={tab}
        onTabChange={(next) => navigate({ search: { tab: next }, replace: true })}
      />
    );
  },
});
