// Models refuse with typed domain errors (app/models/errors.ts), never HTTP responses; the web
// layer (app/web/domain-errors.server.ts) turns each into the same translated 4xx as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { DomainError, ForbiddenError, InvalidError, NotFoundError } from "~/models/errors";
import { getAttachmentForModeration, getForModeration } from "~/models/moderation.server";
import { createTheme, getThemeForActor, themePartyFor } from "~/models/themes.server";
import { listTopicsForAdmin, removeTopicDocument } from "~/models/topic-admin.server";
import { changeUserDisabled, changeUserRole, inviteUser } from "~/models/users.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { createOfficial, createSubmissionFor, createTopic, type Official } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
let admin: Official;
let modCA: Official;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  admin = await createOfficial(t.db, { role: "admin" });
  modCA = await createOfficial(t.db, { role: "moderator", party: "CA" });
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

/** What a promise rejected with (fails the test if it resolved). */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a refusal"),
    (error: unknown) => error,
  );

describe("models throw typed domain errors, not responses", () => {
  it("moderation: an unknown submission or attachment is NotFoundError", async () => {
    const missing = await refusal(getForModeration(t.db, modCA.actor, "NOPE-0000", "en"));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).not.toBeInstanceOf(Response);
    const topic = await createTopic(t.db, { party: "CA" });
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug });
    expect(await refusal(getAttachmentForModeration(t.db, modCA.actor, s.reference, 999_999))).toBeInstanceOf(NotFoundError);
  });

  it("themes: unknown theme or party is NotFoundError, creating in a party that is not one is InvalidError", async () => {
    expect(await refusal(getThemeForActor(t.db, admin.actor, 999_999))).toBeInstanceOf(NotFoundError);
    expect(await refusal(getThemeForActor(t.db, admin.actor, -1))).toBeInstanceOf(NotFoundError);
    expect(() => themePartyFor(admin.actor, "XX")).toThrow(NotFoundError);
    const invalid = await refusal(createTheme(t.db, admin.actor, "XX", { label_en: "A", label_fr: "A", label_es: "A" }));
    expect(invalid).toBeInstanceOf(InvalidError);
    expect((invalid as DomainError).messageKey).toBe("errors.badRequestText");
  });

  it("topic admin: an unknown topic or document is NotFoundError", async () => {
    expect(await listTopicsForAdmin(t.db, admin.actor, "en")).toBeInstanceOf(Array);
    const by = { id: admin.id, email: admin.email, actor: admin.actor };
    expect(await refusal(removeTopicDocument(t.db, by, 999_999, 1))).toBeInstanceOf(NotFoundError);
    const topic = await createTopic(t.db, { party: "CA" });
    expect(await refusal(removeTopicDocument(t.db, by, topic.id, 999_999))).toBeInstanceOf(NotFoundError);
  });

  it("users: a non-admin managing accounts is ForbiddenError, an unknown account NotFoundError", async () => {
    const asModerator = { id: modCA.id, email: modCA.email, actor: modCA.actor };
    const forbidden = await refusal(
      inviteUser(t.db, asModerator, { email: "x@example.org", displayName: "X", role: "committee", partyCode: "CA", locale: "en" }, 24),
    );
    expect(forbidden).toBeInstanceOf(ForbiddenError);
    expect((forbidden as DomainError).messageKey).toBe("errors.forbiddenText");
    const by = { id: admin.id, email: admin.email, actor: admin.actor };
    expect(await refusal(changeUserRole(t.db, by, 999_999, "committee", "CA"))).toBeInstanceOf(NotFoundError);
    expect(await refusal(changeUserDisabled(t.db, by, 999_999, true))).toBeInstanceOf(NotFoundError);
  });
});

describe("the web layer maps them to their 4xx", () => {
  const statusOf = async (error: Error) => {
    const thrown = await refusal(withDomainErrors(() => Promise.reject(error), undefined));
    expect(thrown).toBeInstanceOf(Response);
    return (thrown as Response).status;
  };

  it("NotFoundError → 404, ForbiddenError → 403, InvalidError → 400; anything else passes through", async () => {
    expect(await statusOf(new NotFoundError())).toBe(404);
    expect(await statusOf(new ForbiddenError())).toBe(403);
    expect(await statusOf(new InvalidError())).toBe(400);
    const other = new Error("boom");
    expect(await refusal(withDomainErrors(() => Promise.reject(other), undefined))).toBe(other);
    expect(await withDomainErrors(async (n: number) => n + 1, 1)).toBe(2);
  });

  it("over HTTP: a model's refusal is the translated 404 page, never a 500", async () => {
    const pages = [
      ["/fr/admin/themes/999999", "Page introuvable"],
      ["/en/admin/themes?party=XX", "Page not found"],
      ["/es/admin/submissions/NOPE-0000", "Página no encontrada"],
      ["/en/admin/topics/999999", "Page not found"],
    ] as const;
    for (const [path, title] of pages) {
      const res = await get(server.url, path, admin.cookie);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toContain(title);
    }
    const action = await postForm(server.url, "/fr/admin/users", { intent: "disable", userId: "999999" }, { cookie: admin.cookie });
    expect(action.status).toBe(404);
    expect(await action.text()).toContain("Page introuvable");
  });
});
