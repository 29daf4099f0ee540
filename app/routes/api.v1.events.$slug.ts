import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventForApi, getPublicEvent } from "~/models/public-events.server";
import { db } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";

// Open data: one public event, as /api/v1/events lists it (README).
export async function loader({ params }: LoaderFunctionArgs) {
  const event = await getPublicEvent(db, params.slug ?? "", "en");
  if (!event) return Response.json({ error: "not_found" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
  return Response.json(
    { generatedAt: new Date().toISOString(), event: eventForApi(event, publicUrl()) },
    { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } },
  );
}
