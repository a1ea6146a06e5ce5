import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { usersQueryOptions } from "../users/users.queries";

/** Workspace members as owner choices, and a lookup from user id to name. */
export const useOwners = () => {
  const users = useQuery(usersQueryOptions());
  return useMemo(() => {
    const list = users.data?.data ?? [];
    const names = new Map(list.map((user) => [user.userId, user.name || user.email]));
    const options = list.map((user) => ({ value: user.userId, label: user.name || user.email }));
    return { names, options, isLoading: users.isLoading };
  }, [users.data, users.isLoading]);
};
