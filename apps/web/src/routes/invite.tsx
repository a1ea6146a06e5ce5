import { createRoute } from "@tanstack/react-router";
import { InvitationPage } from "../features/invitations/components/invitation-page";
import { rootRoute } from "./root";

/** Opened from an invitation link, before the invitee has a session. */
export const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/invite/$token",
  component: function InviteRoute() {
    const { token } = inviteRoute.useParams();
    return <InvitationPage token={token} />;
  },
});
