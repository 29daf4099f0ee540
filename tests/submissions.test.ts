import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { CSRF_COOKIE_PAIR, CSRF_TOKEN, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";
import { createSubmission, SubmissionRefused } from "~/models/submissions.server";
import { submissionFormSchema } from "~/schemas/submission";
import { formStamp, useFormStamp } from "~/utils/submission-guard.server";

let t: TestDatabase;
let server: RunningServer;
let questionId: number;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  questionId = (
    await t.db
      .selectFrom("topic_questions as q")
      .innerJoin("topics as t", "t.id", "q.topic_id")
      .select("q.id")
      .where("t.slug", "=", "women-in-mining-chile")
      .orderBy("q.position")
      .executeTakeFirstOrThrow()
  ).id;
  server = await startServer({ ...t.env, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

let n = 0;
const valid = (extra: Record<string, string> = {}) => ({
  kind: "proposal",
  onBehalf: "organisation",
  stakeholderType: "union",
  organisationName: "Sindicato Minero Norte",
  womenLed: "yes",
  country: "CL",
  region: "CL-AN",
  contactName: "Camila Pérez",
  contactEmail: `camila${++n}@example.cl`,
  title: "Salas cuna en faenas mineras",
  body: `Proponemos salas cuna en cada faena. Texto número ${n}.`,
  language: "es",
  publication: "anonymous",
  privacy: "on",
  gender: "woman",
  [`answer_${questionId}`]: "La falta de cuidado infantil.",
  ...extra,
});
const submit = (fields: Record<string, string>, slug = "women-in-mining-chile", locale = "es") =>
  postForm(server.url, `/${locale}/consultations/${slug}/submit`, fields);

describe("sending a submission", () => {
  it("stores it, answers with its receipt and emails the private link in the page's language", async () => {
    const fields = valid();
    const res = await submit(fields);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!, server.url);
    expect(location.pathname).toMatch(new RegExp(`^/es/submissions/CL-${year}-\\d{5}$`));
    const reference = location.pathname.split("/").pop()!;
    const token = location.searchParams.get("token")!;

    const row = await t.db.selectFrom("submissions").selectAll().where("reference", "=", reference).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: "pending",
      party_code: "CL",
      kind: "proposal",
      region_code: "CL-AN",
      publication: "anonymous",
      contact_email: fields.contactEmail,
    });
    expect(row.edit_token_hash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    const answers = await t.db.selectFrom("submission_answers").select(["submission_id", "question_id", "text"]).where("submission_id", "=", row.id).execute();
    expect(answers).toEqual([{ submission_id: row.id, question_id: questionId, text: "La falta de cuidado infantil." }]);
    const profile = await t.db.selectFrom("participant_profiles").selectAll().where("submission_id", "=", row.id).executeTakeFirstOrThrow();
    expect(profile.gender).toBe("woman");

    const mail = await t.db.selectFrom("outbox").selectAll().where("to_address", "=", fields.contactEmail).executeTakeFirstOrThrow();
    expect(mail.locale).toBe("es");
    expect(mail.subject).toContain(reference);
    // The private link is in the email sent (see outbox-secrets.test.ts), never kept in the outbox.
    expect(mail.text_body).toContain(`/es/submissions/${reference}?token=••••••••`);
    expect(JSON.stringify(mail)).not.toContain(token);

    const receipt = await (await get(server.url, location.pathname + location.search)).text();
    expect(receipt).toContain(reference);
    expect(receipt).toContain("Salas cuna en faenas mineras");
    expect(receipt).toContain(fields.contactEmail);
    // Without the token: the status only, nothing personal.
    const status = await (await get(server.url, `/en/submissions/${reference}`)).text();
    expect(status).toContain(reference);
    expect(status).not.toContain(fields.contactEmail);
    expect(status).not.toContain("Salas cuna");
    const wrong = await (await get(server.url, `/en/submissions/${reference}?token=not-the-token`)).text();
    expect(wrong).not.toContain(fields.contactEmail);
    expect(wrong).toContain("This private link is not right");
  });

  it("numbers references per party and year, one after the other", async () => {
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) refs.push(new URL((await submit(valid())).headers.get("location")!, server.url).pathname.split("/").pop()!);
    const seqs = refs.map((r) => Number(r.split("-")[2]));
    expect(seqs[1]).toBe(seqs[0]! + 1);
    expect(seqs[2]).toBe(seqs[0]! + 2);
    const ca = await submit(valid({ country: "CA", region: "CA-QC", language: "fr" }), "sex-disaggregated-trade-data-canada", "fr");
    expect(new URL(ca.headers.get("location")!, server.url).pathname).toBe(`/fr/submissions/CA-${year}-00001`);
  });

  it("returns the first receipt when the same text comes again from the same address the same day", async () => {
    const fields = valid();
    const first = await submit(fields);
    const again = await submit({ ...fields, body: `  ${fields.body.toUpperCase()}  ` });
    const ref1 = new URL(first.headers.get("location")!, server.url).pathname;
    const ref2 = new URL(again.headers.get("location")!, server.url);
    expect(ref2.pathname).toBe(ref1);
    expect(ref2.searchParams.get("notice")).toBe("duplicate");
    expect(await t.db.selectFrom("submissions").select("id").where("contact_email", "=", fields.contactEmail).execute()).toHaveLength(1);
    expect(await t.db.selectFrom("outbox").select("id").where("to_address", "=", fields.contactEmail).execute()).toHaveLength(1);
  });

  it("lets its author change it while pending, then withdraw it; then nothing more changes", async () => {
    const res = await submit(valid());
    const location = new URL(res.headers.get("location")!, server.url);
    const reference = location.pathname.split("/").pop()!;
    const token = location.searchParams.get("token")!;
    const edit = `/es/submissions/${reference}/edit?${new URLSearchParams({ token })}`;
    expect((await get(server.url, edit)).status).toBe(200);
    const changed = await postForm(server.url, edit, { ...valid({ body: "Texto corregido.", title: "Título corregido" }), version: "1" });
    expect(changed.status).toBe(302);
    expect(await t.db.selectFrom("submissions").select(["body", "title"]).where("reference", "=", reference).executeTakeFirstOrThrow()).toEqual({
      body: "Texto corregido.",
      title: "Título corregido",
    });

    const withdraw = `/es/submissions/${reference}/withdraw?${new URLSearchParams({ token })}`;
    expect((await postForm(server.url, `/es/submissions/${reference}/withdraw`, { token: "wrong", version: "2" })).status).toBe(404);
    expect((await postForm(server.url, withdraw, { token, version: "2" })).status).toBe(302);
    expect((await t.db.selectFrom("submissions").select("status").where("reference", "=", reference).executeTakeFirstOrThrow()).status).toBe("withdrawn");
    const late = await postForm(server.url, edit, { ...valid({ body: "Otra vez." }), version: "3" });
    expect(late.status).toBe(409);
    expect((await t.db.selectFrom("submissions").select("body").where("reference", "=", reference).executeTakeFirstOrThrow()).body).toBe("Texto corregido.");
    // Someone else's token never reaches it.
    expect((await get(server.url, `/es/submissions/${reference}/edit?token=${"x".repeat(43)}`)).status).toBe(404);
  });
});

describe("bad input gets a clear message, keeps what was typed, and stores nothing", () => {
  it.each([
    ["no privacy acknowledgement", { privacy: "" }, "privacy", "Confirme que leyó el aviso de privacidad"],
    ["a bad email address", { contactEmail: "not-an-address" }, "contactEmail", "correo"],
    ["a proposal without a title", { title: "" }, "title", ""],
    ["a region of the other country", { region: "CA-ON" }, "region", ""],
    ["an organisation without a name", { organisationName: "" }, "organisationName", ""],
    ["a text over 20,000 characters", { body: "a".repeat(20_001) }, "body", ""],
  ])("%s", async (_name, change, field, message) => {
    const fields = valid(change);
    const before = (await t.db.selectFrom("submissions").select("id").execute()).length;
    const res = await submit(fields);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`id="field-${field}-error"`);
    expect(html).toContain(`href="#field-${field}"`);
    if (message) expect(html).toContain(message);
    expect(html).toContain("Camila Pérez");
    expect((await t.db.selectFrom("submissions").select("id").execute()).length).toBe(before);
  });

  it("cleans control characters and refuses text that is not valid UTF-8", async () => {
    const res = await submit(valid({ body: "Uno\u0007dos\u0000tres\u200b." }));
    const reference = new URL(res.headers.get("location")!, server.url).pathname.split("/").pop()!;
    expect((await t.db.selectFrom("submissions").select("body").where("reference", "=", reference).executeTakeFirstOrThrow()).body).toBe("Unodostres.");

    const raw = new URLSearchParams(valid()).toString().replace(/body=[^&]*/, "body=Hola%FF%FEmundo");
    const bad = await fetch(`${server.url}/es/consultations/women-in-mining-chile/submit`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: CSRF_COOKIE_PAIR },
      body: `${raw}&csrf=${CSRF_TOKEN}`,
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("no se pudieron leer");
  });

  it("refuses a closed, scheduled or draft topic with a clear message", async () => {
    const closed = await submit(valid(), "women-in-mining-canada", "en");
    expect(closed.status).toBe(409);
    expect(await closed.text()).toContain("This consultation is not open");
    expect((await get(server.url, "/en/consultations/women-in-mining-canada/submit")).status).toBe(200);
    const draft = await createTopic(t.db, { state: "draft", party: "CL" });
    expect((await get(server.url, `/en/consultations/${draft.slug}/submit`)).status).toBe(404);
    expect((await submit(valid(), draft.slug, "en")).status).toBe(404);
  });

  it("refuses a filled honeypot and a missing CSRF token", async () => {
    const fields = valid({ website: "http://spam.example" });
    expect((await submit(fields)).status).toBe(400);
    expect(await t.db.selectFrom("submissions").select("id").where("contact_email", "=", fields.contactEmail).execute()).toHaveLength(0);
    const noCsrf = await postForm(server.url, "/es/consultations/women-in-mining-chile/submit", valid(), { csrf: null });
    expect(noCsrf.status).toBe(403);
  });
});

describe("abuse limits", () => {
  const formPath = "/en/consultations/women-in-mining-chile/submit";
  const stampFrom = (page: string) => /name="stamp" value="([^"]+)"/.exec(page)![1]!;
  const freshStamp = async (base: string) => stampFrom(await (await get(base, formPath)).text());
  // The rate limit is counted in the database, shared by every server on it (issue 16, item 6):
  // each test starts with a fresh allowance for this machine's address.
  beforeEach(async () => {
    await t.db.deleteFrom("submission_rate_limits").execute();
  });

  it("enforces one limit across two app servers, with a translated 429 and Retry-After", async () => {
    const env = { ...t.env, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "2" };
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    try {
      expect((await postForm(a.url, formPath, valid())).status).toBe(302);
      expect((await postForm(b.url, formPath, valid())).status).toBe(302);
      for (const [base, lang, message] of [
        [a.url, "en", "Too many submissions from your connection in the last hour."],
        [b.url, "es", "Se enviaron demasiados aportes desde su conexión en la última hora."],
      ] as const) {
        const refused = await postForm(base, formPath.replace("/en/", `/${lang}/`), valid());
        expect(refused.status).toBe(429);
        const retryAfter = Number(refused.headers.get("retry-after"));
        expect(retryAfter).toBeGreaterThan(3500);
        expect(retryAfter).toBeLessThanOrEqual(3600);
        expect(await refused.text()).toContain(message);
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it("asks a too-quick sender to check and send again, and limits accepted submissions per address", async () => {
    const strict = await startServer({ ...t.env, SUBMISSION_MIN_FILL_SECONDS: "2", SUBMISSION_RATE_LIMIT: "2", APP_SECRET: "test-secret-0123456789" });
    try {
      const fast = await postForm(strict.url, formPath, { ...valid(), stamp: await freshStamp(strict.url) });
      expect(fast.status).toBe(400);
      expect(await fast.text()).toContain("That was very quick");
      const forged = await postForm(strict.url, formPath, { ...valid(), stamp: `${Date.now() - 60_000}.forged` });
      expect(forged.status).toBe(400);
      // A forged stamp is replaced by a good one, so a person is not stuck with it.
      expect(stampFrom(await forged.text())).not.toContain("forged");
      // The form as shown 2.1 s ago (signed with this server's key): a person who took their time,
      // without waiting on the wall clock. One second short of the minimum is still too quick.
      expect((await postForm(strict.url, formPath, { ...valid(), stamp: formStamp(Date.now() - 1000, "test-secret-0123456789") })).status).toBe(400);
      const patient = () => formStamp(Date.now() - 2100, "test-secret-0123456789");
      // Only accepted submissions count towards the limit of 2 an hour: the three refused above do not.
      expect((await postForm(strict.url, formPath, { ...valid(), stamp: patient() })).status).toBe(302);
      expect((await postForm(strict.url, formPath, { ...valid(), stamp: patient() })).status).toBe(302);
      const third = await postForm(strict.url, formPath, { ...valid(), stamp: patient() });
      expect(third.status).toBe(429);
      expect(await third.text()).toContain("Too many submissions");
    } finally {
      await strict.stop();
    }
  });

  describe("issue 14, item 18", () => {
    // A minimum fill time of 1 ms: stamps are checked, and a page's stamp is old enough at once.
    const strictEnv = () => ({ ...t.env, SUBMISSION_MIN_FILL_SECONDS: "0.001", SUBMISSION_RATE_LIMIT: "2", APP_SECRET: "item-18-secret-0123456789" });

    it("does not count forms with errors toward the rate limit", async () => {
      const strict = await startServer(strictEnv());
      try {
        for (let i = 0; i < 3; i++) {
          const refused = await postForm(strict.url, formPath, {
            ...valid({ contactEmail: "not an address", privacy: "" }),
            stamp: await freshStamp(strict.url),
          });
          expect(refused.status).toBe(400);
        }
        expect((await postForm(strict.url, formPath, { ...valid(), stamp: await freshStamp(strict.url) })).status).toBe(302);
        expect((await postForm(strict.url, formPath, { ...valid(), stamp: await freshStamp(strict.url) })).status).toBe(302);
        expect((await postForm(strict.url, formPath, { ...valid(), stamp: await freshStamp(strict.url) })).status).toBe(429);
      } finally {
        await strict.stop();
      }
    });

    it("refuses a second submission with one signed stamp, on any server, but answers a resend with its receipt", async () => {
      const one = await startServer(strictEnv());
      const two = await startServer(strictEnv());
      try {
        const stamp = await freshStamp(one.url);
        const fields = valid();
        const first = await postForm(one.url, formPath, { ...fields, stamp });
        expect(first.status).toBe(302);
        const reference = /submissions\/([A-Z]{2}-\d{4}-\d{5})/.exec(first.headers.get("location")!)![1];
        // The same form sent again (a double click): the first receipt, nothing new stored.
        const again = await postForm(one.url, formPath, { ...fields, stamp });
        expect(again.status).toBe(302);
        expect(again.headers.get("location")).toContain(`/submissions/${reference}?notice=duplicate`);
        // Another text with the same stamp, to this server or another one: refused, with a new stamp.
        for (const base of [one.url, two.url]) {
          const reused = await postForm(base, formPath, { ...valid(), stamp });
          expect(reused.status).toBe(409);
          const page = await reused.text();
          expect(page).toContain("This form has already been sent once");
          expect(stampFrom(page)).not.toBe(stamp);
        }
        expect(await t.db.selectFrom("submissions").select("id").where("contact_email", "=", fields.contactEmail).execute()).toHaveLength(1);
      } finally {
        await one.stop();
        await two.stop();
      }
    }, 90_000); // two servers to start
  });
});

describe("used form stamps (issue 14, item 18)", () => {
  it("serve one submission each, and are forgotten once expired", async () => {
    const now = new Date();
    const formStamp = { nonce: "nonce-item-18", expiresAt: new Date(now.getTime() + 86_400_000).toISOString() };
    const values = (email: string) => submissionFormSchema.parse(valid({ contactEmail: email, body: `Texto único ${email}` }));
    const input = { topicSlug: "women-in-mining-chile", pageLocale: "es" as const, now, formStamp };
    await createSubmission(t.db, { ...input, values: values("stamp-a@example.cl") });
    const again = await createSubmission(t.db, { ...input, values: values("stamp-b@example.cl") }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(SubmissionRefused);
    expect((again as SubmissionRefused).reason).toBe("stamp_used");
    expect(await t.db.selectFrom("submissions").select("id").where("contact_email", "=", "stamp-b@example.cl").execute()).toHaveLength(0);
    // Two days later the stamp is refused for its age anyway, and its nonce is no longer kept.
    const later = new Date(now.getTime() + 2 * 86_400_000);
    expect(await useFormStamp(t.db, { nonce: "another-nonce", expiresAt: new Date(later.getTime() + 86_400_000).toISOString() }, later)).toBe(true);
    expect(await t.db.selectFrom("used_form_stamps").select("nonce").where("nonce", "=", "nonce-item-18").execute()).toHaveLength(0);
  });
});

describe("right-to-left override characters (issue 14, item 18)", () => {
  it("are removed from stored texts, with the other control characters", async () => {
    const fields = valid({
      title: "Salas\u202e cuna\u202c",
      body: "Texto \u202aincrustado\u202c, \u202bderecha\u202c, \u202doverride\u202c y \u2066aislado\u2069 \u2067rtl\u2069 \u2068first\u2069.",
      organisationName: "Sindicato\u202e Norte",
    });
    expect((await submit(fields)).status).toBe(302);
    const row = await t.db
      .selectFrom("submissions")
      .select(["title", "body", "organisation_name"])
      .where("contact_email", "=", fields.contactEmail)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ title: "Salas cuna", body: "Texto incrustado, derecha, override y aislado rtl first.", organisation_name: "Sindicato Norte" });
  });
});

describe("privacy", () => {
  it("never shows contact details or gender answers on public pages or in the API", async () => {
    const fields = valid({ contactEmail: "private.person@example.cl", contactName: "Persona Privada" });
    await submit(fields);
    for (const path of ["/en/consultations/women-in-mining-chile", "/es/consultations", "/api/v1/topics", "/es/consultations.atom", "/es"]) {
      const body = await (await get(server.url, path)).text();
      expect(body).not.toContain("private.person@example.cl");
      expect(body).not.toContain("Persona Privada");
    }
  });
});
