import * as z from "zod";

/** The public events list's query string (and the API's); anything malformed is ignored rather than an error. */
export const eventSearchSchema = z.object({
  country: z.enum(["CA", "CL"]).optional().catch(undefined),
  area: z.coerce.number().int().min(1).max(20).optional().catch(undefined),
  format: z.enum(["in_person", "online", "hybrid"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
