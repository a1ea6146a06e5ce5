import { createRouter } from "../../lib/router";

// TODO(issue 2): routes for settings.
export const settingsRouter = createRouter();
