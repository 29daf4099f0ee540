import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeRegisterCsv } from "~/exports/event-register-csv.server";
import { writeRegisterPdf } from "~/exports/event-register-pdf.server";
import { registerFileName } from "~/exports/event-register-rows.server";
import { writeRegisterXlsx } from "~/exports/event-register-xlsx.server";
import { getFrozenRegister } from "~/models/event-attendance.server";
import { registerFormats, type RegisterFormat } from "~/schemas/event-attendance";
import { db } from "~/utils/db.server";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";

// The closed attendance register for officials (ADR 045), as PDF, XLSX or CSV in the page's
// language, made from the register's stored JSON: a 404 until the register is closed.

const contentTypes: Record<RegisterFormat, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "events.manage");
  const format = registerFormats.find((f) => f === params.format);
  if (!format) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  const register = await getFrozenRegister(db, user.actor, Number(params.id));
  const body =
    format === "pdf"
      ? await writeRegisterPdf(register, locale)
      : format === "xlsx"
        ? await writeRegisterXlsx(register, locale)
        : writeRegisterCsv(register, locale);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": contentTypes[format],
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(registerFileName(register.document, format))}`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
