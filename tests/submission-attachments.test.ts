import { readdirSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { CSRF_COOKIE_PAIR } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { multipartSubmission } from "./helpers/multipart-submission";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
const filesDir = mkdtempSync(join(tmpdir(), "puente-attachments-"));
const PATH = "/en/consultations/women-in-mining-chile/submit";

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  server = await startServer({ ...t.env, FILES_DIR: filesDir, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("....[Content_Types].xml....word/document.xml")]);
const TXT = Buffer.from("Propuesta en texto plano, con acentos: ñandú.\n");
let n = 0;

const form = (files: Array<[Buffer, string]>, extra: Record<string, string> = {}) =>
  multipartSubmission(
    {
      contactName: "Con Adjuntos",
      contactEmail: `adjuntos${++n}@example.cl`,
      title: "Propuesta con documentos",
      body: `Ver documentos adjuntos ${n}.`,
      ...extra,
    },
    files.map(([data, name]) => [name, data]),
  );
const post = (body: FormData) => fetch(server.url + PATH, { method: "POST", body, redirect: "manual", headers: { Cookie: CSRF_COOKIE_PAIR } });
const kept = () => readdirSync(filesDir).filter((f) => !f.endsWith(".part"));

describe("attachments", () => {
  it("keeps PDF, DOCX and TXT files checked by content, recorded with the submission", async () => {
    const res = await post(
      form([
        [PDF, "informe.pdf"],
        [DOCX, "anexo.docx"],
        [TXT, "notas.txt"],
      ]),
    );
    expect(res.status).toBe(302);
    const reference = new URL(res.headers.get("location")!, server.url).pathname.split("/").pop()!;
    const files = await t.db
      .selectFrom("submission_attachments as a")
      .innerJoin("submissions as s", "s.id", "a.submission_id")
      .select(["a.file_name", "a.kind", "a.size"])
      .where("s.reference", "=", reference)
      .orderBy("a.id")
      .execute();
    expect(files).toEqual([
      { file_name: "informe.pdf", kind: "pdf", size: PDF.length },
      { file_name: "anexo.docx", kind: "docx", size: DOCX.length },
      { file_name: "notas.txt", kind: "txt", size: TXT.length },
    ]);
    const receipt = await (
      await fetch(server.url + new URL(res.headers.get("location")!, server.url).pathname + new URL(res.headers.get("location")!, server.url).search)
    ).text();
    expect(receipt).toContain("informe.pdf");
  });

  it.each([
    ["a renamed binary file", [[Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xff, 0xfe]), "virus.pdf"]], 400, "is not a PDF, DOCX, ODT or plain-text document"],
    ["six files", Array.from({ length: 6 }, (_, i) => [PDF, `f${i}.pdf`]), 400, "Attach at most 5 files."],
    ["a file over 10 MB", [[Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]), "big.pdf"]], 413, "larger than 10 MB"],
  ] as Array<[string, Array<[Buffer, string]>, number, string]>)("refuses %s, keeping the typed text and no file", async (_name, files, status, message) => {
    const before = kept().length;
    const fields = form(files, { body: "Texto que no debe perderse." });
    const res = await post(fields);
    expect(res.status).toBe(status);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain("Texto que no debe perderse.");
    expect(html).toContain('id="field-attachments-error"');
    expect(kept().length).toBe(before);
  });

  it("asks for the files again when another field is wrong, and keeps none of them", async () => {
    const before = kept().length;
    const res = await post(form([[PDF, "a.pdf"]], { contactEmail: "bad" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("attach them again");
    expect(kept().length).toBe(before);
  });

  it("refuses a 2 GB body at once with 413, without reading it", async () => {
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(server.url + PATH, {
        method: "POST",
        headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(2 * 1024 ** 3), Cookie: CSRF_COOKIE_PAIR },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode!);
        req.destroy();
      });
      req.on("error", reject);
      req.write("--x\r\n");
    });
    expect(status).toBe(413);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("cuts off a chunked body without a declared size once it passes the limit", async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const head = new TextEncoder().encode(`--x\r\nContent-Disposition: form-data; name="attachments"; filename="a.pdf"\r\n\r\n%PDF-1.4\n`);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(head);
      },
      pull(c) {
        if (sent > 200 * 1024 * 1024) return c.close();
        sent += chunk.length;
        c.enqueue(chunk);
      },
    });
    const res = await fetch(server.url + PATH, {
      method: "POST",
      body,
      duplex: "half",
      headers: { "Content-Type": "multipart/form-data; boundary=x", Cookie: CSRF_COOKIE_PAIR },
    } as RequestInit).catch((e: Error) => e);
    if (res instanceof Response) expect([400, 413]).toContain(res.status);
    expect(sent).toBeLessThan(200 * 1024 * 1024);
    for (let i = 0; i < 40 && readdirSync(filesDir).some((f) => f.endsWith(".part")); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(filesDir).filter((f) => f.endsWith(".part"))).toEqual([]);
  });
});
