import type { LoaderFunctionArgs } from "@remix-run/node";
import { EVENTS_API_PAGE_SIZE, eventForApi, listPublicEvents } from "~/models/public-events.server";
import { eventSearchSchema } from "~/schemas/event-search";
import { db } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";

// Open data: public events (drafts never, no personal data, not the online link), upcoming first,
// a bounded page at a time; filters as on /:lang/events (README).
export async function loader({ request }: LoaderFunctionArgs) {
  const filters = eventSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listPublicEvents(db, "en", filters, { pageSize: EVENTS_API_PAGE_SIZE });
  const base = publicUrl();
  return Response.json(
    {
      generatedAt: new Date().toISOString(),
      count: result.total,
      page: result.page,
      pages: result.pages,
      events: result.events.map((e) => eventForApi(e, base)),
    },
    { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } },
  );
}
