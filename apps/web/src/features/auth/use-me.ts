import { canPerform, type WorkspaceAction } from "@michi/core";
import { useSuspenseQuery } from "@tanstack/react-query";
import { meQueryOptions } from "./auth.queries";

/** The logged-in user, their workspace and role; loaded before any page behind the login. */
export const useMe = () => useSuspenseQuery(meQueryOptions()).data;

/** Whether the current role may do this; the server checks again. */
export const useCan = (action: WorkspaceAction): boolean => canPerform(useMe().role, action);
