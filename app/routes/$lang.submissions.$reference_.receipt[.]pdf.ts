import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeReceiptPdf } from "~/exports/receipt-pdf.server";
import { partyClocks } from "~/models/parties.server";
import { receiptView } from "~/models/receipts.server";
import { getOwnSubmission, getSubmissionStatus } from "~/models/submissions.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";

// The person's PDF copy of their own submission: only through the private link (a wrong or
// missing token is the same translated 404 as an unknown reference).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const reference = params.reference ?? "";
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const own = token ? await getOwnSubmission(db, reference, token) : null;
  const status = own && (await getSubmissionStatus(db, reference));
  const view = own && (await receiptView(db, reference, locale));
  if (!own || !status || !view) notFound();
  const pdf = await writeReceiptPdf({
    view,
    locale,
    receivedAt: (await partyClocks(db, locale))(status.party_code)(status.created_at),
    status: t(`receipt.statuses.${status.status}`),
    createdAt: new Date(status.created_at),
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${reference}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
