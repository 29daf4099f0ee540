import type { LoaderFunctionArgs } from "@remix-run/node";
import { EditionRefused, getEditionFile } from "~/models/editions.server";
import { formatWriters } from "~/exports/formats.server";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { db } from "~/utils/db.server";
import { fileResponse } from "~/utils/files.server";

// A file of a frozen edition: for the committee once exchanged, for officials once compiled.
export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireBackOffice(request, params, "summaries.read");
  try {
    const file = await getEditionFile(db, user.actor, Number(params.id), params.format ?? "", params.locale ?? "");
    return fileResponse(file.file_key, { name: file.file_name, size: file.size, contentType: formatWriters[file.format].contentType });
  } catch (error) {
    if (error instanceof EditionRefused) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
    throw error;
  }
}
