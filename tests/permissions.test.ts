import { describe, expect, it } from "vitest";
import { ForbiddenError } from "~/errors";
import { can, requirePermission, type Actor, type Permission } from "~/utils/permissions";

const actors: Record<string, Actor | null> = {
  anonymous: null,
  moderatorCA: { id: 1, role: "moderator", partyCode: "CA" },
  moderatorCL: { id: 2, role: "moderator", partyCode: "CL" },
  moderatorWithoutParty: { id: 3, role: "moderator", partyCode: null },
  committee: { id: 4, role: "committee", partyCode: "CL" },
  admin: { id: 5, role: "admin", partyCode: null },
};

const CA = { partyCode: "CA" };
const CL = { partyCode: "CL" };

// [permission, subject, who may]
const matrix: Array<[Permission, { partyCode: string } | undefined, string[]]> = [
  ["backoffice.enter", undefined, ["moderatorCA", "moderatorCL", "moderatorWithoutParty", "committee", "admin"]],
  ["users.manage", undefined, ["admin"]],
  ["audit.read", undefined, ["admin"]],
  ["outbox.read", undefined, ["admin"]],
  ["jobs.read", undefined, ["admin"]],
  ["summaries.read", undefined, ["moderatorCA", "moderatorCL", "moderatorWithoutParty", "committee", "admin"]],
  ["topics.manage", undefined, ["moderatorCA", "moderatorCL", "admin"]],
  ["topics.manage", CA, ["moderatorCA", "admin"]],
  ["topics.manage", CL, ["moderatorCL", "admin"]],
  ["submissions.moderate", CA, ["moderatorCA", "admin"]],
  ["submissions.moderate", CL, ["moderatorCL", "admin"]],
  ["themes.manage", CA, ["moderatorCA", "admin"]],
  ["themes.manage", CL, ["moderatorCL", "admin"]],
  ["summaries.compile", undefined, ["moderatorCA", "moderatorCL", "admin"]],
  ["syntheses.write", CA, ["moderatorCA", "admin"]],
  ["syntheses.write", CL, ["moderatorCL", "admin"]],
];

describe("permission matrix", () => {
  for (const [permission, subject, allowed] of matrix) {
    for (const [name, actor] of Object.entries(actors)) {
      const expected = allowed.includes(name);
      it(`${name} ${expected ? "may" : "may not"} ${permission}${subject ? ` on ${subject.partyCode}` : ""}`, () => {
        expect(can(actor, permission, subject)).toBe(expected);
      });
    }
  }
});

describe("requirePermission", () => {
  // A typed refusal, not an HTTP response: routes map it (withDomainErrors) to the translated 403.
  it("throws ForbiddenError exactly when can() says no", () => {
    for (const [permission, subject, allowed] of matrix) {
      for (const [name, actor] of Object.entries(actors)) {
        if (!actor) continue;
        const check = () => requirePermission(actor, permission, subject);
        if (allowed.includes(name)) expect(check).not.toThrow();
        else expect(check).toThrow(ForbiddenError);
      }
    }
    let thrown: unknown;
    try {
      requirePermission(actors.committee!, "submissions.moderate", CL);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).not.toBeInstanceOf(Response);
    expect((thrown as ForbiddenError).messageKey).toBe("errors.forbiddenText");
  });
});
