import type { LoaderFunctionArgs } from "@remix-run/node";
import { findPublicTopicSlug, listPublishedSubmissionsForApi } from "~/models/published-submissions.server";
import { parsePublishedSubmissionSearch } from "~/schemas/published-submission-search";
import { db } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";

const headers = { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" };

// Open data: a public topic's published submissions, with the topic page's filters and pages (README).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = await findPublicTopicSlug(db, params.slug ?? "");
  if (!slug) return Response.json({ error: "not_found" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
  const filters = parsePublishedSubmissionSearch(new URL(request.url));
  return Response.json(await listPublishedSubmissionsForApi(db, slug, filters, publicUrl()), { headers });
}
