import * as z from "zod";

export const progressStatuses = ["planned", "in_progress", "done", "cancelled"] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "validation.date" });

/** One country's update of one activity or deliverable: the status and the date, or "to be confirmed". */
export const progressUpdateSchema = z
  .object({
    itemId: z.coerce.number().int().positive(),
    party: z.enum(["CA", "CL"]),
    status: z.enum(progressStatuses, { error: "validation.required" }),
    // Empty: no date yet.
    dueOn: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), day.nullable()),
    tentative: z.preprocess((v) => v === "on" || v === "1" || v === true, z.boolean()),
  })
  .refine((v) => v.dueOn === null || !Number.isNaN(Date.parse(`${v.dueOn}T00:00:00Z`)), { path: ["dueOn"], error: "validation.date" });
export type ProgressUpdate = z.output<typeof progressUpdateSchema>;

/** The back-office work-plan list's filters from the query string; anything malformed is ignored. */
export const workplanFiltersSchema = z.object({
  party: z.enum(["CA", "CL"]).optional().catch(undefined),
  overdue: z
    .preprocess((v) => v === "1", z.boolean())
    .optional()
    .catch(false),
});
