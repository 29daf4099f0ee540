import type { LoaderFunctionArgs } from "@remix-run/node";
import { statsOpenData, statsQuerySchema, type Stats } from "~/models/stats.server";
import { servedStats } from "~/models/stats-snapshots.server";
import { db } from "~/utils/db.server";
import { busyJson, WorkBusyError } from "~/utils/work-limiter.server";

// Cache-Control, ETag and Last-Modified are the page cache's (server/page-cache.ts, ADR 027).
const headers = { "Access-Control-Allow-Origin": "*" };

// Open data: the public statistics, the same figures as /:lang/stats and the public summaries (README).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = statsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  let stats: Stats | null;
  try {
    // From the snapshot of the current publication (ADR 027).
    stats = await servedStats(db, { locale: "en", areaNumber: query.area }, context);
  } catch (error) {
    if (error instanceof WorkBusyError) return busyJson(error, { "Access-Control-Allow-Origin": "*" });
    throw error;
  }
  if (!stats) return Response.json({ error: "unknown_area" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
  return Response.json(statsOpenData(stats), { headers });
}
