import type { LoaderFunctionArgs } from "@remix-run/node";
import { docxMaxSubmissions, formatWriters, summaryFormats, type SummaryFormat } from "~/exports/formats.server";
import { getT } from "~/i18next.server";
import { askForPublicSummaries, findPublicSummaryFile, forgetLostPublicSummaryFile } from "~/models/public-summaries.server";
import { findPublicTopic } from "~/models/topics.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { publicFileResponse } from "~/utils/files.server";
import { notFound, requireLocale } from "~/utils/locale.server";

/** Until a consultation's first set of files is built: how long to wait before asking again. */
const RETRY_AFTER_SECONDS = 60;

// The public edition of a consultation's summary, in the page's language, for anyone: the file the
// `summary.public` job built and stored (ADR 033). A request never builds anything.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const format = params.format as SummaryFormat;
  if (!summaryFormats.includes(format)) notFound();
  const topic = await findPublicTopic(db, params.slug ?? "");
  if (!topic) notFound();
  const found = await findPublicSummaryFile(db, topic.id, format, locale);
  if (!found.built || found.stale) await askForPublicSummaries(db, topic.id, found.publicationKey);
  const t = getT(locale);
  if (found.file) {
    const response = await publicFileResponse(request, found.file.file_key, {
      name: found.file.file_name,
      contentType: formatWriters[format].contentType,
      size: found.file.size,
      sha256: found.file.sha256,
      modifiedAt: new Date(found.file.built_at),
      cacheControl: `public, max-age=0, s-maxage=${env().PAGE_CACHE_S_MAXAGE}, stale-while-revalidate=300`,
    });
    if (response) return response;
    await forgetLostPublicSummaryFile(db, found.file);
  } else if (found.built && format === "docx") {
    // The set has no DOCX: the topic is over the limit (its page does not offer it); this answers a
    // link kept from when it was smaller.
    throw new Response(t("errors.summaryTooLargeText", { limit: docxMaxSubmissions().toLocaleString(locale) }), {
      status: 413,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  // No file yet (first build queued, or the store lost it: rebuild queued): a translated 503, never a build here.
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  const title = escape(t("errors.summaryPendingTitle"));
  const body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Puente</title></head><body><main><h1>${title}</h1><p>${escape(t("errors.summaryPendingText"))}</p><p><a href="/${locale}">${escape(t("errors.backHome"))}</a></p></main></body></html>`;
  throw new Response(request.method === "HEAD" ? null : body, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
  });
}
