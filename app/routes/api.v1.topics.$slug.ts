import type { LoaderFunctionArgs } from "@remix-run/node";
import { listTopicsForApi } from "~/models/topics.server";
import { db } from "~/utils/db.server";

// Open data: one public topic, as /api/v1/topics lists it, with its published outcome (README).
export async function loader({ params }: LoaderFunctionArgs) {
  const [topic] = await listTopicsForApi(db, new Date(), { slug: params.slug ?? "" });
  if (!topic) return Response.json({ error: "not_found" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
  return Response.json(
    { generatedAt: new Date().toISOString(), topic },
    { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } },
  );
}
