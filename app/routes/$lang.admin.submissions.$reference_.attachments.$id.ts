import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAttachmentForModeration } from "~/models/moderation.server";
import { requireBackOffice } from "~/web/backoffice.server";
import { db } from "~/utils/db.server";
import { fileResponse } from "~/utils/files.server";
import { notFound } from "~/utils/locale.server";
import { withDomainErrors } from "~/web/domain-errors.server";

// A file received with a submission, for its party's officials, published or not.
export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireBackOffice(request, params, "submissions.moderate");
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const file = await getAttachmentForModeration(db, user.actor, params.reference ?? "", id);
  return fileResponse(file.file_key, { name: file.file_name, kind: file.kind, size: file.size });
}
