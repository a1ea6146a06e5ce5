/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
export const likeContains = (text: string): string => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/** ISO strings for the API; the database hands back Date objects. */
export const iso = (date: Date): string => date.toISOString();

/** PostgreSQL unique-violation, from either driver. */
export const isUniqueViolation = (error: unknown): boolean => {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return (error as { code?: string })?.code === "23505" || cause?.code === "23505";
};
