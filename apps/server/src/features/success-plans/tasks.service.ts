import { AppError, type TaskStatus, todayInTokyo } from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { updatePlanDocument } from "./plans.service";
import type { TaskStatusPatch } from "./tasks.schemas";
import { findTasksOfTeam } from "./team-tasks.queries";

type TaskRow = Omit<
  Awaited<ReturnType<typeof findTasksOfTeam>>[number],
  "ownerUserId" | "ownerName"
>;

/**
 * A task row as the lists answer it. Overdue: due before today in Japan
 * (todayInTokyo, as the plan checks count it) and not done.
 */
export const toTaskRowDto = <R extends TaskRow>(row: R, today: string) => ({
  ...row,
  status: row.status ?? "todo",
  overdue: row.dueDate !== null && row.dueDate < today && row.status !== "done",
});

/** Every workspace member's tasks (read-team: managers and admins), by due date. */
export const listTeamTasks = async (
  db: Db,
  actor: Actor,
  params: { includeDone: boolean; userId?: string | undefined },
) => {
  const today = todayInTokyo(new Date());
  const rows = await findTasksOfTeam(db, { workspaceId: actor.workspaceId, ...params });
  return {
    data: rows.map(({ ownerUserId, ownerName, ...row }) => ({
      ...toTaskRowDto(row, today),
      owner: { userId: ownerUserId, name: ownerName },
    })),
  };
};

/**
 * Sets one task's status through the plan's one write path (a new version,
 * in the history), at the version it is read at: completing a task from a
 * list never needs the whole document.
 */
export const setTaskStatus = async (
  db: Db,
  actor: Actor,
  params: { planId: string; key: string; patch: TaskStatusPatch },
) => {
  const status: TaskStatus = params.patch.status;
  const plan = await updatePlanDocument(db, actor, {
    id: params.planId,
    change: (doc) => {
      if (!doc.tasks?.some((task) => task.key === params.key)) {
        throw new AppError("not-found", `The plan has no task with the key "${params.key}".`);
      }
      return {
        ...doc,
        tasks: doc.tasks.map((task) => (task.key === params.key ? { ...task, status } : task)),
      };
    },
  });
  return { planId: plan.id, key: params.key, status, version: plan.version };
};
