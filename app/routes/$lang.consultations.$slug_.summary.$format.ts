import type { LoaderFunctionArgs } from "@remix-run/node";
import { summaryFormats, summaryResponse, type SummaryFormat } from "~/exports/formats.server";
import { buildSummary } from "~/models/summaries.server";
import { db } from "~/utils/db.server";
import { notFound, requireLocale } from "~/utils/locale.server";

// The public edition of a consultation's summary, in the page's language, for anyone.
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const format = params.format as SummaryFormat;
  if (!summaryFormats.includes(format)) notFound();
  const topic = await db.selectFrom("topics").select("id").where("slug", "=", params.slug ?? "").where("state", "in", ["published", "archived"]).executeTakeFirst();
  if (!topic) notFound();
  const summary = await buildSummary(db, { scope: { kind: "topic", topicId: topic.id }, edition: "public", locale });
  return summaryResponse(summary, format, "public, max-age=300");
}
