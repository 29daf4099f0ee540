import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, createBrotliDecompress, createGunzip, gunzipSync } from "node:zlib";
import { writeReadableStreamToWritable } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoAccounts } from "../db/seed/demo-accounts";
import { seedDemoSubmissions } from "../scripts/demo-submissions";
import { seed } from "../db/seed/index";
import { acceptedEncodings, compressResponses } from "../server/compression";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { startServer, type RunningServer } from "./helpers/server";
import { buildPublicSummaries } from "~/models/public-summaries.server";

// Issue 16, item 3 (ADR 028): what a visitor downloads, measured as the bytes that cross the wire.
const FIRST_VISIT_LIMIT = 150 * 1024;
// A marker of zod's code in a bundle (its type registry), absent from react-hook-form's.
const ZOD_MARKER = "$ZodType";

let t: TestDatabase;
let server: RunningServer;
let slugs: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
  const now = new Date();
  await seed(t.db, now);
  await seedDemoAccounts(t.db);
  await seedDemoSubmissions(t.db, now);
  slugs = (await t.db.selectFrom("topics").select("slug").where("state", "=", "published").orderBy("slug").execute()).map((r) => r.slug);
  server = await startServer(t.env);
  // The downloads below are the stored public files (ADR 033) of the first topic.
  const first = await t.db.selectFrom("topics").select("id").where("slug", "=", slugs[0]!).executeTakeFirstOrThrow();
  await buildPublicSummaries(t.db, first.id);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they crossed the wire (still compressed). */
  wire: Buffer;
  /** The body decoded. */
  body: Buffer;
}

/** A GET that sees the body as sent (fetch would decompress it and hide its size). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(server.url + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const wire = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"];
        const body = encoding === "br" ? brotliDecompressSync(wire) : encoding === "gzip" ? gunzipSync(wire) : wire;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wire, body });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

const BROWSER = { "Accept-Encoding": "br, gzip" };

/**
 * Every script and stylesheet a page makes the browser fetch: `<script src>`, `<link
 * rel=stylesheet|modulepreload>`, the modules its inline module script imports, and the messages
 * of the page's language, which the entry module imports when it hydrates.
 */
async function pageAssets(html: string): Promise<Map<string, Raw>> {
  const refs = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src) refs.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1] ?? "";
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\b(stylesheet|modulepreload)\b/.test(rel)) refs.add(href);
  }
  for (const [, src] of html.matchAll(/import\s+(?:\*\s+as\s+\w+\s+from\s+)?"(\/build\/[^"]+)"/g)) refs.add(src!);
  const entry = /"entry":\s*\{\s*"module":\s*"([^"]+)"/.exec(html)?.[1];
  expect(entry, "the page names its entry module").toBeTruthy();
  refs.add(entry!);
  const assets = new Map<string, Raw>();
  for (const ref of refs) assets.set(ref, await rawGet(ref, BROWSER));
  const lang = /<html lang="(\w+)"/.exec(html)![1]!;
  const messages = new RegExp(`import\\("(/build/_shared/${lang}-[\\w-]+\\.js)"\\)`).exec(assets.get(entry!)!.body.toString())?.[1];
  expect(messages, "the entry module loads the page's messages").toBeTruthy();
  assets.set(messages!, await rawGet(messages!, BROWSER));
  return assets;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

describe("a first visit", () => {
  it("to each consultation's page transfers under 150 KB, and a return visit only the HTML", async () => {
    expect(slugs.length).toBeGreaterThan(0);
    for (const slug of slugs) {
      const page = await rawGet(`/en/consultations/${slug}`, BROWSER);
      expect(page.status).toBe(200);
      // From the page cache: its gzip copy, compressed once and sent with its length (ADR 038).
      expect(page.headers["content-encoding"]).toBe("gzip");
      expect(Number(page.headers["content-length"])).toBe(page.wire.length);
      expect(page.headers.vary).toMatch(/Accept-Encoding/);
      const html = page.body.toString();
      const assets = await pageAssets(html);
      let total = page.wire.length;
      for (const [ref, asset] of assets) {
        expect(asset.status, ref).toBe(200);
        // Immutable: a return visit takes them from the browser's cache and fetches only the HTML.
        expect(asset.headers["cache-control"], ref).toMatch(/max-age=31536000.*immutable/);
        if (asset.body.length >= 1024) expect(asset.headers["content-encoding"], ref).toBe("br");
        total += asset.wire.length;
      }
      console.log(`/en/consultations/${slug}: first visit ${kb(total)} KB (${assets.size + 1} responses), return visit ${kb(page.wire.length)} KB`);
      expect(total).toBeLessThan(FIRST_VISIT_LIMIT);
    }
  });

  it("to a public page without a form loads no zod, which the submission form's page does", async () => {
    const topic = (await rawGet(`/en/consultations/${slugs[0]}`, BROWSER)).body.toString();
    const published = /href="(\/en\/consultations\/[^/"]+\/submissions\/[^"]+)"/.exec(
      (await Promise.all(slugs.map(async (s) => (await rawGet(`/en/consultations/${s}`, BROWSER)).body.toString()))).join(""),
    )?.[1];
    expect(published).toBeTruthy();
    const pages = ["/en", "/fr/workplan", "/es/privacy", "/en/consultations", "/en/stats", published!];
    for (const path of pages) {
      const page = await rawGet(path, BROWSER);
      expect(page.status, path).toBe(200);
      for (const [ref, asset] of await pageAssets(page.body.toString())) {
        expect(asset.body.toString().includes(ZOD_MARKER), `${path} loads zod in ${ref}`).toBe(false);
      }
    }
    for (const [ref, asset] of await pageAssets(topic)) expect(asset.body.toString().includes(ZOD_MARKER), ref).toBe(false);

    // The submission form's page neither, until the form is used: then it loads the shared schema
    // (and zod, which the marker finds there).
    const open = await findOpenTopic();
    const form = await rawGet(`/en/consultations/${open}/submit`, BROWSER);
    expect(form.status).toBe(200);
    const assets = await pageAssets(form.body.toString());
    for (const [ref, asset] of assets) expect(asset.body.toString().includes(ZOD_MARKER), `the form's page loads zod in ${ref}`).toBe(false);
    const later: string[] = [];
    for (const asset of assets.values()) {
      for (const [, ref] of asset.body.toString().matchAll(/import\("(\/build\/[^"]+)"\)/g)) if (!assets.has(ref!)) later.push(ref!);
    }
    // What those modules import in turn.
    const loaded = new Map<string, string>();
    while (later.length) {
      const ref = later.pop()!;
      if (loaded.has(ref) || assets.has(ref)) continue;
      const code = (await rawGet(ref, BROWSER)).body.toString();
      loaded.set(ref, code);
      for (const [, next] of code.matchAll(/(?:from|import)\s*"(\/build\/[^"]+)"/g)) later.push(next!);
    }
    const withZod = [...loaded].filter(([, code]) => code.includes(ZOD_MARKER));
    expect(withZod.length).toBeGreaterThan(0);
  });

  it("to the other public pages, the submission form's included, transfers under 150 KB", async () => {
    const open = await findOpenTopic();
    for (const path of ["/en", "/fr/workplan", "/es/consultations", "/en/stats", `/en/consultations/${open}/submit`]) {
      const page = await rawGet(path, BROWSER);
      expect(page.status, path).toBe(200);
      let total = page.wire.length;
      for (const asset of (await pageAssets(page.body.toString())).values()) total += asset.wire.length;
      console.log(`${path}: first visit ${kb(total)} KB`);
      expect(total, path).toBeLessThan(FIRST_VISIT_LIMIT);
    }
  });
});

async function findOpenTopic(): Promise<string> {
  for (const slug of slugs) {
    const html = (await rawGet(`/en/consultations/${slug}`, BROWSER)).body.toString();
    if (html.includes(`/en/consultations/${slug}/submit`)) return slug;
  }
  throw new Error("no open consultation in the demo data");
}

describe("hashed assets", () => {
  it("are served from their .br and .gz files, with the file's type, and answer 304 per encoding", async () => {
    const html = (await rawGet(`/en/consultations/${slugs[0]}`)).body.toString();
    const entry = /"entry":\s*\{\s*"module":\s*"([^"]+)"/.exec(html)![1]!;
    const plain = await rawGet(entry);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    for (const [accept, encoding] of [
      ["br, gzip", "br"],
      ["gzip, deflate", "gzip"],
      ["br;q=0, gzip", "gzip"],
    ] as const) {
      const res = await rawGet(entry, { "Accept-Encoding": accept });
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBe(encoding);
      expect(res.headers["content-type"]).toBe(plain.headers["content-type"]);
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      // The file written by the build: its length is known, unlike a response compressed on the fly.
      expect(Number(res.headers["content-length"])).toBe(res.wire.length);
      expect(res.body.equals(plain.body)).toBe(true);
      const etag = String(res.headers.etag);
      expect(etag).not.toBe(plain.headers.etag);
      const again = await rawGet(entry, { "Accept-Encoding": accept, "If-None-Match": etag });
      expect(again.status).toBe(304);
      expect(again.wire.length).toBe(0);
    }
  });

  it("a missing one is still the app's 404", async () => {
    const res = await rawGet("/build/_shared/no-such-chunk.js", BROWSER);
    expect(res.status).toBe(404);
  });
});

describe("downloads", () => {
  it("a CSV summary is compressed, without Content-Length, and decodes to the same file", async () => {
    const path = `/en/consultations/${slugs[0]}/summary/csv`;
    const plain = await rawGet(path);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const compressed = await rawGet(path, BROWSER);
    expect(compressed.status).toBe(200);
    expect(compressed.headers["content-type"]).toMatch(/^text\/csv/);
    expect(compressed.headers["content-encoding"]).toBe("br");
    expect(compressed.headers["content-length"]).toBeUndefined();
    expect(compressed.headers.vary).toMatch(/Accept-Encoding/);
    expect(compressed.body.toString()).toBe(plain.body.toString());
    expect(compressed.wire.length).toBeLessThan(plain.body.length / 2);
  });

  it("a PDF summary is sent as it is, never compressed again", async () => {
    const res = await rawGet(`/en/consultations/${slugs[0]}/summary/pdf`, BROWSER);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.wire.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("a JSON API answer is compressed with gzip for a client without brotli", async () => {
    const res = await rawGet("/api/v1/topics", { "Accept-Encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(Array.isArray(JSON.parse(res.body.toString()).topics ?? JSON.parse(res.body.toString()))).toBe(true);
  });

  it("small answers and HEAD requests are not compressed", async () => {
    const head = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = request(server.url + `/en/consultations/${slugs[0]}`, { method: "HEAD", headers: BROWSER }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.headers));
      });
      req.on("error", reject);
      req.end();
    });
    expect(head["content-encoding"]).toBeUndefined();
    const health = await rawGet("/healthz", BROWSER);
    expect(health.headers["content-encoding"]).toBeUndefined();
  });
});

describe("a streamed response, compressed", () => {
  // The server writes Remix's body as app.ts does; the stream's second half waits until the
  // client has received the first: a compressor that held the bytes back would never finish.
  let local: Server;
  let url = "";
  let firstReceived: () => void = () => {};
  beforeAll(async () => {
    local = createServer((req, res) => {
      compressResponses(req, res);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      const received = new Promise<void>((resolve) => (firstReceived = resolve));
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode(`id,title\n${"1,first rows of the file\n".repeat(100)}`));
          await received;
          controller.enqueue(new TextEncoder().encode("2,the rest\n".repeat(100)));
          controller.close();
        },
      });
      void writeReadableStreamToWritable(body, res);
    });
    await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(local.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => local.close(() => resolve())));

  for (const encoding of ["br", "gzip"] as const) {
    it(`reaches the client as it is written (${encoding})`, async () => {
      const { decodedBeforeEnd, text, headers } = await new Promise<{ decodedBeforeEnd: string; text: string; headers: Record<string, unknown> }>(
        (resolve, reject) => {
          const timer = setTimeout(() => reject(new Error("the first rows never arrived before the end")), 5000);
          request(url, { headers: { "Accept-Encoding": encoding } }, (res) => {
            // Decoded as it arrives, as a browser saving the download does.
            const decoder = encoding === "br" ? createBrotliDecompress() : createGunzip();
            let text = "";
            let decodedBeforeEnd = "";
            decoder.on("data", (c: Buffer) => {
              text += c.toString();
              if (!decodedBeforeEnd && text.includes("1,first rows")) {
                decodedBeforeEnd = text;
                firstReceived();
              }
            });
            decoder.on("end", () => {
              clearTimeout(timer);
              resolve({ decodedBeforeEnd, text, headers: res.headers });
            });
            decoder.on("error", reject);
            res.pipe(decoder);
          })
            .on("error", reject)
            .end();
        },
      );
      expect(headers["content-encoding"]).toBe(encoding);
      expect(headers["content-length"]).toBeUndefined();
      expect(decodedBeforeEnd.startsWith("id,title\n1,first")).toBe(true);
      expect(decodedBeforeEnd).not.toContain("the rest");
      expect(text.endsWith("2,the rest\n")).toBe(true);
    });
  }
});

describe("acceptedEncodings", () => {
  it.each([
    ["br, gzip", ["br", "gzip"]],
    ["gzip, deflate, br", ["br", "gzip"]],
    ["gzip;q=1, br;q=0.5", ["gzip", "br"]],
    ["br;q=0, gzip", ["gzip"]],
    ["*", ["br", "gzip"]],
    ["*, br;q=0", ["gzip"]],
    ["identity", []],
    ["", []],
  ])("%s → %j", (header, expected) => {
    expect(acceptedEncodings(header)).toEqual(expected);
  });
});
