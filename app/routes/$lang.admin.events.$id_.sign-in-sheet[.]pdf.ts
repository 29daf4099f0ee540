import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeSignInSheetPdf } from "~/exports/event-register-sign-in-sheet.server";
import { getSignInSheet } from "~/models/event-attendance.server";
import { db } from "~/utils/db.server";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";

// The printable sign-in sheet for the event's day (ADR 045): officials only.
export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "events.manage");
  const eventId = Number(params.id);
  const sheet = await getSignInSheet(db, user.actor, eventId, locale);
  const body = await writeSignInSheetPdf(sheet, locale, new Date());
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="event-${eventId}-sign-in-sheet.pdf"`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
