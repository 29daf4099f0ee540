import type { LoaderFunctionArgs } from "@remix-run/node";
import { getStats, statsOpenData, statsQuerySchema } from "~/models/stats.server";
import { db } from "~/utils/db.server";
import { busyJson, publicWork, WorkBusyError } from "~/utils/work-limiter.server";

const headers = { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" };

// Open data: the public statistics, the same figures as /:lang/stats and the public summaries (README).
export async function loader({ request }: LoaderFunctionArgs) {
  const query = statsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  let stats: Awaited<ReturnType<typeof getStats>>;
  try {
    // Anyone can ask: the figures are built in the bounded pool of expensive work.
    stats = await publicWork().run(() => getStats(db, { locale: "en", areaNumber: query.area }), request.signal);
  } catch (error) {
    if (error instanceof WorkBusyError) return busyJson(error, { "Access-Control-Allow-Origin": "*" });
    throw error;
  }
  if (!stats) return Response.json({ error: "unknown_area" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
  return Response.json(statsOpenData(stats), { headers });
}
