import type { TaskStatus } from "@michi/core";

export const taskStatusColor: Record<TaskStatus, string> = {
  todo: "gray",
  doing: "blue",
  done: "teal",
};
