import { createRouter } from "../../lib/router";

// TODO(issue 2): routes for contracts.
export const contractsRouter = createRouter();
