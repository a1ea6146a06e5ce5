import { createRouter } from "../../lib/router";

// TODO(issue 2): routes for contacts.
export const contactsRouter = createRouter();
