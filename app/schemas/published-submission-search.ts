import * as z from "zod";
import { stakeholderTypes } from "./submission-choices";

/**
 * The query string of a topic's published submissions (the topic page and the open-data API):
 * anything malformed is ignored rather than an error.
 */
export const publishedSubmissionSearchSchema = z.object({
  stakeholderType: z.enum(stakeholderTypes).optional().catch(undefined),
  country: z.enum(["CA", "CL", "other"]).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(200)
    .transform((v) => v || undefined)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type PublishedSubmissionSearch = z.output<typeof publishedSubmissionSearchSchema>;

/** The filters of a URL's query string (repeated or unknown parameters are ignored). */
export function parsePublishedSubmissionSearch(url: URL): PublishedSubmissionSearch {
  const raw: Record<string, string> = {};
  for (const key of ["stakeholderType", "country", "q", "page"]) {
    const value = url.searchParams.get(key);
    if (value !== null) raw[key] = value;
  }
  return publishedSubmissionSearchSchema.parse(raw);
}
