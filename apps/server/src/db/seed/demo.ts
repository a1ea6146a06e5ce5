import type { Auth } from "../../features/auth/auth";
import type { Db } from "../client";

/** TODO(issue 2): ~60 realistic accounts with contacts and contracts, 4 CSMs. */
export const seedDemoWorkspace = async (
  _db: Db,
  _auth: Auth,
  _params: { workspaceId: string },
): Promise<void> => {};
