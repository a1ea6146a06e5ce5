import { z } from "zod";

/** Touch models (seed 004): how much human contact an account gets. */
export const touchModels = ["high", "low", "tech", "community"] as const;
export type TouchModel = (typeof touchModels)[number];

export const contractStatuses = ["active", "pending", "churned", "expired"] as const;
export type ContractStatus = (typeof contractStatuses)[number];

/** ISO 4217 code; JPY is the default for our first users. */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, "currency must be a 3-letter ISO 4217 code such as JPY");

/** Calendar date as YYYY-MM-DD, checked to be a real date. */
export const isoDateSchema = z.iso.date({ message: "must be a date as YYYY-MM-DD" });

export const accountProfileSchema = z
  .object({
    persona: z.string().max(4000).optional(),
    challenges: z.string().max(4000).optional(),
    successFactors: z.string().max(4000).optional(),
  })
  .strict();
export type AccountProfile = z.infer<typeof accountProfileSchema>;
