// A person's copy of their own submission (issue 17, item 2): a small tagged PDF in the page's
// language, with the reference and the time it was received. Built in memory: one submission is
// bounded (its text, at most ten answers, the names of at most five files).
//
// Tagged like the summary (summary-pdf.server.ts, whose fonts it shares): the catalog is marked,
// has the language and shows the title; every piece of text sits in the structure tree (H1, H2, P,
// L/LI), and the person's own words carry the language they wrote in.
import PDFDocument from "pdfkit";
import type { Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import type { ReceiptView } from "~/models/receipts.server";
import { cleanText, loadUnicodeFonts, STANDARD_FONTS, toWinAnsi } from "./summary-pdf.server";

const MARGIN = 60;
const INK = "#1a1a1a";
const MUTED = "#4d4d4d";
const ACCENT = "#1F3864";

export interface ReceiptPdfInput {
  view: ReceiptView;
  locale: Locale;
  /** When it was received, already written in the consultation's time zone. */
  receivedAt: string;
  status: string;
  /** Fixes the file's dates (the receipt time), so the same submission gives the same bytes. */
  createdAt: Date;
}

export function writeReceiptPdf(input: ReceiptPdfInput): Promise<Buffer> {
  const { view, locale } = input;
  const t = getT(locale);
  const fonts = loadUnicodeFonts();
  const clean = fonts ? cleanText : (text: string) => toWinAnsi(cleanText(text));
  const title = t("receipt.pdfTitle", { reference: view.reference });
  const doc = new PDFDocument({
    size: "LETTER",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    pdfVersion: "1.7",
    tagged: true,
    lang: locale,
    displayTitle: true,
    ...(fonts ? { subset: "PDF/UA" as never } : {}),
    info: {
      Title: clean(title),
      Subject: clean(view.consultation),
      Author: "Puente",
      Creator: "Puente",
      CreationDate: input.createdAt,
      ModDate: input.createdAt,
    },
  });
  for (const name of ["regular", "bold", "italic"] as const) doc.registerFont(name, fonts ? fonts[name] : STANDARD_FONTS[name]);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const root = doc.struct("Document");
  doc.addStructure(root);
  const block = (type: string, text: string, style: { font: string; size: number; color: string; after?: number }, lang?: Locale) => {
    root.add(
      doc.struct(type, lang && lang !== locale ? { lang } : {}, () => {
        doc.font(style.font).fontSize(style.size).fillColor(style.color).text(clean(text), { lineGap: 2 });
        doc.moveDown(style.after ?? 0.4);
      }),
    );
  };
  const body = { font: "regular", size: 10.5, color: INK };
  const label = { font: "bold", size: 10.5, color: INK, after: 0 };

  block("H1", title, { font: "bold", size: 20, color: ACCENT, after: 0.6 });
  block("P", view.consultation, { font: "regular", size: 13, color: MUTED, after: 0.8 });
  const facts: Array<[string, string, Locale?]> = [
    [t("receipt.reference"), view.reference],
    [t("receipt.receivedAt"), input.receivedAt],
    [t("receipt.status"), input.status],
    ...view.facts.map((f): [string, string, Locale?] => [f.label, f.value, f.lang]),
  ];
  if (view.title) facts.push([view.title.label, view.title.value, view.title.lang]);
  for (const [name, value, lang] of facts) {
    block("P", t("receipt.line", { label: name, value }), body, lang);
  }
  block("H2", view.text.label, { font: "bold", size: 14, color: ACCENT, after: 0.4 });
  for (const paragraph of view.text.value.split(/\n{2,}/)) block("P", paragraph, body, view.text.lang);
  if (view.answers.length) {
    block("H2", t("receipt.answers"), { font: "bold", size: 14, color: ACCENT, after: 0.4 });
    for (const a of view.answers) {
      block("H3", a.question, label);
      block("P", a.text, body, a.lang);
    }
  }
  if (view.attachments.length) {
    block("H2", t("receipt.attachments"), { font: "bold", size: 14, color: ACCENT, after: 0.4 });
    const list = doc.struct("L");
    root.add(list);
    for (const a of view.attachments) {
      list.add(
        doc.struct("LI", {}, () => {
          doc
            .font("regular")
            .fontSize(10.5)
            .fillColor(INK)
            .text(clean(`${a.name} (${a.size})`), { lineGap: 2 });
        }),
      );
    }
    list.end();
  }
  root.end();
  doc.end();
  return done;
}
