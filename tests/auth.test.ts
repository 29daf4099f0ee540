import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_COOKIE_PAIR, CSRF_TOKEN, createParties, createUser, sessionCookieFor } from "./factories";
import { countAudits, createTestDatabase, type TestDatabase } from "./helpers/db";
import { cookiesFrom, get, postForm } from "./helpers/http";
import { startMailCatcher, type MailCatcher } from "./helpers/mail";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
// One-time links are only in the emails delivered, never in the outbox: they are caught here.
let mail: MailCatcher;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  t = await createTestDatabase();
  await createParties(t.db);
  mail = await startMailCatcher();
  server = await startServer({
    ...t.env,
    SMTP_URL: mail.url,
    LOGIN_MAX_FAILURES: "5",
    PASSWORD_RESET_MAX_PER_ADDRESS: "1000",
    LOG_LEVEL: "info",
    LOG_BUFFER_BYTES: "0",
  });
});
afterAll(async () => {
  await server?.stop();
  await mail?.stop();
  await t?.destroy();
});

const signIn = (email: string, password: string, extra: Record<string, string> = {}, cookie?: string) =>
  postForm(server.url, "/en/login", { email, password, ...extra }, { cookie });
const auditCount = (action: string, subjectId?: number) => countAudits(t.db, action, subjectId);
/** Reset emails are written after the answer: wait for the one sent to this address. */
async function mailTo(email: string) {
  for (let i = 0; i < 100; i++) {
    const row = await t.db.selectFrom("outbox").selectAll().where("to_address", "=", email).orderBy("id", "desc").executeTakeFirst();
    if (row) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no email to ${email}:\n${server.output().slice(-3000)}`);
}
/** Polls (every 20 ms, up to 5 s) until `done`: for what the server does after its answer. */
async function until(done: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 250; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`gave up waiting:\n${server.output().slice(-3000)}`);
}
/** The growing delay between attempts, skipped (as if the person had waited), short of a lock. */
const skipDelays = () => t.db.updateTable("login_throttle").set({ locked_until: null }).where("key", "like", "signin|%").where("failures", "<", 5).execute();

describe("sign in and out", () => {
  it("signs in, goes back where the person was going, and signs out for good", async () => {
    const user = await createUser(t.db, { role: "admin" });
    const gate = await get(server.url, "/fr/admin/users");
    expect(gate.headers.get("location")).toBe("/fr/login?redirectTo=%2Ffr%2Fadmin%2Fusers");

    const res = await signIn(user.email, PASSWORD, { redirectTo: "/fr/admin/users" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/fr/admin/users");
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("puente_session="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Secure/i); // production mode
    const cookie = cookiesFrom(res, CSRF_COOKIE_PAIR);
    expect((await get(server.url, "/fr/admin/users", cookie)).status).toBe(200);
    expect(await auditCount("auth.sign_in")).toBeGreaterThanOrEqual(1);

    const out = await postForm(server.url, "/fr/logout", {}, { cookie });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/fr/login?notice=signed-out");
    // The old cookie is worthless now, even if the browser kept it.
    expect((await get(server.url, "/fr/admin/users", cookie)).status).toBe(302);
    expect(await auditCount("auth.sign_out")).toBe(1);
  });

  it("rotates the session at sign-in: the session held before is ended", async () => {
    const user = await createUser(t.db, { role: "committee" });
    const before = await sessionCookieFor(t.db, user.id);
    const res = await signIn(user.email, PASSWORD, {}, before);
    expect(res.status).toBe(302);
    expect((await get(server.url, "/en/admin", before)).status).toBe(302);
    expect((await get(server.url, "/en/admin", cookiesFrom(res, before))).status).toBe(200);
  });

  it("refuses a safe redirect to another site", async () => {
    const user = await createUser(t.db, { role: "committee" });
    for (const target of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      const res = await signIn(user.email, PASSWORD, { redirectTo: target });
      expect(res.headers.get("location")).toBe("/en/admin");
    }
  });

  it("says the same for a wrong password and an unknown address, translated", async () => {
    const user = await createUser(t.db);
    const wrong = await signIn(user.email, "not the password");
    const unknown = await postForm(server.url, "/es/login", { email: "nobody@example.org", password: "whatever" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("The email address or password is not right.");
    expect(await unknown.text()).toContain("El correo electrónico o la contraseña no son correctos.");
  });

  it("keeps what was typed and explains each bad field", async () => {
    const res = await postForm(server.url, "/fr/login", { email: "pas-une-adresse", password: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="pas-une-adresse"');
    expect(html).toContain('href="#field-email"');
    expect(html).toContain('aria-invalid="true"');
  });

  it("refuses the 6th attempt in a row even with the right password, then lets it in after the lock", async () => {
    const user = await createUser(t.db);
    for (let i = 0; i < 5; i++) {
      await skipDelays();
      expect((await signIn(user.email, `wrong ${i}`)).status).toBe(401);
    }
    const sixth = await signIn(user.email, PASSWORD);
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain("Too many failed attempts");
    expect(sixth.headers.getSetCookie().some((c) => c.startsWith("puente_session="))).toBe(false);
    expect(await auditCount("auth.sign_in_throttled")).toBeGreaterThanOrEqual(1);
    // The lock ends (here: moved into the past) and the right password works again.
    await t.db
      .updateTable("login_throttle")
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect((await signIn(user.email, PASSWORD)).status).toBe(302);
  });

  it("refuses a disabled account, and disabling ends its sessions at once", async () => {
    const user = await createUser(t.db, { role: "admin" });
    const admin = await createUser(t.db, { role: "admin" });
    const victim = await sessionCookieFor(t.db, user.id);
    const adminCookie = await sessionCookieFor(t.db, admin.id);
    expect((await get(server.url, "/en/admin", victim)).status).toBe(200);
    const res = await postForm(server.url, "/en/admin/users", { intent: "disable", userId: String(user.id) }, { cookie: adminCookie });
    expect(res.status).toBe(200);
    expect((await get(server.url, "/en/admin", victim)).status).toBe(302);
    expect((await signIn(user.email, PASSWORD)).status).toBe(401);
  });

  it("ends an idle session", async () => {
    const user = await createUser(t.db);
    const idle = await sessionCookieFor(t.db, user.id, { lastSeen: new Date(Date.now() - 31 * 60_000) });
    const res = await get(server.url, "/en/admin", idle);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/en\/login/);
  });
});

describe("CSRF", () => {
  it("refuses a missing or forged token with a clear message, and nothing changes", async () => {
    const admin = await createUser(t.db, { role: "admin" });
    const target = await createUser(t.db, { role: "committee" });
    const cookie = await sessionCookieFor(t.db, admin.id);
    for (const csrf of [null, "forged-token-forged-token-forged-token-xxxx"]) {
      const res = await postForm(server.url, "/fr/admin/users", { intent: "disable", userId: String(target.id) }, { cookie, csrf });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Ce formulaire a expiré");
    }
    const row = await t.db.selectFrom("users").select("disabled_at").where("id", "=", target.id).executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeNull();
    // Sign-in and sign-out forms are protected too.
    expect((await postForm(server.url, "/en/login", { email: admin.email, password: PASSWORD }, { csrf: null })).status).toBe(403);
    expect((await postForm(server.url, "/en/logout", {}, { cookie, csrf: null })).status).toBe(403);
    expect((await get(server.url, "/en/admin", cookie)).status).toBe(200);
  });
});

/** The body of the first email delivered to this address (each test uses a new one); resets leave after the answer. */
const delivered = async (address: string) => (await mail.nthTo(address, 1)).body;

describe("invitations and password resets", () => {
  const linkIn = (text: string) => {
    const match = /http:\/\/\S+\/account\/set-password\?token=([\w-]+)/.exec(text);
    return { path: new URL(match![0]).pathname + new URL(match![0]).search, token: match![1]! };
  };

  it("invites by email in the person's language; the link sets a password once", async () => {
    const admin = await createUser(t.db, { role: "admin" });
    const cookie = await sessionCookieFor(t.db, admin.id);
    const email = `invitee-${Date.now()}@example.org`;
    const res = await postForm(
      server.url,
      "/en/admin/users",
      { intent: "invite", email, displayName: "Invitée", role: "moderator", partyCode: "CL", locale: "es" },
      { cookie },
    );
    expect(res.status).toBe(200);
    const stored = await t.db.selectFrom("outbox").selectAll().where("to_address", "=", email).executeTakeFirstOrThrow();
    expect(stored.subject).toBe("Su cuenta de Puente");
    expect(stored.locale).toBe("es");
    expect(stored.html_body).toContain('<html lang="es">');
    const { path, token } = linkIn(await delivered(email));
    expect(path.startsWith("/es/account/set-password")).toBe(true);
    // Only the hash is stored.
    expect(JSON.stringify(await t.db.selectFrom("user_tokens").selectAll().execute())).not.toContain(token);

    expect(await (await get(server.url, path)).text()).toContain("Le damos la bienvenida a Puente");
    const form = await (await get(server.url, path)).text();
    expect(form).toContain(`action="/es/account/set-password?token=${token}"`);
    const short = await postForm(server.url, path, { token, password: "short", confirm: "short" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Use al menos 12 caracteres.");
    const set = await postForm(server.url, "/es/account/set-password", { token, password: "una frase bastante larga", confirm: "una frase bastante larga" });
    expect(set.status).toBe(302);
    expect(set.headers.get("location")).toBe("/es/login?notice=password-set");
    expect((await signIn(email, "una frase bastante larga")).status).toBe(302);

    // Replaying the link: refused, and the password stays.
    const replay = await postForm(server.url, "/es/account/set-password", { token, password: "otra frase muy larga", confirm: "otra frase muy larga" });
    expect(replay.status).toBe(410);
    expect(await replay.text()).toContain("Este enlace ya se usó o expiró.");
    expect(await (await get(server.url, path)).text()).toContain("Este enlace ya se usó o expiró.");
    expect((await signIn(email, "otra frase muy larga")).status).toBe(401);
    expect(await auditCount("user.invited")).toBeGreaterThanOrEqual(1);
  });

  it("answers a reset request the same whether the address exists or not, and emails only a real account", async () => {
    const user = await createUser(t.db, { locale: "fr" });
    const known = await postForm(server.url, "/en/forgot-password", { email: user.email });
    const unknown = await postForm(server.url, "/en/forgot-password", { email: "ghost@example.org" });
    const strip = (html: string) => html.replace(/value="[^"]*"/g, "").replace(/nonce="[^"]*"/g, "");
    expect(known.status).toBe(unknown.status);
    expect(strip(await known.text())).toBe(strip(await unknown.text()));
    const stored = await mailTo(user.email);
    expect(await t.db.selectFrom("outbox").select("id").where("to_address", "=", "ghost@example.org").execute()).toHaveLength(0);
    expect(stored.subject).toBe("Réinitialisation de votre mot de passe Puente");
    const { token } = linkIn(await delivered(user.email));
    expect(
      (await postForm(server.url, "/fr/account/set-password", { token, password: "nouvelle phrase secrète", confirm: "nouvelle phrase secrète" })).status,
    ).toBe(302);
    expect((await signIn(user.email, "nouvelle phrase secrète")).status).toBe(302);
  });

  it("refuses an expired link", async () => {
    const user = await createUser(t.db);
    await postForm(server.url, "/en/forgot-password", { email: user.email });
    const { token } = linkIn(await delivered(user.email));
    await t.db
      .updateTable("user_tokens")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("user_id", "=", user.id)
      .execute();
    const res = await postForm(server.url, "/en/account/set-password", { token, password: "a long enough phrase", confirm: "a long enough phrase" });
    expect(res.status).toBe(410);
  });
});

describe("the perimeter: sign-in and accounts (issue 14, items 4–7)", () => {
  it("checks at most the limit of 60 simultaneous wrong passwords on one account", async () => {
    const user = await createUser(t.db);
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => signIn(user.email, `wrong guess ${i}`)));
    expect(results.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    // Each password checked against the hash and found wrong is one audit row.
    expect(await auditCount("auth.sign_in_failed", user.id)).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(55);
    const refused = results.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("does not let someone guessing from one address lock the real person out from another", async () => {
    // TRUST_PROXY: the address is the one the reverse proxy reports.
    const proxied = await startServer({ ...t.env, TRUST_PROXY: "1" });
    try {
      const user = await createUser(t.db);
      const from = (address: string, password: string) =>
        fetch(`${proxied.url}/en/login`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: CSRF_COOKIE_PAIR, "X-Forwarded-For": address },
          body: new URLSearchParams({ email: user.email, password, csrf: CSRF_TOKEN }),
        });
      for (let i = 0; i < 8; i++) {
        await skipDelays();
        await from("203.0.113.66", `attacker ${i}`);
      }
      expect((await from("203.0.113.66", PASSWORD)).status).toBe(429);
      expect((await from("192.0.2.10", PASSWORD)).status).toBe(302);
    } finally {
      await proxied.stop();
    }
  });

  it("lets the person whose account someone locked from the same address back in through a password reset", async () => {
    const user = await createUser(t.db);
    for (let i = 0; i < 5; i++) {
      await skipDelays();
      await signIn(user.email, `attacker ${i}`);
    }
    expect((await signIn(user.email, PASSWORD)).status).toBe(429);
    await postForm(server.url, "/en/forgot-password", { email: user.email });
    const token = /token=([\w-]+)/.exec(await delivered(user.email))![1]!;
    const set = await postForm(server.url, "/en/account/set-password", { token, password: "my own new passphrase", confirm: "my own new passphrase" });
    expect(set.status).toBe(302);
    expect((await signIn(user.email, "my own new passphrase")).status).toBe(302);
  });

  it("limits reset emails per account and answers the rest with a translated 429", async () => {
    const user = await createUser(t.db);
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await postForm(server.url, "/fr/forgot-password", { email: user.email })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    const refused = await postForm(server.url, "/fr/forgot-password", { email: user.email });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Trop de demandes");
    // Each accepted request writes its audit entry, then the email, after the answer; a refused
    // one starts nothing. Wait for the three emails, then require that no fourth request got that far.
    const mails = () => t.db.selectFrom("outbox").select("id").where("to_address", "=", user.email).execute();
    await until(async () => (await mails()).length >= 3);
    expect(await auditCount("auth.password_reset_requested", user.id)).toBe(3);
    expect(await mails()).toHaveLength(3);
  });

  it("answers a reset request without waiting for the mail server", async () => {
    // A mail server that accepts the connection and then says nothing.
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const smtpServer = await startServer({
      ...t.env,
      PASSWORD_RESET_MAX_PER_ADDRESS: "1000",
      SMTP_URL: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`,
    });
    try {
      const user = await createUser(t.db);
      const started = performance.now();
      const res = await postForm(smtpServer.url, "/en/forgot-password", { email: user.email });
      expect(res.status).toBe(200);
      // Before: the answer waited for the mail server (nodemailer gives up on a silent one after 30 s).
      expect(performance.now() - started).toBeLessThan(5000);
      expect((await mailTo(user.email)).status).toBe("stored");
    } finally {
      await smtpServer.stop();
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it("after sign-in, goes only to a path of this site, as a browser would read it", async () => {
    const user = await createUser(t.db, { role: "committee" });
    const cookie = await sessionCookieFor(t.db, user.id);
    const attacks = ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\\/evil.example", "/.//evil.example", "/%09/evil.example/..", "/ /evil"];
    for (const target of attacks) {
      const res = await signIn(user.email, PASSWORD, { redirectTo: target });
      expect(res.status, JSON.stringify(target)).toBe(302);
      const location = res.headers.get("location")!;
      expect(new URL(location, "https://puente.test").origin, `${JSON.stringify(target)} → ${location}`).toBe("https://puente.test");
    }
    // The issue's own example, through the page a signed-in person opens.
    const signedIn = await get(server.url, "/en/login?redirectTo=%2F%09%2Fevil.example", cookie);
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("location")).toBe("/en/admin");
    const shown = await (await get(server.url, "/fr/login?redirectTo=%2F%09%2Fevil.example")).text();
    expect(shown).toContain('name="redirectTo" value="/fr/admin"');
    // Non-ASCII and a newline: a redirect, never a 500.
    const accented = await get(server.url, "/es/login?redirectTo=%2Fes%2Fadmin%2F%C3%B1", cookie);
    expect(accented.status).toBe(302);
    expect(accented.headers.get("location")).toBe("/es/admin/%C3%B1");
    for (const query of ["%2Fen%0aX", "%2Fen%0d%0aSet-Cookie:x=y"]) expect((await get(server.url, `/en/login?redirectTo=${query}`, cookie)).status).toBe(302);
    const newline = await signIn(user.email, PASSWORD, { redirectTo: "/en/admin\nSet-Cookie: x=1" });
    expect(newline.status).toBe(302);
    expect(newline.headers.get("location")).toBe("/en/adminSet-Cookie:%20x=1");
    // A normal path with a query and a fragment is kept.
    const normal = await signIn(user.email, PASSWORD, { redirectTo: "/en/admin/submissions?status=pending#top" });
    expect(normal.headers.get("location")).toBe("/en/admin/submissions?status=pending#top");
  });
});

describe("secrets at rest and in logs", () => {
  it("never stores or logs a password or a token in clear", async () => {
    const secret = "a very particular passphrase 42";
    const user = await createUser(t.db, { password: secret });
    await signIn(user.email, secret);
    await signIn(user.email, "a wrong particular passphrase");
    await postForm(server.url, "/en/forgot-password", { email: user.email });
    const token = /token=([\w-]+)/.exec(await delivered(user.email))![1]!;
    await get(server.url, `/en/account/set-password?token=${token}`);

    const dump = JSON.stringify(
      await Promise.all(
        (["users", "sessions", "user_tokens", "audit_log", "login_throttle", "outbox"] as const).map((table) => t.db.selectFrom(table).selectAll().execute()),
      ),
    );
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain("wrong particular");
    expect(dump).not.toContain(token);
    await until(() => server.output().includes('"path":"/en/account/set-password"'));
    expect(server.output()).not.toContain(token);
    expect(server.output()).not.toContain(secret);
  });
});

describe("security headers", () => {
  it("sends a CSP with a nonce, no framing, and the other headers on every page", async () => {
    const res = await get(server.url, "/en/login");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+'/);
    const nonce = /'nonce-([\w+/=]+)'/.exec(csp)![1];
    expect(await res.text()).toContain(`nonce="${nonce}"`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("strict-transport-security")).toContain("max-age=");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});
