import type { LoaderFunctionArgs } from "@remix-run/node";
import { docxMaxSubmissions, formatAvailable, summaryFormats, summaryHeadResponse, summaryResponse, type SummaryFormat } from "~/exports/formats.server";
import { getT } from "~/i18next.server";
import { buildSummary } from "~/models/summaries.server";
import { findPublicTopic } from "~/models/topics.server";
import { db } from "~/utils/db.server";
import { notFound, requireLocale } from "~/utils/locale.server";
import { busyPage, publicWork, WorkBusyError } from "~/utils/work-limiter.server";

// The public edition of a consultation's summary, in the page's language, for anyone.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const format = params.format as SummaryFormat;
  if (!summaryFormats.includes(format)) notFound();
  const topic = await findPublicTopic(db, params.slug ?? "");
  if (!topic) notFound();
  if (request.method === "HEAD") return summaryHeadResponse(format, "public, max-age=300");
  // Anyone can ask: the work runs in the bounded pool, and keeps its place until the file is sent.
  const slot = await publicWork()
    .acquire(request.signal)
    .catch((error: unknown) => {
      if (error instanceof WorkBusyError) throw busyPage(error, locale);
      throw error;
    });
  try {
    const summary = await buildSummary(db, { scope: { kind: "topic", topicId: topic.id }, edition: "public", locale });
    if (!formatAvailable(format, summary.submissionCount)) {
      // The topic page does not offer it; this answers a link kept from when it was smaller.
      const t = getT(locale);
      throw new Response(t("errors.summaryTooLargeText", { limit: docxMaxSubmissions().toLocaleString(locale) }), {
        status: 413,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    return summaryResponse(summary, format, "public, max-age=300", { signal: request.signal, onClose: slot.release });
  } catch (error) {
    slot.release();
    throw error;
  }
}
