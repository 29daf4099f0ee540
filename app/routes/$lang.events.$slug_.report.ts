import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublicReport } from "~/models/event-attendance.server";
import { db } from "~/utils/db.server";
import { fileResponse } from "~/utils/files.server";
import { requireLocale } from "~/utils/locale.server";

// An event's report, attached by its officials (ADR 045): public once the event is published or held.
export async function loader({ params }: LoaderFunctionArgs) {
  requireLocale(params);
  const report = await getPublicReport(db, String(params.slug ?? ""));
  if (!report) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  return fileResponse(report.key, { name: report.name, kind: "pdf", size: report.size });
}
