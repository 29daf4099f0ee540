// Who may do what in the back office. Every back-office loader and action goes through
// requirePermission; the navigation uses can() to show only what the role may do.

import { ForbiddenError } from "~/errors";

export type Role = "admin" | "moderator" | "committee";

export interface Actor {
  id: number;
  role: Role;
  partyCode: string | null;
}

export type Permission =
  | "backoffice.enter"
  | "users.manage"
  | "audit.read"
  | "outbox.read"
  /** See the background jobs (ADR 029): admins only. */
  | "jobs.read"
  /** Create and edit topics; with a subject, only of the actor's party for moderators. */
  | "topics.manage"
  /** Review submissions; with a subject, only of the actor's party for moderators. */
  | "submissions.moderate"
  /** Manage the list of themes submissions are tagged with; with a subject, only the actor's party's list for moderators. */
  | "themes.manage"
  /** Download summaries of either party. */
  | "summaries.read"
  /** Compile a frozen edition of a summary (officials, not the committee, which changes nothing). */
  | "summaries.compile"
  /** Write the officials' synthesis; with a subject, only the actor's party's for moderators. */
  | "syntheses.write"
  /** Keep the work plan current (status, dates, deliverables); with a subject, only the actor's party's for moderators. */
  | "workplan.manage"
  /** Manage events, their registrations and attendance registers (ADR 045); with a subject, only the actor's party's for moderators. */
  | "events.manage";

/** The actor an account acts as (what every permission check reads). */
export function toActor(user: { id: number; role: Role; party_code: string | null }): Actor {
  return { id: user.id, role: user.role, partyCode: user.party_code };
}

/** What a permission is checked against: anything that belongs to a party. */
export interface PartySubject {
  partyCode: string;
}

export function can(actor: Actor | null | undefined, permission: Permission, subject?: PartySubject): boolean {
  if (!actor) return false;
  if (actor.role === "admin") return true;
  switch (permission) {
    case "backoffice.enter":
    case "summaries.read":
      return true;
    case "topics.manage":
    case "submissions.moderate":
    case "themes.manage":
    case "summaries.compile":
    case "syntheses.write":
    case "workplan.manage":
    case "events.manage":
      return actor.role === "moderator" && actor.partyCode !== null && (!subject || subject.partyCode === actor.partyCode);
    case "users.manage":
    case "audit.read":
    case "outbox.read":
    case "jobs.read":
      return false;
  }
}

/**
 * Throws ForbiddenError when the actor may not (a route's withDomainErrors makes it the 403 page);
 * nobody signed in is handled earlier by requireUser.
 */
export function requirePermission(actor: Actor, permission: Permission, subject?: PartySubject): void {
  if (!can(actor, permission, subject)) throw new ForbiddenError(`${actor.role} may not ${permission}${subject ? ` on ${subject.partyCode}` : ""}`);
}
