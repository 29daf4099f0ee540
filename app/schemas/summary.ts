import * as z from "zod";

const id = z.coerce.number().int().positive();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "validation.date" });

/**
 * What summary to build, as the back-office forms send it: the kind of scope and its fields,
 * the edition, and (for a download) the language and format.
 */
export const summaryRequestSchema = z
  .object({
    scope: z.enum(["topic", "party", "area", "pair"], { error: "validation.required" }),
    topic: id.optional().catch(undefined),
    party: z.enum(["CA", "CL"]).optional().catch(undefined),
    from: day.optional().catch(undefined),
    to: day.optional().catch(undefined),
    area: id.optional().catch(undefined),
    topicA: id.optional().catch(undefined),
    topicB: id.optional().catch(undefined),
    edition: z.enum(["public", "committee"], { error: "validation.required" }),
    locale: z.enum(["en", "fr", "es"]).default("en"),
    format: z.enum(["pdf", "docx", "xlsx", "csv", "json"]).default("pdf"),
  })
  .refine((v) => v.scope !== "topic" || !!v.topic, { path: ["topic"], error: "validation.required" })
  .refine((v) => v.scope !== "party" || (!!v.party && !!v.from && !!v.to), { path: ["party"], error: "summaries.errors.partyPeriod" })
  .refine((v) => v.scope !== "party" || !v.from || !v.to || v.from <= v.to, { path: ["to"], error: "summaries.errors.periodOrder" })
  .refine((v) => v.scope !== "area" || !!v.area, { path: ["area"], error: "validation.required" })
  .refine((v) => v.scope !== "pair" || (!!v.topicA && !!v.topicB && v.topicA !== v.topicB), { path: ["topicB"], error: "summaries.errors.pair" });

export type SummaryRequest = z.output<typeof summaryRequestSchema>;

export const synthesisSchema = z.object({
  area: id,
  party: z.enum(["CA", "CL"]),
  en: z.string().max(20_000, { error: "validation.tooLong" }).default(""),
  fr: z.string().max(20_000, { error: "validation.tooLong" }).default(""),
  es: z.string().max(20_000, { error: "validation.tooLong" }).default(""),
});
