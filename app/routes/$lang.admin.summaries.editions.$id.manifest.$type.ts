import type { LoaderFunctionArgs } from "@remix-run/node";
import { manifestFileName, manifestJson, manifestText } from "~/exports/edition-manifest.server";
import { EditionRefused, editionManifest } from "~/models/editions.server";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { db } from "~/utils/db.server";

// An edition's manifest (JSON or text): its files' SHA-256 and each country's sign-off as it stands.
export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { user, locale } = await requireBackOffice(request, params, "summaries.read");
  const type = params.type;
  const id = Number(params.id);
  if ((type !== "json" && type !== "txt") || !Number.isInteger(id) || id <= 0) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  try {
    const manifest = await editionManifest(db, user.actor, id);
    return new Response(type === "json" ? manifestJson(manifest) : manifestText(manifest, locale), {
      headers: {
        "Content-Type": type === "json" ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(manifestFileName(manifest, type))}`,
        // Sign-offs change it: always the current one.
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof EditionRefused) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
    throw error;
  }
}
