import { AppError, todayInTokyo } from "@michi/core";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import type { Actor } from "../../lib/hono-env";
import { findTasksOfUser } from "./my-tasks.queries";
import { toTaskRowDto } from "./tasks.service";

export const listMyTasks = async (db: Db, actor: Actor, params: { includeDone: boolean }) => {
  if (actor.kind !== "user") {
    throw new AppError("forbidden", "Only a person has tasks; an API key has none.");
  }
  const [user] = await db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, actor.userId))
    .limit(1);
  if (!user) throw new AppError("unauthenticated", "The user no longer exists.");
  const today = todayInTokyo(new Date());
  const rows = await findTasksOfUser(db, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    email: user.email,
    includeDone: params.includeDone,
  });
  return { data: rows.map((row) => toTaskRowDto(row, today)) };
};
