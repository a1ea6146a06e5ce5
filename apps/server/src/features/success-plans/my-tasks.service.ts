import { AppError, todayInTokyo } from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { toTaskRowDto } from "./tasks.service";
import { findTasksOfTeam } from "./team-tasks.queries";

/** One's own tasks: the team's read, kept to the person asking. */
export const listMyTasks = async (db: Db, actor: Actor, params: { includeDone: boolean }) => {
  if (actor.kind !== "user") {
    throw new AppError("forbidden", "Only a person has tasks; an API key has none.");
  }
  const today = todayInTokyo(new Date());
  const rows = await findTasksOfTeam(db, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    includeDone: params.includeDone,
  });
  return { data: rows.map(({ ownerUserId, ownerName, ...row }) => toTaskRowDto(row, today)) };
};
