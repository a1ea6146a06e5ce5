import { api, readJson } from "../../lib/api-client";

export const switchWorkspace = (workspaceId: string) =>
  readJson(api.me.workspace.$put({ json: { workspaceId } }));
