/** How long an invitation link can be used: a week, long enough to span a holiday. */
export const INVITATION_VALID_DAYS = 7;

export type InvitationStatus = "pending" | "accepted" | "revoked";

/** What an invitation link is now: usable, or why it is not. */
export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

/**
 * The state of an invitation at `now`. A stored status other than the three
 * (e.g. better-auth's "canceled") reads as revoked: never usable.
 */
export const invitationStateOf = (
  invitation: { status: string; expiresAt: Date },
  now: Date,
): InvitationState => {
  if (invitation.status === "accepted") return "accepted";
  if (invitation.status !== "pending") return "revoked";
  return invitation.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
};

export const invitationExpiryOf = (createdAt: Date): Date =>
  new Date(createdAt.getTime() + INVITATION_VALID_DAYS * 24 * 60 * 60 * 1000);
