import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { accountKeys } from "../accounts/accounts.queries";
import { planKeys, setTaskStatus } from "../success-plans/success-plans.queries";
import {
  type AccountTaskCompletion,
  type AccountTaskPatch,
  completeAccountTask,
  patchAccountTask,
  reopenAccountTask,
  type WorkQueueItem,
  workQueueKeys,
} from "./work-queue.queries";

/** After any change: the queue, and the plan or account the task belongs to, are read again. */
const useRefresh = () => {
  const queryClient = useQueryClient();
  return (task: WorkQueueItem) => {
    void queryClient.invalidateQueries({ queryKey: workQueueKeys.all });
    void queryClient.invalidateQueries({ queryKey: accountKeys.detail(task.accountId) });
    if (task.planId) void queryClient.invalidateQueries({ queryKey: planKeys.detail(task.planId) });
  };
};

const useFailureNotice = () => {
  const { t } = useTranslation();
  return () => notifications.show({ color: "red", message: t("workQueue.updateFailed") });
};

/**
 * Done or open again, from the table: a plan task through its plan (a new
 * version, PATCH /plans/{id}/tasks/{key}); an account task reopened here
 * (completing one asks for its result: useCompleteAccountTask).
 */
export const useSetTaskDone = () => {
  const refresh = useRefresh();
  const failed = useFailureNotice();
  return useMutation({
    mutationFn: async ({ task, done }: { task: WorkQueueItem; done: boolean }) => {
      if (task.source === "plan" && task.planId && task.taskKey) {
        await setTaskStatus(task.planId, task.taskKey, { status: done ? "done" : "todo" });
      } else if (task.taskId && !done) {
        await reopenAccountTask(task.taskId);
      }
    },
    onError: failed,
    onSettled: (_data, _error, { task }) => refresh(task),
  });
};

/** Completes an account task with its result and note (the dialog shows errors). */
export const useCompleteAccountTask = (onDone: () => void) => {
  const { t } = useTranslation();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ task, json }: { task: WorkQueueItem; json: AccountTaskCompletion }) =>
      completeAccountTask(task.taskId ?? "", json),
    onSuccess: (_data, { task }) => {
      notifications.show({ color: "teal", message: t("workQueue.completed") });
      refresh(task);
      onDone();
    },
  });
};

/** Snooze, reassign or edit an account task (the dialog shows errors). */
export const usePatchAccountTask = (onDone: () => void) => {
  const { t } = useTranslation();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ task, json }: { task: WorkQueueItem; json: AccountTaskPatch }) =>
      patchAccountTask(task.taskId ?? "", json),
    onSuccess: (_data, { task }) => {
      notifications.show({ color: "teal", message: t("workQueue.updated") });
      refresh(task);
      onDone();
    },
  });
};
