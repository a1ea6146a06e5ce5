import { createAuthClient } from "better-auth/client";

/** better-auth's browser client: sign in and out with the HTTP-only session cookie. */
export const authClient = createAuthClient({ basePath: "/api/auth" });
