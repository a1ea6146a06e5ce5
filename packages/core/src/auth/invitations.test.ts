import { describe, expect, it } from "vitest";
import { invitationExpiryOf, invitationStateOf } from "./invitations";

const now = new Date("2026-04-01T12:00:00Z");

describe("invitationStateOf", () => {
  it("is pending until it expires, then expired", () => {
    const expiresAt = invitationExpiryOf(now);
    expect(expiresAt.toISOString()).toBe("2026-04-08T12:00:00.000Z");
    expect(invitationStateOf({ status: "pending", expiresAt }, now)).toBe("pending");
    expect(invitationStateOf({ status: "pending", expiresAt }, expiresAt)).toBe("expired");
  });

  it("keeps accepted and revoked, and reads an unknown status as revoked", () => {
    const expiresAt = invitationExpiryOf(now);
    expect(invitationStateOf({ status: "accepted", expiresAt }, now)).toBe("accepted");
    expect(invitationStateOf({ status: "revoked", expiresAt }, now)).toBe("revoked");
    expect(invitationStateOf({ status: "canceled", expiresAt }, now)).toBe("revoked");
  });
});
