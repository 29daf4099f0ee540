import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDeliverableFile } from "~/models/workplan.server";
import { db } from "~/utils/db.server";
import { fileResponse } from "~/utils/files.server";
import { requireLocale } from "~/utils/locale.server";

// A work-plan deliverable an official attached (ADR 044): public, like the page that links it.
export async function loader({ params }: LoaderFunctionArgs) {
  requireLocale(params);
  const file = await getDeliverableFile(db, Number(params.itemId), String(params.party));
  if (!file) throw new Response("Not found", { status: 404 });
  return fileResponse(file.key, { name: file.name, kind: "pdf", size: file.size });
}
