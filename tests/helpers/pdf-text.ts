/** A PDF opened with pdf.js as the tests read one (no eval, no fonts from the system, quiet). */
async function openPdf(bytes: Buffer) {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  return getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
}

/** Each page's text as pdf.js extracts it, its pieces joined by a space, a line per page. */
export async function pdfPagesText(bytes: Buffer): Promise<string> {
  const doc = await openPdf(bytes);
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) text += (await (await doc.getPage(n)).getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join(" ") + "\n";
  await doc.destroy();
  return text;
}

/** The document's title, then its text, each run of white space as one space. */
export async function pdfTitleAndText(bytes: Buffer): Promise<string> {
  const doc = await openPdf(bytes);
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    text += (content.items as Array<{ str?: string }>).map((i) => i.str ?? "").join(" ") + " ";
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return `${(meta.info as { Title?: string }).Title ?? ""} ${text}`.replace(/\s+/g, " ");
}
