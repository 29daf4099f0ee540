import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDocumentForDownload } from "~/models/topic-admin.server";
import { db } from "~/utils/db.server";
import { fileResponse } from "~/utils/files.server";
import { notFound, requireLocale } from "~/utils/locale.server";
import { getSessionUser } from "~/utils/session.server";

// A topic's background document: public once the topic is published; a draft's only for its officials.
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const user = await getSessionUser(request);
  const doc = await getDocumentForDownload(db, params.slug ?? "", id, user?.actor ?? null);
  if (!doc) notFound();
  return fileResponse(doc.file_key, { name: doc.file_name, kind: doc.kind, size: doc.size });
}
