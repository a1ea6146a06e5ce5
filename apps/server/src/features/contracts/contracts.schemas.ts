import { z } from "@hono/zod-openapi";
import {
  contractSeatsSchema,
  contractStatuses,
  isoDateSchema,
  knownCurrencySchema,
} from "@michi/core";

const contractFields = z.object({
  product: z.string().trim().min(1, "is required").max(200),
  externalId: z.string().trim().max(200).nullable().optional(),
  mrrMinor: z
    .number()
    .int("must be a whole number of minor units")
    .min(0, "must not be negative")
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({
      description: "Monthly recurring revenue in the currency's minor units (JPY has none).",
      example: 120000,
    }),
  // Core's schemas are made before @hono/zod-openapi extends zod, so they have
  // no .openapi(); zod's own describe() reaches the document all the same.
  currency: knownCurrencySchema.describe("ISO 4217 code, e.g. JPY"),
  startDate: isoDateSchema.describe("YYYY-MM-DD"),
  endDate: isoDateSchema
    .nullable()
    .optional()
    .describe("The renewal date (YYYY-MM-DD); null when open-ended. Not before startDate."),
  status: z.enum(contractStatuses),
  seats: contractSeatsSchema
    .nullable()
    .optional()
    .describe(
      "Licensed seats (users the customer pays for); null when the contract does not count seats.",
    ),
});

export const contractInputSchema = contractFields
  .extend({
    currency: contractFields.shape.currency.default("JPY"),
    status: contractFields.shape.status.default("active"),
  })
  .strict()
  .openapi("ContractInput");

// Built from the fields without defaults, so a PATCH never resets what it leaves out.
export const contractPatchSchema = contractFields.partial().strict().openapi("ContractPatch");

export const contractSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    externalId: z.string().nullable(),
    product: z.string(),
    mrrMinor: z.number().int(),
    currency: z.string(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    status: z.enum(contractStatuses),
    seats: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Contract");

export const contractListSchema = z
  .object({ data: z.array(contractSchema) })
  .openapi("ContractList");

export type ContractInput = z.infer<typeof contractInputSchema>;
export type ContractPatch = z.infer<typeof contractPatchSchema>;
