import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Settings of the installation itself (not of a tenant), e.g. the session-signing secret. */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
