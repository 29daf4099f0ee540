import * as z from "zod";

/** The outbox page's one action: send a link email again, as a new link. */
export const outboxResendSchema = z.object({
  intent: z.literal("resend"),
  id: z.coerce.number().int().positive(),
});
