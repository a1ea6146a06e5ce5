/** The UTC calendar day of a moment, YYYY-MM-DD: the day of rollups and health scores until workspaces have a time zone. */
export const utcDay = (at: Date = new Date()) => at.toISOString().slice(0, 10);
