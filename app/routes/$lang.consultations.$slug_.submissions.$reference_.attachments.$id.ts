import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublishedAttachment } from "~/models/published-submissions.server";
import { db } from "~/utils/db.server";
import { fileResponse } from "~/utils/files.server";
import { notFound, requireLocale } from "~/utils/locale.server";

// A published submission's attachment: only while the submission is public and officials did not withhold its files.
export async function loader({ params }: LoaderFunctionArgs) {
  requireLocale(params);
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const file = await getPublishedAttachment(db, params.slug ?? "", params.reference ?? "", id);
  if (!file) notFound();
  return fileResponse(file.file_key, { name: file.file_name, kind: file.kind, size: file.size });
}
