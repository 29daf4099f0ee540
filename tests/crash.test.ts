import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { CSRF_COOKIE_PAIR, CSRF_TOKEN } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { startServer } from "./helpers/server";

// kill -9 in the middle of a surge: every submission that got a receipt is there, intact.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
});
afterAll(async () => t?.destroy());

const fields = (i: number) =>
  new URLSearchParams({
    csrf: CSRF_TOKEN,
    kind: "proposal",
    onBehalf: "self",
    stakeholderType: "individual",
    country: "CL",
    contactName: `Persona ${i}`,
    contactEmail: `crash${i}@example.cl`,
    title: `Propuesta ${i}`,
    body: `Texto íntegro de la propuesta ${i}: ${"ñ".repeat(i % 50)}`,
    language: "es",
    publication: "anonymous",
    privacy: "on",
  });

describe("durability", () => {
  it("keeps every receipted submission through a kill -9 during a surge", async () => {
    const env = { ...t.env, SUBMISSION_RATE_LIMIT: "0", SUBMISSION_MIN_FILL_SECONDS: "0" };
    const server = await startServer(env);
    const receipts = new Map<string, number>();
    let i = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const n = ++i;
        try {
          const res = await fetch(`${server.url}/es/consultations/women-in-mining-chile/submit`, {
            method: "POST",
            redirect: "manual",
            headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: CSRF_COOKIE_PAIR },
            body: fields(n),
          });
          if (res.status === 302) receipts.set(new URL(res.headers.get("location")!, server.url).pathname.split("/").pop()!, n);
        } catch {
          // The server died under us: that request got no receipt.
        }
      }
    };
    const workers = Array.from({ length: 10 }, worker);
    // Killed mid-surge once enough receipts are out, however fast this machine is today.
    const deadline = Date.now() + 30_000;
    while (receipts.size < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    server.process.kill("SIGKILL");
    await new Promise((r) => server.process.once("exit", r));
    stop = true;
    await Promise.all(workers);
    expect(receipts.size).toBeGreaterThan(20);

    // Restart on the same database: everything receipted is there, as sent.
    const again = await startServer(env);
    try {
      const rows = await t.db.selectFrom("submissions").select(["reference", "contact_email", "body"]).execute();
      const byReference = new Map(rows.map((r) => [r.reference, r]));
      for (const [reference, n] of receipts) {
        const row = byReference.get(reference);
        expect(row, reference).toBeDefined();
        expect(row!.contact_email).toBe(`crash${n}@example.cl`);
        expect(row!.body).toBe(`Texto íntegro de la propuesta ${n}: ${"ñ".repeat(n % 50)}`.trim());
      }
      const outbox = await t.db.selectFrom("outbox").select("subject").where("kind", "=", "submission_receipt").execute();
      for (const reference of receipts.keys())
        expect(
          outbox.some((o) => o.subject.includes(reference)),
          reference,
        ).toBe(true);
      expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
      console.log(`crash test: ${receipts.size} receipts before kill -9, all ${receipts.size} found intact after restart (${rows.length} rows)`);
    } finally {
      await again.stop();
    }
  }, 60_000);
});
