import * as z from "zod";

/** The longest search the site search accepts (characters); a longer one is a 400 with a message. */
export const SITE_SEARCH_MAX = 200;

/** `/:lang/search?q=…&page=…`: a malformed page is the first one; only a too long query is refused. */
export const siteSearchSchema = z.object({
  q: z.string().trim().max(SITE_SEARCH_MAX, { error: "consultations.siteSearch.tooLong" }).optional().default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type SiteSearch = z.output<typeof siteSearchSchema>;

/** The query string's first q and page (repeated or unknown parameters are ignored); null when q is too long. */
export function parseSiteSearch(url: URL): SiteSearch | null {
  const raw: Record<string, string> = {};
  for (const key of ["q", "page"]) {
    const value = url.searchParams.get(key);
    if (value !== null) raw[key] = value;
  }
  const parsed = siteSearchSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
