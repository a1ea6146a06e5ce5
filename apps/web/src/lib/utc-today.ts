/**
 * Today as the server counts it (UTC), YYYY-MM-DD: the day churn marks may
 * not pass, and the day the Health Lab's horizons are counted back from.
 */
export const utcToday = (now = new Date()): string => now.toISOString().slice(0, 10);
