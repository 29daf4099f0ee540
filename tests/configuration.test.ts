import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../db/seed/demo-accounts";
import { parseEnv, secureCookies } from "../app/utils/env.server";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { startServer } from "./helpers/server";

const production = { NODE_ENV: "production", APP_SECRET: "a-long-enough-secret-value" };

describe("the configuration schema", () => {
  it("requires APP_SECRET in production, naming it", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/APP_SECRET: is required when NODE_ENV=production/);
    // Set to nothing is not set.
    expect(() => parseEnv({ NODE_ENV: "production", APP_SECRET: "" })).toThrow(/APP_SECRET/);
    expect(() => parseEnv({ NODE_ENV: "production", APP_SECRET: "short" })).toThrow(/APP_SECRET: must be at least 16 characters/);
    expect(parseEnv(production).APP_SECRET).toBe(production.APP_SECRET);
  });

  it("lets a demo (PUENTE_DEMO=1) or a development server run with a random secret", () => {
    expect(parseEnv({ NODE_ENV: "production", PUENTE_DEMO: "1" }).PUENTE_DEMO).toBe("1");
    expect(parseEnv({ NODE_ENV: "development" }).APP_SECRET).toBeUndefined();
  });

  it("names each wrong variable, all at once", () => {
    let message = "";
    try {
      parseEnv({ ...production, PORT: "eighty", LOG_LEVEL: "loud", DATABASE_URL: "mysql://db/puente", TRUST_PROXY: "yes", PUENTE_DEMO: "true" });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ["PORT", "LOG_LEVEL", "DATABASE_URL", "TRUST_PROXY", "PUENTE_DEMO"]) expect(message).toMatch(new RegExp(`^  ${name}: `, "m"));
    expect(message).not.toMatch(/APP_SECRET/);
  });

  it("sends cookies with Secure in production unless COOKIE_SECURE=0, elsewhere only with COOKIE_SECURE=1", () => {
    expect(secureCookies(parseEnv(production))).toBe(true);
    expect(secureCookies(parseEnv({ ...production, COOKIE_SECURE: "0" }))).toBe(false);
    expect(secureCookies(parseEnv({ NODE_ENV: "development" }))).toBe(false);
    expect(secureCookies(parseEnv({ NODE_ENV: "test", COOKIE_SECURE: "1" }))).toBe(true);
  });

  it("accepts every documented default and example", () => {
    const e = parseEnv({
      ...production,
      DATABASE_URL: "postgres://user@db:5432/puente",
      PG_POOL_MAX: "10",
      LOG_LEVEL: "silent",
      TRUST_PROXY: "1",
      PUBLIC_URL: "https://puente.example.org",
      SUBMISSION_RATE_LIMIT: "0",
      SUBMISSION_MIN_FILL_SECONDS: "0",
      COOKIE_SECURE: "0",
    });
    expect(e.SUBMISSION_RATE_LIMIT).toBe(0);
    expect(parseEnv({ DATABASE_URL: "file:data/puente.sqlite" }).DATABASE_URL).toBe("file:data/puente.sqlite");
  });
});

describe("start-up, compiled", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.destroy();
  });

  it("stops a production server without APP_SECRET at once, saying which variable", async () => {
    await expect(startServer({ ...t.env, APP_SECRET: "" })).rejects.toThrow(/exited with 1[\s\S]*APP_SECRET: is required when NODE_ENV=production/);
    await expect(startServer({ ...t.env, LOG_LEVEL: "loud" })).rejects.toThrow(/LOG_LEVEL: /);
  });

  it("creates no demo account in production unless PUENTE_DEMO=1", async () => {
    const demoEmails = demoAccounts.map((a) => a.email);
    const plain = await startServer(t.env, { args: ["build/runtime/start.js"], timeoutMs: 60_000 });
    await plain.stop();
    expect(await t.db.selectFrom("users").select("email").where("email", "in", demoEmails).execute()).toEqual([]);

    const demo = await startServer({ ...t.env, PUENTE_DEMO: "1", APP_SECRET: "" }, { args: ["build/runtime/start.js"], timeoutMs: 60_000 });
    await demo.stop();
    expect(demo.output()).toContain("Demo accounts");
    expect((await t.db.selectFrom("users").select("email").where("email", "in", demoEmails).execute()).length).toBe(demoEmails.length);
  });

  it("sends the CSRF cookie with Secure by the same rule as the session's (COOKIE_SECURE)", async () => {
    const csrfCookie = async (env: Record<string, string>) => {
      const server = await startServer({ ...t.env, ...env });
      try {
        return (await fetch(`${server.url}/en/login`)).headers.getSetCookie().find((c) => c.startsWith("puente_csrf="));
      } finally {
        await server.stop();
      }
    };
    expect(await csrfCookie({})).toMatch(/; Secure$/);
    expect(await csrfCookie({ COOKIE_SECURE: "0" })).not.toMatch(/Secure/);
  });

  it("gives a newcomer's `npm start` in a checkout the demo, and says so", async () => {
    const newcomer = await startServer({ ...t.env, NODE_ENV: "", PUENTE_DEMO: "", APP_SECRET: "" }, { args: ["scripts/run.mjs", "start"], timeoutMs: 60_000 });
    await newcomer.stop();
    expect(newcomer.output()).toContain("PUENTE_DEMO=1: a demo");
  });
});
