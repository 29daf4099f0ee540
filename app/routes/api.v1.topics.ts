import { listTopicsForApi } from "~/models/topics.server";
import { db } from "~/utils/db.server";

// Open data: every public topic (drafts never), documented in the README.
export async function loader() {
  const topics = await listTopicsForApi(db);
  return Response.json(
    { generatedAt: new Date().toISOString(), count: topics.length, topics },
    { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } },
  );
}
