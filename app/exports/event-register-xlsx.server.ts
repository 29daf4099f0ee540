// The closed attendance register as an Excel workbook (ADR 045): one sheet, the heading lines
// (event, closing time, SHA-256) then the table with a frozen header row. Small (one event's
// people), so written in memory. A cell that starts like a formula stays text: exceljs writes
// strings as strings, never as formulas.
import ExcelJS from "exceljs";
import type { Locale } from "../../db/schema";
import type { FrozenRegister } from "~/models/event-attendance.server";
import { registerSheet } from "./event-register-rows.server";

export async function writeRegisterXlsx(register: FrozenRegister, locale: Locale): Promise<Buffer> {
  const sheet = registerSheet(register, locale);
  const closedAt = new Date(register.closedAt);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Puente";
  workbook.title = sheet.title;
  workbook.created = closedAt;
  workbook.modified = closedAt;
  const ws = workbook.addWorksheet(sheet.t("eventAttendance.register.sheetName"));
  ws.addRow([sheet.title]).font = { bold: true, size: 14 };
  for (const fact of sheet.facts) ws.addRow(fact);
  ws.addRow([sheet.totals]);
  ws.addRow([sheet.privacy]);
  ws.addRow([]);
  const header = ws.addRow(sheet.columns);
  header.font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: header.number }];
  for (const row of sheet.rows) ws.addRow(row);
  ws.columns.forEach((column, i) => {
    column.width = i === 0 ? 32 : i === 1 ? 32 : 20;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
