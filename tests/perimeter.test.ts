// Issue 14 ("The perimeter"): body limits enforced while bodies stream, slow clients, the client
// address behind a proxy, and bodies that cannot be read as forms — all against the real built
// server, each answered with a translated 4xx (JSON under /api) and nothing stored.
import { mkdtempSync, readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { CSRF_COOKIE_PAIR, CSRF_TOKEN } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { formStamp } from "~/utils/submission-guard.server";
import { multipartSubmission } from "./helpers/multipart-submission";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
let proxied: RunningServer;
const PROXIED_SECRET = "perimeter-secret";
const filesDir = mkdtempSync(join(tmpdir(), "puente-perimeter-"));
const SUBMIT = "/consultations/women-in-mining-chile/submit";
const MB = 1024 * 1024;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  server = await startServer({ ...t.env, FILES_DIR: filesDir, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
  proxied = await startServer({
    ...t.env,
    FILES_DIR: filesDir,
    TRUST_PROXY: "1",
    SUBMISSION_RATE_LIMIT: "2",
    SUBMISSION_MIN_FILL_SECONDS: "0",
    APP_SECRET: PROXIED_SECRET,
    HEADERS_TIMEOUT_SECONDS: "1",
    REQUEST_TIMEOUT_SECONDS: "2",
  });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await proxied?.stop();
  await t?.destroy();
});

const submissionCount = async () =>
  Number(
    (
      await t.db
        .selectFrom("submissions")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const kept = () => readdirSync(filesDir);

/**
 * Sends a body made on the fly (never held whole) until the server answers or `max` bytes are
 * sent: chunked unless a Content-Length is given. Resolves with the answer and the bytes sent.
 */
function stream(
  base: string,
  path: string,
  options: { headers: Record<string, string>; head?: string; chunk: () => Buffer; max: number },
): Promise<{ status: number; body: string; headers: Record<string, unknown>; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(base + path, { method: "POST", headers: { Cookie: CSRF_COOKIE_PAIR, ...options.headers } });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode!, body, headers: res.headers, sent });
        req.destroy();
      });
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    if (options.head) {
      req.write(options.head);
      sent += Buffer.byteLength(options.head);
    }
    const pump = () => {
      while (!answered && sent < options.max) {
        const chunk = options.chunk();
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

const csrfPart = (b: string) => `--${b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${CSRF_TOKEN}\r\n`;

describe("request bodies have a limit, enforced while they stream", () => {
  it("refuses a declared 300 MB sign-in post at once with a translated 413, reading nothing", async () => {
    for (const [lang, title] of [
      ["en", "Too large to receive"],
      ["fr", "Envoi trop volumineux"],
    ]) {
      const started = Date.now();
      const res = await stream(server.url, `/${lang}/login`, {
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(300 * MB) },
        chunk: () => Buffer.alloc(64 * 1024, 0x61),
        max: 300 * MB,
      });
      expect(res.status).toBe(413);
      expect(res.body).toContain(`<html lang="${lang}"`);
      expect(res.body).toContain(title);
      expect(res.sent).toBeLessThan(32 * MB);
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it("cuts off a chunked sign-in post past 64 KB with a translated 413", async () => {
    const res = await stream(server.url, "/es/login", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      head: `csrf=${CSRF_TOKEN}&email=a%40b.cl&password=`,
      chunk: () => Buffer.alloc(16 * 1024, 0x61),
      max: 128 * MB,
    });
    expect(res.status).toBe(413);
    expect(res.body).toContain('<html lang="es"');
    expect(res.body).toContain("Envío demasiado grande");
    expect(res.sent).toBeLessThan(32 * MB);
  });

  it("cuts off a chunked multipart submission of many 190 KB text fields once the text passes 2 MB", async () => {
    const before = await submissionCount();
    let field = 0;
    const value = "x".repeat(190 * 1024);
    const res = await stream(server.url, `/en${SUBMIT}`, {
      headers: { "Content-Type": "multipart/form-data; boundary=B" },
      head: csrfPart("B"),
      chunk: () => Buffer.from(`--B\r\nContent-Disposition: form-data; name="f${++field}"\r\n\r\n${value}\r\n`),
      max: 1500 * 190 * 1024,
    });
    expect(res.status).toBe(413);
    expect(res.body).toContain("Too large to receive");
    expect(res.sent).toBeLessThan(32 * MB);
    expect(await submissionCount()).toBe(before);
  });

  it("refuses a plain (not multipart) submission form past its 2 MB of text", async () => {
    const res = await stream(server.url, `/en${SUBMIT}`, {
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(3 * MB) },
      head: `csrf=${CSRF_TOKEN}&body=`,
      chunk: () => Buffer.alloc(64 * 1024, 0x61),
      max: 3 * MB - 64,
    });
    expect(res.status).toBe(413);
  });

  it("gives a JavaScript (single-fetch) client its 413 as data it can read", async () => {
    const res = await fetch(`${server.url}/fr/login.data`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: CSRF_COOKIE_PAIR },
      body: `csrf=${CSRF_TOKEN}&x=${"a".repeat(100_000)}`,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("text/x-script");
    expect(await res.text()).toContain('"ErrorResponse"');
  });

  it("answers JSON under /api", async () => {
    const res = await stream(server.url, "/api/v1/topics", {
      headers: { "Content-Type": "application/json", "Content-Length": String(300 * MB) },
      chunk: () => Buffer.alloc(64 * 1024, 0x20),
      max: 300 * MB,
    });
    expect(res.status).toBe(413);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    expect(JSON.parse(res.body)).toEqual({ error: "BodyTooLarge" });
  });

  it("still takes a sign-in form of ordinary size", async () => {
    const res = await fetch(`${server.url}/en/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: CSRF_COOKIE_PAIR },
      body: new URLSearchParams({ csrf: CSRF_TOKEN, email: "nobody@example.org", password: "wrong" }),
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("<form");
  });
});

describe("slow clients", () => {
  const closedAfter = (send: (socket: ReturnType<typeof connect>) => void) =>
    new Promise<{ ms: number; answer: string }>((resolve, reject) => {
      const { hostname, port } = new URL(proxied.url);
      const started = Date.now();
      let answer = "";
      const socket = connect(Number(port), hostname, () => send(socket));
      socket.on("data", (d) => (answer += d));
      socket.on("close", () => resolve({ ms: Date.now() - started, answer }));
      socket.on("error", () => undefined);
      setTimeout(() => reject(new Error("still open after 10 s")), 10_000).unref();
    });

  it("closes a connection whose headers do not arrive within HEADERS_TIMEOUT_SECONDS", async () => {
    const { ms, answer } = await closedAfter((s) => s.write("POST /en/login HTTP/1.1\r\nHost: x\r\n"));
    expect(ms).toBeLessThan(4000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes a connection whose body does not arrive within REQUEST_TIMEOUT_SECONDS", async () => {
    const { ms } = await closedAfter((s) => {
      s.write("POST /en/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ncsrf=");
      const drip = setInterval(() => (s.destroyed ? clearInterval(drip) : s.write("a")), 300);
    });
    expect(ms).toBeLessThan(6000);
  });
});

describe("the client address behind a trusted proxy", () => {
  let n = 0;
  // Only accepted submissions count towards the limit (issue 14, item 18): each post is a valid one.
  const post = (forwardedFor: string) =>
    fetch(`${proxied.url}/en${SUBMIT}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: CSRF_COOKIE_PAIR, "X-Forwarded-For": forwardedFor },
      body: new URLSearchParams({
        csrf: CSRF_TOKEN,
        stamp: formStamp(Date.now(), PROXIED_SECRET),
        kind: "proposal",
        onBehalf: "self",
        stakeholderType: "individual",
        country: "CL",
        contactName: "Persona Detrás",
        contactEmail: `proxy${++n}@example.cl`,
        title: "Datos desagregados por sexo",
        body: `Una propuesta enviada a través de un proxy, número ${n}.`,
        language: "es",
        publication: "anonymous",
        privacy: "on",
      }),
    }).then((r) => r.status);

  it("takes the address the proxy added, not the leftmost one the client wrote", async () => {
    const statuses = [];
    for (let i = 1; i <= 3; i++) statuses.push(await post(`10.9.8.${i}, 203.0.113.7`));
    expect(statuses).toEqual([302, 302, 429]);
  });

  it("counts IPv6 addresses of one /64 together", async () => {
    const statuses = [];
    for (let i = 1; i <= 3; i++) statuses.push(await post(`2001:db8:5:6::${i}`));
    expect(statuses).toEqual([302, 302, 429]);
    expect(await post("2001:db8:5:7::1")).toBe(302);
  });
});

describe("bodies that cannot be read as forms are a translated 4xx, with nothing stored", () => {
  let n = 0;
  const submission = (files: Array<[string, string]>) =>
    multipartSubmission(
      { contactName: "Nombre Raro", contactEmail: `raro${++n}@example.cl`, title: "Archivos con nombres raros", body: `Ver adjuntos ${n}.` },
      files,
    );

  it("stores attachments named with ';' and '=' under those names", async () => {
    const res = await fetch(`${server.url}/en${SUBMIT}`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: CSRF_COOKIE_PAIR },
      body: submission([
        ["Report; final.pdf", "%PDF-1.7\n%%EOF\n"],
        ["a=b.pdf", "%PDF-1.4\n%%EOF\n"],
      ]),
    });
    expect(res.status).toBe(302);
    const reference = new URL(res.headers.get("location")!, server.url).pathname.split("/").pop()!;
    const names = await t.db
      .selectFrom("submission_attachments as a")
      .innerJoin("submissions as s", "s.id", "a.submission_id")
      .select("a.file_name")
      .where("s.reference", "=", reference)
      .orderBy("a.id")
      .execute();
    expect(names.map((r) => r.file_name)).toEqual(["Report; final.pdf", "a=b.pdf"]);
  });

  const raw = (path: string, contentType: string | undefined, body: Buffer | string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: CSRF_COOKIE_PAIR, ...(contentType ? { "Content-Type": contentType } : {}), ...headers },
      body: typeof body === "string" ? body : new Uint8Array(body),
    });
  const part = (name: string, value: string) => `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const cases: Array<[string, string, string | undefined, Buffer | string]> = [
    ["a text/plain body (submission)", `/en${SUBMIT}`, "text/plain", "hello"],
    ["a text/plain body (sign-in)", "/en/login", "text/plain", "hello"],
    [
      "truncated multipart",
      `/en${SUBMIT}`,
      "multipart/form-data; boundary=B",
      csrfPart("B") + part("title", "x") + `--B\r\nContent-Disposition: form-data; name="attachments"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut`,
    ],
    ["multipart without a boundary (submission)", `/en${SUBMIT}`, "multipart/form-data", csrfPart("B") + "--B--\r\n"],
    ["multipart without a boundary (sign-in)", "/en/login", "multipart/form-data", csrfPart("B") + "--B--\r\n"],
    [
      "invalid UTF-8 in a field name",
      `/en${SUBMIT}`,
      "multipart/form-data; boundary=B",
      Buffer.concat([
        Buffer.from(csrfPart("B") + '--B\r\nContent-Disposition: form-data; name="'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"\r\n\r\nx\r\n--B--\r\n'),
      ]),
    ],
  ];
  it.each(cases)("answers %s with a translated 400", async (_name, path, contentType, body) => {
    const before = { submissions: await submissionCount(), files: kept().length };
    const res = await raw(path, contentType, body);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Request not understood");
    expect(html).toContain('class="site-header"');
    expect({ submissions: await submissionCount(), files: kept().length }).toEqual(before);
  });

  it.each([
    ["/en/login", "en", "Sent from another site"],
    [`/fr${SUBMIT}`, "fr", "Envoyé depuis un autre site"],
    ["/es/login.data", "es", "Enviado desde otro sitio"],
  ])("refuses a cross-origin POST to %s with a translated 403", async (path, lang, title) => {
    const before = await submissionCount();
    const res = await raw(path, "application/x-www-form-urlencoded", `csrf=${CSRF_TOKEN}&email=a%40b.cl&password=x`, { Origin: "https://evil.example" });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toContain(title);
    expect(await submissionCount()).toBe(before);
  });

  it.each(["%2Fen%0aX", "%2Fen%2F%E4%B8%AD", "%2Fen%0d%0aSet-Cookie:x=y"])("answers a sign-in with redirectTo=%s without a 500", async (redirectTo) => {
    const res = await raw("/en/login", "application/x-www-form-urlencoded", `csrf=${CSRF_TOKEN}&email=a%40b.cl&password=x&redirectTo=${redirectTo}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
