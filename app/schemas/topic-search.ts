import * as z from "zod";

/** The public list's query string; anything malformed is ignored rather than an error. */
export const topicSearchSchema = z.object({
  country: z.enum(["CA", "CL"]).optional().catch(undefined),
  area: z.coerce.number().int().min(1).max(20).optional().catch(undefined),
  status: z.enum(["open", "upcoming", "closed"]).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
