import type { createApp } from "./app";

/** The API's type, for the web app's typed client (hono/client `hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
