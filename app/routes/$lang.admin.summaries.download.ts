import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { formatAvailable, summaryHeadResponse, summaryResponse } from "~/exports/formats.server";
import { buildSummary, scopeFromRequest, SummaryScopeError } from "~/models/summaries.server";
import { summaryRequestSchema } from "~/schemas/summary";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { db } from "~/utils/db.server";

// A summary built now from the current data, streamed as it is written (committee and officials).
export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  await requireBackOffice(request, params, "summaries.read");
  const query = new URL(request.url).searchParams;
  const parsed = summaryRequestSchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) {
    // Without JavaScript the scope can be changed without asking for its fields (the form's first
    // step): back to the form, with the chosen scope's fields and what was sent, to fill them in.
    query.set("step", "download");
    query.set("notice", "scopeFields");
    return redirect(`/${params.lang}/admin/summaries?${query}#download-title`);
  }
  const { edition, locale, format } = parsed.data;
  if (request.method === "HEAD") return summaryHeadResponse(format);
  try {
    const summary = await buildSummary(db, { scope: await scopeFromRequest(db, parsed.data), edition, locale });
    // Back to the form (a GET without JavaScript), which says why and what to use instead.
    if (!formatAvailable(format, summary.submissionCount)) return redirect(`/${params.lang}/admin/summaries?notice=docxTooLarge`);
    return summaryResponse(summary, format, undefined, { signal: request.signal });
  } catch (error) {
    if (error instanceof SummaryScopeError) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
    throw error;
  }
}
