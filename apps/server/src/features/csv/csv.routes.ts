import { createRouter } from "../../lib/router";

// TODO(issue 2): routes for csv.
export const csvRouter = createRouter();
