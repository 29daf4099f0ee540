// The printable sign-in sheet for an event's day (ADR 045): a tagged PDF listing the confirmed
// registrations by name with their organisation and a column to sign in, then blank lines for
// people who come without registering. For officials (the door list), never public.
import type { Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import type { SignInSheet } from "~/models/event-attendance.server";
import { formatDateTime } from "~/utils/format";
import { pdfStyles, taggedPdf } from "./event-register-pdf.server";

/** Blank lines at the end, for walk-ins. */
const BLANK_LINES = 10;

export function writeSignInSheetPdf(sheet: SignInSheet, locale: Locale, now: Date): Promise<Buffer> {
  const t = getT(locale);
  const title = t("eventAttendance.signIn.title", { title: sheet.title });
  const pdf = taggedPdf({ locale, title, subject: sheet.title, createdAt: now });
  pdf.block("H1", title, pdfStyles.title);
  pdf.block("P", t("receipt.line", { label: t("eventAttendance.register.startsAt"), value: formatDateTime(sheet.startsAt, locale, sheet.timeZone) }));
  if (sheet.place) pdf.block("P", sheet.place);
  pdf.block("P", t("eventAttendance.signIn.count", { count: sheet.people.length }));
  pdf.block("P", t("eventAttendance.signIn.intro"), { ...pdfStyles.muted, after: 0.8 });
  pdf.table(
    [
      { header: "#", width: 0.5 },
      { header: t("eventAttendance.register.columns.name"), width: 3 },
      { header: t("eventAttendance.register.columns.organisation"), width: 3 },
      { header: t("eventAttendance.signIn.signature"), width: 3 },
    ],
    [
      ...sheet.people.map((p, i) => [String(i + 1), p.name, p.organisation ?? "", ""]),
      ...Array.from({ length: BLANK_LINES }, (_, i) => [String(sheet.people.length + i + 1), "", "", ""]),
    ],
    { minRowHeight: 26 },
  );
  return pdf.done();
}
