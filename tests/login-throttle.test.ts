import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import type { Database } from "../db/schema";
import { completePasswordLink, requestPasswordReset, signIn } from "~/models/auth.server";
import { purgeStale } from "~/models/login-throttle.server";
import { createParties, createUser } from "./factories";
import { countAudits, createTestDatabase, type TestDatabase } from "./helpers/db";
import { startMailCatcher, type MailCatcher } from "./helpers/mail";
import { resetMailTransport } from "~/utils/mail.server";

// Sign-in throttling and password-reset limits at the model level, with an injected clock.
let t: TestDatabase;
// One-time links reach only the delivered email (the outbox keeps them masked).
let mail: MailCatcher;
const PASSWORD = "correct horse battery";
const LIMITS = { maxFailures: 5, baseDelayMs: 1000, lockMs: 15 * 60_000 };

beforeAll(async () => {
  t = await createTestDatabase();
  await createParties(t.db);
  mail = await startMailCatcher();
  process.env.SMTP_URL = mail.url;
  resetMailTransport();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetMailTransport();
  await mail?.stop();
  await t?.destroy();
});

function clock(start = Date.parse("2026-12-05T12:00:00Z")) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}
const auditCount = (action: string, subjectId?: number) => countAudits(t.db, action, subjectId);

describe("sign-in throttling", () => {
  it("verifies at most the limit of 60 simultaneous wrong passwords on one account", async () => {
    const user = await createUser(t.db);
    const c = clock();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        signIn(t.db, { email: user.email, password: `wrong ${i}`, address: "198.51.100.7" }, { now: c.now, limits: LIMITS }),
      ),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    // Every password checked against the hash and found wrong leaves one audit row.
    expect(await auditCount("auth.sign_in_failed", user.id)).toBeLessThanOrEqual(LIMITS.maxFailures);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(60 - LIMITS.maxFailures);
  });

  it("makes each further attempt from the same address wait longer, then locks that address out of the account", async () => {
    const user = await createUser(t.db);
    const c = clock();
    const attempt = (password: string) => signIn(t.db, { email: user.email, password, address: "198.51.100.8" }, { now: c.now, limits: LIMITS });
    // One mistake costs nothing; from the second on, each wait is twice the one before.
    expect(await attempt("wrong 1")).toMatchObject({ ok: false, reason: "invalid" });
    expect(await attempt("wrong 2")).toMatchObject({ ok: false, reason: "invalid" });
    // At once again: refused before the password is even checked, and told how long to wait.
    expect(await attempt(PASSWORD)).toMatchObject({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    c.advance(1000);
    expect(await attempt("wrong 3")).toMatchObject({ ok: false, reason: "invalid" });
    c.advance(1000);
    expect(await attempt("wrong 4")).toMatchObject({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    c.advance(1000);
    expect(await attempt("wrong 4")).toMatchObject({ ok: false, reason: "invalid" });
    c.advance(3000);
    expect(await attempt("wrong 5")).toMatchObject({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    c.advance(1000);
    expect(await attempt("wrong 5")).toMatchObject({ ok: false, reason: "invalid" });
    // The limit is reached: locked for this address, even with the right password…
    c.advance(60_000);
    expect(await attempt(PASSWORD)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await auditCount("auth.sign_in_failed", user.id)).toBe(5);
    // …until the lock ends.
    c.advance(LIMITS.lockMs);
    expect(await attempt(PASSWORD)).toMatchObject({ ok: true });
  });

  it("does not let failures from one address lock the real person out from another", async () => {
    const user = await createUser(t.db);
    const c = clock();
    for (let i = 0; i < 12; i++) {
      await signIn(t.db, { email: user.email, password: `guess ${i}`, address: "203.0.113.66" }, { now: c.now, limits: LIMITS });
      c.advance(20_000);
    }
    expect(await signIn(t.db, { email: user.email, password: PASSWORD, address: "203.0.113.66" }, { now: c.now, limits: LIMITS })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect(await signIn(t.db, { email: user.email, password: PASSWORD, address: "192.0.2.10" }, { now: c.now, limits: LIMITS })).toMatchObject({ ok: true });
  });

  it("lifts the lock when the person resets the password (behind a proxy everyone shares one address)", async () => {
    const user = await createUser(t.db);
    const c = clock();
    const proxy = "10.0.0.1";
    for (let i = 0; i < 5; i++) {
      await signIn(t.db, { email: user.email, password: `guess ${i}`, address: proxy }, { now: c.now, limits: LIMITS });
      c.advance(20_000);
    }
    expect(await signIn(t.db, { email: user.email, password: PASSWORD, address: proxy }, { now: c.now, limits: LIMITS })).toMatchObject({
      reason: "throttled",
    });
    const reset = await requestPasswordReset(t.db, { email: user.email, address: proxy });
    expect(reset.ok).toBe(true);
    if (reset.ok) await reset.delivery;
    const token = /token=([\w-]+)/.exec((await mail.nthTo(user.email, 1)).body)![1]!;
    expect(await completePasswordLink(t.db, token, "a brand new passphrase")).toBeTruthy();
    expect(await signIn(t.db, { email: user.email, password: "a brand new passphrase", address: proxy }, { now: c.now, limits: LIMITS })).toMatchObject({
      ok: true,
    });
  });

  it("treats an unknown address like a known one", async () => {
    const c = clock();
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(await signIn(t.db, { email: "nobody@example.org", password: "x", address: "198.51.100.9" }, { now: c.now, limits: LIMITS }));
    expect(results.map((r) => !r.ok && r.reason)).toEqual(["invalid", "invalid", "throttled", "throttled"]);
  });
});

describe("throttle rows", () => {
  it("purges counters older than a day, but never one that still holds a lock", async () => {
    const now = Date.parse("2026-12-05T12:00:00Z");
    const at = (ms: number) => new Date(now + ms).toISOString();
    await t.db
      .insertInto("login_throttle")
      .values([
        { key: "test|stale", failures: 2, window_started_at: at(-25 * 3_600_000), locked_until: null },
        { key: "test|stale-locked", failures: 5, window_started_at: at(-25 * 3_600_000), locked_until: at(60_000) },
        { key: "test|recent", failures: 1, window_started_at: at(-3_600_000), locked_until: null },
      ])
      .execute();
    await purgeStale(t.db, now);
    const keys = (await t.db.selectFrom("login_throttle").select("key").where("key", "like", "test|%").execute()).map((r) => r.key).sort();
    expect(keys).toEqual(["test|recent", "test|stale-locked"]);
  });
});

/** Records the SQL of every statement run through the database it wraps. */
class StatementLog implements KyselyPlugin {
  statements: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(args.node.kind);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describe("password reset requests", () => {
  const RESET_LIMITS = { perAccount: 3, perAddress: 10, windowMs: 3_600_000 };

  it("answers after the same work whether the address has an account or not, and sends the email afterwards", async () => {
    const user = await createUser(t.db);
    const run = async (email: string, address: string) => {
      const log = new StatementLog();
      const db = t.db.withPlugin(log) as Kysely<Database>;
      const result = await requestPasswordReset(db, { email, address }, { limits: RESET_LIMITS });
      const before = [...log.statements];
      if (result.ok) await result.delivery;
      return { before, result };
    };
    const known = await run(user.email, "198.51.100.20");
    const unknown = await run("ghost-timing@example.org", "198.51.100.21");
    expect(known.result.ok && unknown.result.ok).toBe(true);
    expect(known.before).toEqual(unknown.before);
    // The mail (and the account lookup) comes only after the answer.
    expect(known.before).not.toContain("SelectQueryNode");
    expect(await t.db.selectFrom("outbox").select("id").where("to_address", "=", user.email).execute()).toHaveLength(1);
    expect(await t.db.selectFrom("outbox").select("id").where("to_address", "=", "ghost-timing@example.org").execute()).toHaveLength(0);
  });

  it("limits the reset emails per account, whatever the address", async () => {
    const user = await createUser(t.db);
    const c = clock();
    const results = [];
    for (let i = 0; i < 20; i++) {
      const r = await requestPasswordReset(t.db, { email: user.email, address: `198.51.100.${100 + i}` }, { now: c.now, limits: RESET_LIMITS });
      if (r.ok) await r.delivery;
      results.push(r.ok);
    }
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await t.db.selectFrom("outbox").select("id").where("to_address", "=", user.email).execute()).toHaveLength(3);
    c.advance(RESET_LIMITS.windowMs + 1000);
    const later = await requestPasswordReset(t.db, { email: user.email, address: "198.51.100.99" }, { now: c.now, limits: RESET_LIMITS });
    expect(later.ok).toBe(true);
  });

  it("limits the reset requests per address, whatever the account, even when they arrive together", async () => {
    const c = clock();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        requestPasswordReset(t.db, { email: `someone${i}@example.org`, address: "198.51.100.50" }, { now: c.now, limits: RESET_LIMITS }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
  });
});
