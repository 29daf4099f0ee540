// The closed attendance register as a tagged PDF (ADR 045), and the table-drawing shared with the
// day's sign-in sheet (event-register-sign-in-sheet.server.ts). Tagged like the receipt and the
// summary (whose fonts it shares): the catalog is marked, has the language and shows the title;
// the text sits in the structure tree (H1, P, Table/TR/TH/TD), and the header row repeated on a
// new page is an artifact. Small (one event's people), so built in memory.
import PDFDocument from "pdfkit";
import type { Locale } from "../../db/schema";
import type { FrozenRegister } from "~/models/event-attendance.server";
import { registerSheet } from "./event-register-rows.server";
import { cleanText, loadUnicodeFonts, STANDARD_FONTS, toWinAnsi } from "./summary-pdf.server";

const MARGIN = 48;
const INK = "#1a1a1a";
const MUTED = "#4d4d4d";
const ACCENT = "#1F3864";
const RULE = "#8c8c8c";

export interface TaggedPdf {
  doc: PDFKit.PDFDocument;
  root: PDFKit.PDFStructureElement;
  clean: (text: string) => string;
  block: (type: string, text: string, style?: { font?: string; size?: number; color?: string; after?: number }) => void;
  table: (columns: Array<{ header: string; width: number }>, rows: string[][], options?: { minRowHeight?: number }) => void;
  done: () => Promise<Buffer>;
}

/** A tagged PDF document in `locale`, landscape or not, with helpers for headings, paragraphs and tables. */
export function taggedPdf(options: { locale: Locale; title: string; subject: string; createdAt: Date; layout?: "portrait" | "landscape" }): TaggedPdf {
  const fonts = loadUnicodeFonts();
  const clean = fonts ? cleanText : (text: string) => toWinAnsi(cleanText(text));
  const doc = new PDFDocument({
    size: "LETTER",
    layout: options.layout ?? "portrait",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    pdfVersion: "1.7",
    tagged: true,
    lang: options.locale,
    displayTitle: true,
    ...(fonts ? { subset: "PDF/UA" as never } : {}),
    info: {
      Title: clean(options.title),
      Subject: clean(options.subject),
      Author: "Puente",
      Creator: "Puente",
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
  });
  for (const name of ["regular", "bold", "italic"] as const) doc.registerFont(name, fonts ? fonts[name] : STANDARD_FONTS[name]);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const root = doc.struct("Document");
  doc.addStructure(root);
  const left = MARGIN;

  const block: TaggedPdf["block"] = (type, text, style = {}) => {
    root.add(
      doc.struct(type, {}, () => {
        doc
          .font(style.font ?? "regular")
          .fontSize(style.size ?? 10)
          .fillColor(style.color ?? INK)
          .text(clean(text), left, doc.y, { lineGap: 2, width: doc.page.width - 2 * MARGIN });
        doc.moveDown(style.after ?? 0.3);
      }),
    );
  };

  const table: TaggedPdf["table"] = (columns, rows, tableOptions = {}) => {
    const size = 9;
    const pad = 4;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const usable = doc.page.width - 2 * MARGIN;
    const widths = columns.map((c) => (c.width / total) * usable);
    const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const heightOf = (cells: string[], font: string) =>
      Math.max(
        tableOptions.minRowHeight ?? 0,
        ...cells.map(
          (c, i) =>
            doc
              .font(font)
              .fontSize(size)
              .heightOfString(clean(c) || " ", { width: widths[i]! - 2 * pad }) +
            2 * pad,
        ),
      );
    const bottom = () => doc.page.height - MARGIN;
    const drawCells = (cells: string[], font: string, y: number, height: number, tag: "TH" | "TD" | null, tr: PDFKit.PDFStructureElement | null) => {
      cells.forEach((cell, i) => {
        const draw = () => {
          doc
            .font(font)
            .fontSize(size)
            .fillColor(INK)
            .text(clean(cell), xs[i]! + pad, y + pad, { width: widths[i]! - 2 * pad, lineGap: 1 });
        };
        if (tag && tr) tr.add(doc.struct(tag, {}, draw));
        else draw();
      });
      doc.markContent("Artifact", { type: "Layout" } as never);
      doc
        .strokeColor(RULE)
        .lineWidth(0.5)
        .moveTo(left, y + height)
        .lineTo(left + usable, y + height)
        .stroke();
      doc.endMarkedContent();
    };
    const tableEl = doc.struct("Table");
    root.add(tableEl);
    const headerHeight = heightOf(
      columns.map((c) => c.header),
      "bold",
    );
    let y = doc.y;
    const header = (tagged: boolean) => {
      if (tagged) {
        const tr = doc.struct("TR");
        tableEl.add(tr);
        drawCells(
          columns.map((c) => c.header),
          "bold",
          y,
          headerHeight,
          "TH",
          tr,
        );
        tr.end();
      } else {
        doc.markContent("Artifact", { type: "Pagination" } as never);
        drawCells(
          columns.map((c) => c.header),
          "bold",
          y,
          headerHeight,
          null,
          null,
        );
        doc.endMarkedContent();
      }
      y += headerHeight;
    };
    header(true);
    for (const row of rows) {
      const height = heightOf(row, "regular");
      if (y + height > bottom()) {
        doc.addPage();
        y = MARGIN;
        header(false);
      }
      const tr = doc.struct("TR");
      tableEl.add(tr);
      drawCells(row, "regular", y, height, "TD", tr);
      tr.end();
      y += height;
    }
    tableEl.end();
    doc.x = left;
    doc.y = y + 8;
  };

  return {
    doc,
    root,
    clean,
    block,
    table,
    done: () => {
      root.end();
      doc.end();
      return finished;
    },
  };
}

export const pdfStyles = { title: { font: "bold", size: 18, color: ACCENT, after: 0.5 }, muted: { color: MUTED } };

/** The register as closed, with its SHA-256 and closing time; only consenting people named. */
export function writeRegisterPdf(register: FrozenRegister, locale: Locale): Promise<Buffer> {
  const sheet = registerSheet(register, locale);
  const pdf = taggedPdf({ locale, title: sheet.title, subject: sheet.facts[0]![1], createdAt: new Date(register.closedAt), layout: "landscape" });
  pdf.block("H1", sheet.title, pdfStyles.title);
  for (const [label, value] of sheet.facts) pdf.block("P", sheet.t("receipt.line", { label, value }));
  pdf.block("P", sheet.totals);
  pdf.block("P", sheet.privacy, { ...pdfStyles.muted, after: 0.8 });
  pdf.table(
    sheet.columns.map((header, i) => ({ header, width: [3, 3, 2.2, 1.4, 1, 1.6, 1][i]! })),
    sheet.rows,
  );
  return pdf.done();
}
