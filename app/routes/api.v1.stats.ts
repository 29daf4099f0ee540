import type { LoaderFunctionArgs } from "@remix-run/node";
import { getStats, statsOpenData, statsQuerySchema } from "~/models/stats.server";
import { db } from "~/utils/db.server";

const headers = { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" };

// Open data: the public statistics, the same figures as /:lang/stats and the public summaries (README).
export async function loader({ request }: LoaderFunctionArgs) {
  const query = statsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const stats = await getStats(db, { locale: "en", areaNumber: query.area });
  if (!stats) return Response.json({ error: "unknown_area" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
  return Response.json(statsOpenData(stats), { headers });
}
