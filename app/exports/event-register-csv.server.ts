// The closed attendance register as CSV (ADR 045): the heading lines (event, closing time, SHA-256)
// then the table. UTF-8 with a byte order mark, CRLF. Names and organisations come from the
// public, so a cell that starts like a formula is escaped (csv-stringify's escape_formulas, as the
// summary's CSV does).
import { stringify } from "csv-stringify/sync";
import type { Locale } from "../../db/schema";
import type { FrozenRegister } from "~/models/event-attendance.server";
import { registerSheet } from "./event-register-rows.server";

export function writeRegisterCsv(register: FrozenRegister, locale: Locale): Buffer {
  const sheet = registerSheet(register, locale);
  const records: string[][] = [[sheet.title], ...sheet.facts, [sheet.totals], [sheet.privacy], [], sheet.columns, ...sheet.rows];
  return Buffer.from(stringify(records, { bom: true, record_delimiter: "\r\n", escape_formulas: true }), "utf8");
}
