import { existsSync, readdirSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { CSRF_TOKEN, createTopic, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
let modCL: string;
let modCA: string;
const filesDir = mkdtempSync(join(tmpdir(), "puente-files-"));

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  modCL = await sessionCookieFor(t.db, (await createUser(t.db, { role: "moderator", party: "CL" })).id);
  modCA = await sessionCookieFor(t.db, (await createUser(t.db, { role: "moderator", party: "CA" })).id);
  server = await startServer({ ...t.env, FILES_DIR: filesDir });
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

function upload(topicId: number, file: Buffer, name: string, options: { cookie: string; csrf?: string | null; locale?: string }) {
  const form = new FormData();
  if (options.csrf !== null) form.set("csrf", options.csrf ?? CSRF_TOKEN);
  form.set("documentLocale", options.locale ?? "es");
  form.set("document", new Blob([new Uint8Array(file)], { type: "application/pdf" }), name);
  return fetch(`${server.url}/en/admin/topics/${topicId}`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: options.cookie } });
}

const stored = () => readdirSync(filesDir).filter((f) => !f.endsWith(".part"));

describe("background documents", () => {
  it("uploads a PDF that the public downloads once the topic is published, and removes it", async () => {
    const topic = await createTopic(t.db, { party: "CL", state: "draft", slug: "docs-topic" });
    const res = await upload(topic.id, PDF, "Informe ñandú 2025.pdf", { cookie: modCL });
    expect(res.status).toBe(302);
    const doc = await t.db.selectFrom("topic_documents").selectAll().where("topic_id", "=", topic.id).executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ file_name: "Informe ñandú 2025.pdf", size: PDF.length, locale: "es" });
    expect(existsSync(join(filesDir, doc.file_key))).toBe(true);

    // Draft: not public, but its officials can fetch it.
    expect((await get(server.url, `/en/consultations/docs-topic/documents/${doc.id}`)).status).toBe(404);
    expect((await get(server.url, `/en/consultations/docs-topic/documents/${doc.id}`, modCL)).status).toBe(200);
    expect((await get(server.url, `/en/consultations/docs-topic/documents/${doc.id}`, modCA)).status).toBe(404);

    await t.db.updateTable("topics").set({ state: "published" }).where("id", "=", topic.id).execute();
    const download = await get(server.url, `/en/consultations/docs-topic/documents/${doc.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename*=UTF-8''${encodeURIComponent("Informe ñandú 2025.pdf")}`);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect(await (await get(server.url, "/fr/consultations/docs-topic")).text()).toContain("Informe ñandú 2025.pdf");
    // Another topic's slug does not reach it.
    expect((await get(server.url, `/en/consultations/women-in-mining-chile/documents/${doc.id}`)).status).toBe(404);

    const form = new URLSearchParams({ csrf: CSRF_TOKEN, intent: "remove-document", documentId: String(doc.id) });
    const removed = await fetch(`${server.url}/en/admin/topics/${topic.id}`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { Cookie: modCL, "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(removed.status).toBe(302);
    expect(existsSync(join(filesDir, doc.file_key))).toBe(false);
    expect((await get(server.url, `/en/consultations/docs-topic/documents/${doc.id}`)).status).toBe(404);
    const actions = await t.db.selectFrom("audit_log").select("action").where("action", "like", "topic.document%").execute();
    expect(actions.map((a) => a.action)).toEqual(["topic.document_added", "topic.document_removed"]);
  });

  it("checks the content, not the name: a renamed text file is refused with a clear message", async () => {
    const topic = await createTopic(t.db, { party: "CL" });
    const before = stored().length;
    const res = await upload(topic.id, Buffer.from("just some text, not a PDF at all"), "fake.pdf", { cookie: modCL });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This file is not a PDF.");
    const zip = await upload(topic.id, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), "x.pdf", { cookie: modCL });
    expect(zip.status).toBe(400);
    expect(stored().length).toBe(before);
  });

  it("refuses another party's official and a missing CSRF token, keeping no file", async () => {
    const topic = await createTopic(t.db, { party: "CL" });
    const before = stored().length;
    const other = await upload(topic.id, PDF, "a.pdf", { cookie: modCA }).catch(
      (e: Error) => new Error(`other party: ${e.message} ${(e.cause as Error)?.message}`),
    );
    expect(other instanceof Response ? other.status : other.message).toBe(403);
    const noCsrf = await upload(topic.id, PDF, "a.pdf", { cookie: modCL, csrf: null }).catch((e: Error) => new Error(`no csrf: ${e.message}`));
    expect(noCsrf instanceof Response ? noCsrf.status : noCsrf.message).toBe(403);
    expect(stored().length).toBe(before);
    expect(await t.db.selectFrom("topic_documents").select("id").where("topic_id", "=", topic.id).execute()).toEqual([]);
  });
  it("cuts off a file over 20 MB while it streams, and keeps nothing of it", async () => {
    const topic = await createTopic(t.db, { party: "CL" });
    const big = Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    const res = await upload(topic.id, big, "big.pdf", { cookie: modCL }).catch((e: Error) => e);
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(await res.text()).toContain("too large");
    }
    // The client may see the connection cut before the server has cleaned up: give it a moment.
    for (let i = 0; i < 100 && readdirSync(filesDir).some((f) => f.endsWith(".part")); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(filesDir).filter((f) => f.endsWith(".part"))).toEqual([]);
    expect(await t.db.selectFrom("topic_documents").select("id").where("topic_id", "=", topic.id).execute()).toEqual([]);
  });
});
