import { request, type IncomingHttpHeaders } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { moderate } from "~/models/moderation.server";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createTopic, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";
import { PageLru, type Entry } from "../server/page-lru";

// ADR 027: anonymous public pages carry ETag / Last-Modified and answer 304, are kept in the
// in-process cache by publication version (unless PAGE_CACHE=0), never with a session.

let t: TestDatabase;
let cached: RunningServer;
let uncached: RunningServer;
let mod: Actor;
let modCookie: string;
let topic: { id: number; slug: string };

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const user = await createUser(t.db, { role: "moderator", party: "CA" });
  mod = { id: user.id, role: "moderator", partyCode: "CA" };
  modCookie = await sessionCookieFor(t.db, user.id);
  topic = await createTopic(t.db, { party: "CA", translations: { en: { title: "Cached topic" }, fr: { title: "Sujet en cache" } } });
  [cached, uncached] = await Promise.all([
    startServer({ ...t.env, STATS_REFRESH_SECONDS: "0" }),
    startServer({ ...t.env, PAGE_CACHE: "0", STATS_REFRESH_SECONDS: "0" }),
  ]);
}, 60_000);
afterAll(async () => {
  await cached?.stop();
  await uncached?.stop();
  await t?.destroy();
});

const page = () => `/en/consultations/${topic.slug}`;
/**
 * Changes the English title in the database without advancing the version: a cached page keeps the
 * old one (and so does a server that already read the topic in this version, ADR 047).
 */
const retitle = (title: string) => t.db.updateTable("topic_translations").set({ title }).where("topic_id", "=", topic.id).where("locale", "=", "en").execute();
/** One GET as the bytes came (still compressed), with its headers. */
function raw(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}
const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

describe("anonymous public pages", () => {
  it("carry ETag, Last-Modified and a CDN's Cache-Control, set no cookie and hold no CSRF token", async () => {
    const res = await get(cached.url, page());
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^W\/".+"$/);
    expect(new Date(res.headers.get("last-modified")!).getTime()).not.toBeNaN();
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
    expect(res.headers.getSetCookie().filter((c) => !c.startsWith("lng="))).toEqual([]);
    // The root's data, as Remix streams it: an empty token.
    expect(await res.text()).toContain('\\"csrfToken\\",\\"\\"');
  });

  it("answer 304 to If-None-Match and to If-Modified-Since, without a body", async () => {
    const first = await get(cached.url, page());
    await first.arrayBuffer();
    const etag = first.headers.get("etag")!;
    const byTag = await get(cached.url, page(), undefined, { "If-None-Match": etag });
    expect(byTag.status).toBe(304);
    expect(byTag.headers.get("etag")).toBe(etag);
    expect(await byTag.text()).toBe("");
    const byDate = await get(cached.url, page(), undefined, { "If-Modified-Since": first.headers.get("last-modified")! });
    expect(byDate.status).toBe(304);
    // Another page, another tag; an older date, the page.
    expect((await get(cached.url, `/fr/consultations/${topic.slug}`, undefined, { "If-None-Match": etag })).status).toBe(200);
    expect((await get(cached.url, page(), undefined, { "If-Modified-Since": new Date(0).toUTCString() })).status).toBe(200);
  });

  it("are served from the cache until the publication version moves: a moderation decision changes the ETag and the page", async () => {
    await retitle("Cached topic");
    const before = await get(cached.url, page());
    const etag = before.headers.get("etag")!;
    await before.text();
    // Changed behind the version's back (no model function): the cache still serves the stored page.
    await retitle("Renamed without a publication");
    expect(await (await get(cached.url, page())).text()).toContain("Cached topic");
    expect(await (await get(uncached.url, page())).text()).toContain("Renamed without a publication");

    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { title: "A proposal now public" } });
    // A pending submission changes nothing public: same tag, still 304.
    expect((await get(cached.url, page(), undefined, { "If-None-Match": etag })).status).toBe(304);
    await moderate(t.db, mod, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    const after = await get(cached.url, page(), undefined, { "If-None-Match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    const html = await after.text();
    expect(html).toContain("A proposal now public");
    expect(html).toContain("Renamed without a publication");
  });

  it("give every answer from the cache its own nonce, the same in the CSP header and in the page", async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const res = await get(cached.url, page());
      answers.push({ nonce: nonceOf(res)!, html: await res.text() });
    }
    expect(new Set(answers.map((a) => a.nonce)).size).toBe(3);
    for (const { nonce, html } of answers) {
      const inPage = [...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(inPage.length).toBeGreaterThan(0);
      expect(new Set(inPage)).toEqual(new Set([nonce]));
    }
  });

  it("go out from the cache in gzip compressed once (ADR 038), even to a client that takes brotli too: the same page with the answer's own nonce", async () => {
    await (await get(cached.url, page())).arrayBuffer();
    const plain = await raw(cached.url + page(), { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const answers = [];
    for (const acceptEncoding of ["br, gzip", "gzip", "gzip, deflate, br;q=1"]) {
      const res = await raw(cached.url + page(), { "accept-encoding": acceptEncoding });
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBe("gzip");
      expect(res.headers["vary"]).toMatch(/Accept-Encoding/);
      expect(Number(res.headers["content-length"])).toBe(res.body.length);
      expect(res.headers["etag"]).toBe(plain.headers["etag"]);
      const html = gunzipSync(res.body).toString("utf8");
      const nonce = /'nonce-([^']+)'/.exec(String(res.headers["content-security-policy"]))![1]!;
      expect(new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]))).toEqual(new Set([nonce]));
      answers.push(html.split(nonce).join("NONCE"));
    }
    const plainNonce = /'nonce-([^']+)'/.exec(String(plain.headers["content-security-policy"]))![1]!;
    for (const html of answers) expect(html).toBe(plain.body.toString("utf8").split(plainNonce).join("NONCE"));
    // A client that takes only brotli still gets brotli (compressed as it goes out).
    expect((await raw(cached.url + page(), { "accept-encoding": "br" })).headers["content-encoding"]).toBe("br");
    // Revalidation does not depend on the encoding.
    expect((await raw(cached.url + page(), { "accept-encoding": "br, gzip", "if-none-match": String(plain.headers["etag"]) })).status).toBe(304);
  });

  it("keep the language cookie working from the cache", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await get(cached.url, "/es/workplan");
      expect(res.headers.getSetCookie().some((c) => c.startsWith("lng="))).toBe(true);
      await res.arrayBuffer();
    }
    const withCookie = await get(cached.url, "/es/workplan", "lng=ImVzIg%3D%3D");
    expect(withCookie.headers.getSetCookie()).toEqual([]);
  });

  it("answer HEAD from the cache without a body", async () => {
    await (await get(cached.url, "/en/privacy")).arrayBuffer();
    const head = await fetch(cached.url + "/en/privacy", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(0);
    expect(await head.text()).toBe("");
  });

  it("serve the API with validators too", async () => {
    const res = await get(cached.url, "/api/v1/topics");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/^public/);
    expect((await get(cached.url, "/api/v1/topics", undefined, { "If-None-Match": res.headers.get("etag")! })).status).toBe(304);
  });
});

describe("what is never shared", () => {
  it("a request with a session: private, no-store, no ETag, never from the cache", async () => {
    await (await get(cached.url, page())).text();
    const res = await get(cached.url, page(), modCookie);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("etag")).toBeNull();
    // Rendered for the official (the sign-out form), not the page stored for anonymous visitors. (A
    // title changed behind the version's back no longer tells them apart: the topic itself is
    // kept per publication version, ADR 047.)
    const html = await res.text();
    expect(html).toContain('action="/en/logout"');
    expect(await (await get(cached.url, page())).text()).not.toContain('action="/en/logout"');
  });

  it("officials' pages: private, no-store", async () => {
    for (const path of ["/en/admin", "/en/admin/submissions"]) {
      const res = await get(cached.url, path, modCookie);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
    }
    // Without a session too (the redirect to sign in).
    expect((await get(cached.url, "/en/admin")).headers.get("cache-control")).toBe("private, no-store");
  });

  it("a page with a form: the visitor's own CSRF token and cookie, private, no-store", async () => {
    const res = await get(cached.url, `/en/consultations/${topic.slug}/submit`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("puente_csrf="))!;
    const token = cookie.split(";")[0]!.split("=")[1]!;
    expect(await res.text()).toContain(`name="csrf" value="${token}"`);
  });
});

describe("the CSRF token on the way from a public page to a form", () => {
  it("a public page's data (client-side navigation) holds no token and sets no cookie; a form page's data does", async () => {
    const pub = await get(cached.url, "/en/consultations.data");
    expect(pub.status).toBe(200);
    expect(pub.headers.getSetCookie().filter((c) => c.startsWith("puente_csrf="))).toEqual([]);
    expect(await pub.text()).toContain('"csrfToken",""');
    const form = await get(cached.url, `/en/consultations/${topic.slug}/submit.data`);
    expect(form.headers.get("cache-control")).toBe("private, no-store");
    const cookie = form.headers.getSetCookie().find((c) => c.startsWith("puente_csrf="))!;
    expect(await form.text()).toContain(`"csrfToken","${cookie.split(";")[0]!.split("=")[1]}"`);
  });
});

describe("the page store", () => {
  const entry = (bytes: number): Entry => ({ status: 200, headers: [], parts: [Buffer.alloc(bytes)], localeCookie: null, bytes });

  it("is bounded in entries, dropping the least recently used", () => {
    const lru = new PageLru(2, 1_000_000);
    lru.set("a", entry(10));
    lru.set("b", entry(10));
    expect(lru.get("a")).toBeDefined(); // now b is the least recently used
    lru.set("c", entry(10));
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBeDefined();
    expect(lru.size).toBe(2);
  });

  it("is bounded in bytes, and never keeps a page larger than the bound", () => {
    const lru = new PageLru(100, 1000);
    lru.set("a", entry(400));
    lru.set("b", entry(400));
    lru.set("c", entry(400));
    expect(lru.get("a")).toBeUndefined();
    expect(lru.bytes).toBe(800);
    lru.set("huge", entry(1001));
    expect(lru.get("huge")).toBeUndefined();
    expect(lru.bytes).toBe(800);
    lru.set("b", entry(100));
    expect(lru.bytes).toBe(500);
  });
});

describe("statistics", () => {
  it("come from the snapshot: 304 while nothing changed, the new figures after a decision", async () => {
    const url = "/api/v1/stats";
    const first = await get(cached.url, url);
    const before = (await first.json()) as { totals: { published: number } };
    expect((await get(cached.url, url, undefined, { "If-None-Match": first.headers.get("etag")! })).status).toBe(304);
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug });
    await moderate(t.db, mod, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    // The last snapshot meanwhile (not stored, not validated), then the refreshed one.
    let published = before.totals.published;
    for (let i = 0; i < 100 && published === before.totals.published; i++) {
      const res = await get(cached.url, url);
      const body = (await res.json()) as { totals: { published: number } };
      if (body.totals.published === before.totals.published) {
        expect(res.headers.get("cache-control")).toBe("no-cache");
        expect(res.headers.get("etag")).toBeNull();
        await new Promise((r) => setTimeout(r, 50));
      }
      published = body.totals.published;
    }
    expect(published).toBe(before.totals.published + 1);
    const page = await get(cached.url, "/en/stats");
    expect(page.status).toBe(200);
    expect(page.headers.get("etag")).toMatch(/^W\//);
  });
});
