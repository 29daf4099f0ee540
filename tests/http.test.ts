import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "./helpers/db";
import { startSeededServer, stopSeededServer } from "./helpers/seeded-server";
import type { RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
beforeAll(async () => {
  ({ t, server } = await startSeededServer());
});
afterAll(() => stopSeededServer(t, server));

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers, redirect: "manual" });

describe("language at /", () => {
  it.each([
    [{ "Accept-Language": "fr-CA,fr;q=0.9,en;q=0.8" }, "/fr"],
    [{ "Accept-Language": "es-CL,es;q=0.9" }, "/es"],
    [{ "Accept-Language": "de-DE,de;q=0.9" }, "/en"],
    [{}, "/en"],
    [{ "Accept-Language": "fr-CA", Cookie: "lng=ImVzIg%3D%3D" }, "/es"],
  ])("%j → %s", async (headers, location) => {
    const res = await get("/", headers);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!, server.url).pathname).toBe(location);
  });

  it("remembers the language last read in a cookie that / then follows", async () => {
    const page = await get("/es/workplan", { "Accept-Language": "en" });
    const cookie = page.headers
      .getSetCookie()
      .find((c) => c.startsWith("lng="))!
      .split(";")[0]!;
    const res = await get("/", { "Accept-Language": "fr", Cookie: cookie });
    expect(res.headers.get("location")).toBe("/es");
  });
});

describe("pages", () => {
  const pages = ["", "/workplan", "/privacy", "/consultations/women-in-mining-chile"];
  for (const locale of ["en", "fr", "es"]) {
    for (const page of pages) {
      it(`/${locale}${page} is served in ${locale}`, async () => {
        const res = await get(`/${locale}${page}`);
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(html).toContain(`<html lang="${locale}"`);
        expect(html).toMatch(/<title>[^<]+ · Puente<\/title>/);
        expect(html).toContain('href="#main"');
      });
    }
  }

  it("shows the work plan content in each language with no English in the French and Spanish pages", async () => {
    const fr = await (await get("/fr/workplan")).text();
    expect(fr).toContain("Mise en commun des expériences");
    expect(fr).toContain("juin 2024 (à confirmer)");
    // "To be confirmed" qualifies a date now (ADR 044), no longer a status.
    expect(fr).toContain("Date\u202f: 30 juin 2024 (à confirmer)");
    expect(fr).toContain("Date à confirmer");
    const es = await (await get("/es/workplan")).text();
    expect(es).toContain("por confirmar");
    for (const html of [fr, es]) {
      for (const english of ["Work plan", "Objectives", "Activities", "to be confirmed", "Sharing experiences", "Skip to main content", "Privacy"]) {
        expect(html).not.toContain(english);
      }
    }
  });

  it("marks a topic missing in the page language and shows it in the one it has", async () => {
    const html = await (await get("/en/consultations/dialogo-intersectorial-chile")).text();
    expect(html).toContain("This consultation is not available in English. It is shown in: Spanish.");
    expect(html).toContain('<h1 lang="es">');
  });

  it("answers /healthz with a database check", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok", topics: 8 });
  });
});

describe("not found", () => {
  it.each([
    ["/de/workplan", "en", "Page not found"],
    ["/fr/nope", "fr", "Page introuvable"],
    ["/es/consultations/no-such-topic", "es", "Página no encontrada"],
    ["/en/consultations/no-such-topic", "en", "Page not found"],
    ["/a/b/c/d", "en", "Page not found"],
  ])("%s is a %s 404 page inside the site layout", async (path, locale, title) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain(`<html lang="${locale}"`);
    expect(html).toContain(title);
    expect(html).toContain('class="site-header"');
    expect(html).toContain('class="site-footer"');
    expect(html).not.toMatch(/at .+\.(js|ts):\d+/); // no stack trace
  });

  it("uses the visitor's language for a URL without one", async () => {
    const html = await (await get("/de/x", { "Accept-Language": "es" })).text();
    expect(html).toContain("Página no encontrada");
  });
});
