import { notifications } from "@mantine/notifications";
import type { TaskStatus } from "@michi/core";
import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { accountKeys } from "../accounts/accounts.queries";
import { type MyTask, planKeys, setTaskStatus } from "./success-plans.queries";

type TaskRef = Pick<MyTask, "planId" | "accountId" | "key">;
type TaskList = { data: MyTask[] };

/** Every cached task list: one's own and the team's, with or without done tasks. */
const taskLists = [planKeys.myTaskLists, planKeys.teamTaskLists] as const;

/**
 * Completes or reopens a task from a list. The lists show the new status at
 * once (optimistic); on an error they go back to what they were and a
 * notification says so; either way they, the plan and the account's overview
 * are read again.
 */
export const useTaskCompletion = () => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ task, status }: { task: TaskRef; status: TaskStatus }) =>
      setTaskStatus(task.planId, task.key, { status }),
    onMutate: async ({ task, status }) => {
      await Promise.all(taskLists.map((queryKey) => queryClient.cancelQueries({ queryKey })));
      const previous: [QueryKey, TaskList | undefined][] = taskLists.flatMap((queryKey) =>
        queryClient.getQueriesData<TaskList>({ queryKey }),
      );
      for (const queryKey of taskLists) {
        queryClient.setQueriesData<TaskList>({ queryKey }, (list) =>
          list
            ? {
                ...list,
                data: list.data.map((row) =>
                  row.planId === task.planId && row.key === task.key
                    ? { ...row, status, overdue: status === "done" ? false : row.overdue }
                    : row,
                ),
              }
            : list,
        );
      }
      return { previous };
    },
    onError: (_error, _variables, context) => {
      for (const [queryKey, data] of context?.previous ?? []) {
        queryClient.setQueryData(queryKey, data);
      }
      notifications.show({ color: "red", message: t("myTasks.updateFailed") });
    },
    onSettled: (_data, _error, { task }) => {
      for (const queryKey of taskLists) void queryClient.invalidateQueries({ queryKey });
      void queryClient.invalidateQueries({ queryKey: planKeys.detail(task.planId) });
      void queryClient.invalidateQueries({ queryKey: accountKeys.detail(task.accountId) });
    },
  });
};
