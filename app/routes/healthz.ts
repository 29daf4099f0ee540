import { db } from "~/utils/db.server";

/** Liveness with a database round trip; 503 when the database does not answer. */
export async function loader() {
  const started = performance.now();
  try {
    const topics = await db
      .selectFrom("topics")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Response.json(
      { status: "ok", database: "ok", topics: Number(topics.n), ms: Math.round(performance.now() - started) },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    console.error("healthz: database check failed", error);
    return Response.json({ status: "error", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
