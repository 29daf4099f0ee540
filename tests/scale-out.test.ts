import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { parseStorageEnv } from "~/utils/env.server";
import { storageFromEnv, type FileStorage } from "~/utils/storage.server";
import { createTopic, createUser } from "./factories";
import { createTestDatabase, sql, type TestDatabase } from "./helpers/db";
import { cookiesFrom } from "./helpers/http";
import { startLocalS3, type LocalS3 } from "./helpers/s3";
import { startServer, type RunningServer } from "./helpers/server";

// Issue 16, item 7: two app servers and a worker process on one PostgreSQL database and one S3
// store, as a deployment behind a load balancer runs them (README, "Deploying on several servers").
// Everything goes over HTTP, each step through the server a load balancer might have picked: a
// submission with an attachment through A, approved through B, public on A; an edition compiled by
// the worker only, signed off through A and B, downloaded through B; and the limits (submissions,
// sign-in) counted once for both servers. No server writes a file to its own disk.
const onPostgres = /^postgres(ql)?:/.test(process.env.TEST_DATABASE_URL ?? "");

/** How often each app server reads the publication version: another server's change shows within it. */
const POLL_MS = 300;
const APP_SECRET = "scale-out-shared-secret-0123456789";
const PASSWORD = "correct horse battery";
const SUBMISSION_LIMIT = 3;
const LOGIN_MAX_FAILURES = 4;

let t: TestDatabase;
let s3: LocalS3;
let bucket: FileStorage;
let a: RunningServer;
let b: RunningServer;
let worker: ChildProcess;
let workerOutput = "";
const dirs = { a: "", b: "", worker: "" };
const users = {} as Record<"modCA" | "modCL" | "committee", { id: number; email: string }>;
const topics = {} as Record<"CA" | "CL", { id: number; slug: string }>;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const schema = () => t.env.DATABASE_SCHEMA!;
const logs = () => `--- A\n${a?.output().slice(-2000)}\n--- B\n${b?.output().slice(-2000)}\n--- worker\n${workerOutput.slice(-2000)}`;

/**
 * Each request comes through a trusted proxy (TRUST_PROXY=1) that names the client in
 * X-Forwarded-For: every scenario uses an address of its own, so their limits do not mix.
 */
function request(
  base: string,
  path: string,
  options: { address: string; cookie?: string; method?: string; body?: BodyInit; headers?: Record<string, string> },
) {
  return fetch(base + path, {
    method: options.method ?? "GET",
    redirect: "manual",
    body: options.body,
    headers: { "X-Forwarded-For": options.address, ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
  });
}

/** A form as a browser without JavaScript posts it: urlencoded, with the CSRF token of its cookie. */
function postForm(base: string, path: string, fields: Record<string, string>, options: { address: string; cookie: string }) {
  const csrf = /puente_csrf=([\w-]+)/.exec(options.cookie)?.[1];
  return request(base, path, {
    ...options,
    method: "POST",
    body: new URLSearchParams({ ...fields, ...(csrf ? { csrf } : {}) }),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

/** The submission form as one server shows it: its CSRF cookie and token, and its signed "shown at" stamp. */
async function openForm(base: string, slug: string, address: string) {
  const res = await request(base, `/es/consultations/${slug}/submit`, { address });
  expect(res.status).toBe(200);
  const html = await res.text();
  return {
    cookie: cookiesFrom(res),
    csrf: /name="csrf" value="([^"]+)"/.exec(html)![1]!,
    stamp: /name="stamp" value="([^"]+)"/.exec(html)![1]!,
  };
}

function submissionFields(country: "CA" | "CL", title: string, email: string) {
  return {
    kind: "proposal",
    onBehalf: "self",
    stakeholderType: "individual",
    country,
    contactName: "Persona de Prueba",
    contactEmail: email,
    title,
    body: `${title}: una propuesta para la consulta.`,
    language: "es",
    publication: "anonymous",
    privacy: "on",
  };
}

/** A submission through the form: shown by `shownBy`, sent to `sentTo`. Resolves with the answer. */
async function submit(shownBy: string, sentTo: string, slug: string, fields: Record<string, string>, address: string, files: Array<[Buffer, string]> = []) {
  const form = await openForm(shownBy, slug, address);
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...fields, csrf: form.csrf, stamp: form.stamp })) body.append(name, value);
  for (const [data, name] of files) body.append("attachments", new Blob([new Uint8Array(data)]), name);
  return request(sentTo, `/es/consultations/${slug}/submit`, { address, cookie: form.cookie, method: "POST", body });
}
const referenceOf = (res: Response) => /submissions\/([A-Z]{2}-\d{4}-\d{5})/.exec(res.headers.get("location") ?? "")?.[1];

/** Signs in through the login form of one server; resolves with the browser's cookies. */
async function signIn(base: string, email: string, address: string) {
  const page = await request(base, "/en/login", { address });
  const cookie = cookiesFrom(page);
  const res = await postForm(base, "/en/login", { email, password: PASSWORD }, { address, cookie });
  expect(res.status, await res.clone().text()).toBe(302);
  return cookiesFrom(res, cookie);
}

async function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, ["build/runtime/worker.js"], {
    env: { ...process.env, ...env, NODE_ENV: "production", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (workerOutput += d));
  child.stderr!.on("data", (d) => (workerOutput += d));
  for (let i = 0; i < 400 && !workerOutput.includes("working background jobs") && child.exitCode === null; i++) await delay(50);
  if (!workerOutput.includes("working background jobs")) throw new Error(`worker did not start:\n${workerOutput}`);
  return child;
}

// On SQLite (the default run) one process owns the database file and works its jobs: nothing to scale out.
it.runIf(!onPostgres)("needs PostgreSQL", (ctx) => {
  ctx.skip("TEST_DATABASE_URL is not a postgres:// URL: several app servers and a worker need one PostgreSQL database");
});

describe.skipIf(!onPostgres)("two app servers and a worker on one PostgreSQL and one S3 store (runs only with TEST_DATABASE_URL=postgres://…)", () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    await seed(t.db);
    const area = await t.db.selectFrom("workplan_areas").select("id").where("number", "=", 3).executeTakeFirstOrThrow();
    for (const party of ["CA", "CL"] as const) {
      topics[party] = await createTopic(t.db, { party });
      await t.db.updateTable("topics").set({ area_id: area.id }).where("id", "=", topics[party].id).execute();
    }
    for (const [name, options] of [
      ["modCA", { role: "moderator", party: "CA" }],
      ["modCL", { role: "moderator", party: "CL" }],
      ["committee", { role: "committee", party: "CA" }],
    ] as const) {
      const user = await createUser(t.db, { ...options, password: PASSWORD });
      users[name] = { id: user.id, email: user.email };
    }
    // Each country's moderator is its designated signatory (app/models/signatories.server.ts).
    await t.db.updateTable("parties").set({ signatory_user_id: users.modCA.id }).where("code", "=", "CA").execute();
    await t.db.updateTable("parties").set({ signatory_user_id: users.modCL.id }).where("code", "=", "CL").execute();
    // Every process that ever takes an edition's compilation lease, as the database saw it: the
    // lease owner is cleared once the edition is compiled, so it is recorded when it is taken.
    await sql
      .raw(
        `create table ${schema()}.test_lease_takers (edition_id integer not null, owner text not null);
         create function ${schema()}.test_record_lease() returns trigger language plpgsql as $$
           begin insert into ${schema()}.test_lease_takers values (new.id, new.lease_owner); return new; end $$;
         create trigger test_record_lease after update of lease_owner on ${schema()}.summary_editions for each row
           when (new.lease_owner is not null and new.lease_owner is distinct from old.lease_owner)
           execute function ${schema()}.test_record_lease();`,
      )
      .execute(t.db);

    s3 = await startLocalS3();
    const storageEnv = s3.env(`scale-out-${randomBytes(4).toString("hex")}`);
    bucket = storageFromEnv(parseStorageEnv(storageEnv));
    for (const name of ["a", "b", "worker"] as const) dirs[name] = mkdtempSync(join(tmpdir(), `puente-scale-out-${name}-`));
    const common = { ...t.env, ...storageEnv, APP_SECRET };
    worker = await startWorker({ ...common, FILES_DIR: dirs.worker });
    const web = {
      ...common,
      JOBS_IN_WEB: "0",
      TRUST_PROXY: "1",
      PUBLICATION_POLL_MS: String(POLL_MS),
      // Stamps are checked (signed with APP_SECRET); a page's stamp is old enough at once.
      SUBMISSION_MIN_FILL_SECONDS: "0.001",
      SUBMISSION_RATE_LIMIT: String(SUBMISSION_LIMIT),
      LOGIN_MAX_FAILURES: String(LOGIN_MAX_FAILURES),
      // No growing wait between wrong passwords: only the lock, so the test needs no sleep.
      LOGIN_DELAY_SECONDS: "0",
    };
    [a, b] = await Promise.all([startServer({ ...web, FILES_DIR: dirs.a }), startServer({ ...web, FILES_DIR: dirs.b })]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (worker && worker.exitCode === null) {
      worker.kill("SIGTERM");
      await once(worker, "exit");
    }
    await s3?.stop();
    await t?.destroy();
    for (const dir of Object.values(dirs)) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("takes a submission with an attachment through A, its approval through B, and shows it on A within the poll interval", async () => {
    const address = "203.0.113.10";
    const officials = "203.0.113.90";
    const title = `Salas cuna en faenas ${randomBytes(3).toString("hex")}`;
    // 2 MB: several chunks each way through the store.
    const attachment = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(2 * 1024 * 1024)]);
    // The form as B showed it (its stamp signed with the shared APP_SECRET), sent to A.
    const sent = await submit(b.url, a.url, topics.CL.slug, submissionFields("CL", title, "adjunto@example.cl"), address, [[attachment, "informe.pdf"]]);
    expect(sent.status, await sent.clone().text()).toBe(302);
    const reference = referenceOf(sent)!;
    const file = await t.db
      .selectFrom("submission_attachments as f")
      .innerJoin("submissions as s", "s.id", "f.submission_id")
      .select(["f.id", "f.file_key", "f.size", "f.sha256"])
      .where("s.reference", "=", reference)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({ size: attachment.length, sha256: sha256(attachment) });
    // In the shared bucket, byte for byte.
    expect(sha256(await buffer((await bucket.get(file.file_key))!.body))).toBe(sha256(attachment));

    // A reader of A's public page caches it (in A's memory, and as a validator) before the decision.
    const topicPath = `/en/consultations/${topics.CL.slug}`;
    const before = await request(a.url, topicPath, { address });
    expect(before.status).toBe(200);
    expect(before.headers.get("cache-control")).toContain("s-maxage=");
    expect(await before.text()).not.toContain(title);
    const etagBefore = before.headers.get("etag")!;
    expect((await request(a.url, topicPath, { address, headers: { "If-None-Match": etagBefore } })).status).toBe(304);

    // Chile's moderator signs in on B and approves there, with the version B's page shows.
    const modCL = await signIn(b.url, users.modCL.email, officials);
    const page = await request(b.url, `/en/admin/submissions/${reference}`, { address: officials, cookie: modCL });
    expect(page.status).toBe(200);
    const version = /name="intent" value="approve"\/>\s*<input type="hidden" name="version" value="(\d+)"/.exec(await page.text())?.[1];
    expect(version).toBeDefined();
    const approved = await postForm(
      b.url,
      `/en/admin/submissions/${reference}`,
      { intent: "approve", version: version! },
      { address: officials, cookie: modCL },
    );
    expect(approved.status).toBe(302);

    // A reads the publication version again within PUBLICATION_POLL_MS: its next page has it.
    await delay(POLL_MS + 50);
    const after = await request(a.url, topicPath, { address });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain(title);
    expect(after.headers.get("etag")).not.toBe(etagBefore);
    expect((await request(a.url, topicPath, { address, headers: { "If-None-Match": etagBefore } })).status).toBe(200);
    const published = await request(a.url, `/en/consultations/${topics.CL.slug}/submissions/${reference}`, { address });
    expect(published.status).toBe(200);
    const html = await published.text();
    expect(html).toContain(title);
    expect(html).toContain(`/attachments/${file.id}`);

    // The attachment through B: to the public, and to the moderator, byte-identical.
    for (const [path, cookie] of [
      [`/en/consultations/${topics.CL.slug}/submissions/${reference}/attachments/${file.id}`, undefined],
      [`/en/admin/submissions/${reference}/attachments/${file.id}`, modCL],
    ] as const) {
      const download = await request(b.url, path, { address, cookie });
      expect(download.status, path).toBe(200);
      expect(download.headers.get("content-length")).toBe(String(attachment.length));
      expect(Buffer.from(await download.arrayBuffer()).equals(attachment), path).toBe(true);
    }
  }, 60_000);

  it("has the worker compile an edition requested through B, signed off through A and B, and downloaded through B with its recorded SHA-256", async () => {
    const officials = "203.0.113.91";
    // Canada's side: a submission through B, approved through A by Canada's moderator signed in on A.
    const sent = await submit(a.url, b.url, topics.CA.slug, submissionFields("CA", "Guarderías en el comercio", "ca@example.org"), "203.0.113.11");
    expect(sent.status).toBe(302);
    const modCA = await signIn(a.url, users.modCA.email, officials);
    const approved = await postForm(
      a.url,
      `/en/admin/submissions/${referenceOf(sent)}`,
      { intent: "approve", version: "1" },
      { address: officials, cookie: modCA },
    );
    expect(approved.status).toBe(302);

    // Chile's moderator asks B for an edition of both countries' consultations.
    const modCL = await signIn(b.url, users.modCL.email, officials);
    const compile = await postForm(
      b.url,
      "/en/admin/summaries",
      { intent: "compile", scope: "pair", topicA: String(topics.CA.id), topicB: String(topics.CL.id), edition: "committee" },
      { address: officials, cookie: modCL },
    );
    expect(compile.status, await compile.clone().text()).toBe(302);
    const edition = await t.db.selectFrom("summary_editions").select(["id", "number"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    const state = () => t.db.selectFrom("summary_editions").select(["status", "error"]).where("id", "=", edition.id).executeTakeFirstOrThrow();
    for (let i = 0; i < 900 && (await state()).status === "compiling"; i++) await delay(100);
    expect(await state(), logs()).toEqual({ status: "compiled", error: null });

    // Compiled by the worker, once: the only process that took the lease, through one pg-boss job.
    const takers = await sql<{ owner: string }>`select owner from ${sql.table(`${schema()}.test_lease_takers`)} where edition_id = ${edition.id}`.execute(t.db);
    expect(takers.rows).toHaveLength(1);
    const pid = /:(\d+):[0-9a-f]{8}$/.exec(takers.rows[0]!.owner)?.[1];
    expect(Number(pid)).toBe(worker.pid);
    expect([a.process.pid, b.process.pid]).not.toContain(Number(pid));
    const jobs = await sql<{ state: string }>`select state::text as state from ${sql.table(`${schema()}_pgboss.job`)}
      where name = 'edition.compile' and singleton_key = ${`edition:${edition.id}`}`.execute(t.db);
    expect(jobs.rows).toEqual([{ state: "completed" }]);

    // Sign-off: Canada's signatory through A, Chile's through B; then the edition is exchanged.
    const signedA = await postForm(a.url, "/en/admin/summaries", { intent: "sign", edition: String(edition.id) }, { address: officials, cookie: modCA });
    expect(signedA.headers.get("location")).toContain("notice=signed");
    const signedB = await postForm(b.url, "/en/admin/summaries", { intent: "sign", edition: String(edition.id) }, { address: officials, cookie: modCL });
    expect(signedB.headers.get("location")).toContain("notice=exchanged");

    // The committee, signed in on A, reads the manifest through A and downloads every file through B.
    const committee = await signIn(a.url, users.committee.email, officials);
    const manifest = await request(a.url, `/en/admin/summaries/editions/${edition.id}/manifest/json`, { address: officials, cookie: committee });
    expect(manifest.status).toBe(200);
    const m = (await manifest.json()) as { signOffs: Array<{ party: string; signed: boolean }>; files: Array<{ fileName: string; sha256: string }> };
    expect(m.signOffs.map((s) => [s.party, s.signed])).toEqual([
      ["CA", true],
      ["CL", true],
    ]);
    const files = await t.db.selectFrom("summary_edition_files").selectAll().where("edition_id", "=", edition.id).execute();
    expect(files).toHaveLength(15);
    for (const f of files) {
      const download = await request(b.url, `/en/admin/summaries/editions/${edition.id}/${f.format}/${f.locale}`, { address: officials, cookie: committee });
      expect(download.status, `${f.format}/${f.locale}`).toBe(200);
      const bytes = new Uint8Array(await download.arrayBuffer());
      expect(bytes.length, `${f.format}/${f.locale}`).toBe(f.size);
      expect(sha256(bytes), `${f.format}/${f.locale}`).toBe(f.sha256);
      expect(m.files).toContainEqual(expect.objectContaining({ fileName: f.file_name, sha256: f.sha256 }));
    }
  }, 120_000);

  it("counts one submission limit for both servers: the limit across A and B together, then 429 on either", async () => {
    const address = "203.0.113.20";
    const servers = [a, b, a];
    for (const [i, server] of servers.entries()) {
      const other = server === a ? b : a;
      const res = await submit(other.url, server.url, topics.CA.slug, submissionFields("CA", `Límite ${i}`, `limit${i}@example.org`), address);
      expect(res.status, `submission ${i + 1}`).toBe(302);
    }
    expect(servers).toHaveLength(SUBMISSION_LIMIT);
    for (const [server, lang, message] of [
      [b, "es", "Se enviaron demasiados aportes desde su conexión en la última hora."],
      [a, "en", "Too many submissions from your connection in the last hour."],
    ] as const) {
      const form = await openForm(server.url, topics.CA.slug, address);
      const fields = { ...submissionFields("CA", "Uno más", "one-more@example.org"), csrf: form.csrf, stamp: form.stamp };
      const refused = await request(server.url, `/${lang}/consultations/${topics.CA.slug}/submit`, {
        address,
        cookie: form.cookie,
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3000);
      expect(await refused.text()).toContain(message);
    }
    // Another address still may.
    expect((await submit(a.url, b.url, topics.CA.slug, submissionFields("CA", "Otra conexión", "other@example.org"), "203.0.113.21")).status).toBe(302);
    const kept = await t.db
      .selectFrom("submissions")
      .select("contact_email")
      .where("contact_email", "like", "%@example.org")
      .where("title", "like", "Límite%")
      .execute();
    expect(kept).toHaveLength(SUBMISSION_LIMIT);
  }, 60_000);

  it("counts wrong passwords split across A and B together: the account is locked for that address on both", async () => {
    const address = "203.0.113.30";
    const victim = await createUser(t.db, { role: "moderator", party: "CL", password: PASSWORD });
    const attempt = async (server: RunningServer, password: string, from = address) => {
      const cookie = cookiesFrom(await request(server.url, "/en/login", { address: from }));
      return postForm(server.url, "/en/login", { email: victim.email, password }, { address: from, cookie });
    };
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) expect((await attempt(i % 2 ? b : a, `wrong ${i}`)).status, `wrong password ${i + 1}`).toBe(401);
    for (const server of [a, b]) {
      const refused = await attempt(server, PASSWORD);
      expect(refused.status).toBe(429);
      expect(await refused.text()).toContain("Too many failed attempts");
      expect(refused.headers.getSetCookie().some((c) => c.startsWith("puente_session="))).toBe(false);
    }
    // The lock is the account's from that address only.
    expect((await attempt(b, PASSWORD, "203.0.113.31")).status).toBe(302);
  }, 60_000);

  it("keeps every file in the shared bucket: no process wrote to its own disk", () => {
    for (const [name, dir] of Object.entries(dirs)) expect(readdirSync(dir), name).toEqual([]);
  });
});
