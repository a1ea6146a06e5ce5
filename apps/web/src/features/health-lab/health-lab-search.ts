import { z } from "zod";

/** The Lab's URL: the fitted draft on show (reload keeps it), and "with=editor" from the editor. */
export const healthLabSearchSchema = z.object({
  draft: z.uuid().optional(),
  with: z.enum(["editor"]).optional(),
});
export type HealthLabSearch = z.infer<typeof healthLabSearchSchema>;
