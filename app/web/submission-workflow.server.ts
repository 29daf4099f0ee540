import { redirect } from "@remix-run/node";
import type { Locale } from "~/i18n";
import { queueNeighbours } from "~/models/moderation.server";
import { ClaimTaken, claimSubmission, liveClaims, releaseClaim } from "~/models/submission-claims.server";
import { addNote, listNotes } from "~/models/submission-notes.server";
import { fieldErrors } from "~/schemas/field-errors";
import { decisionIntents, queueFiltersSchema, queueSearch, workflowActionSchema, type QueueFilters } from "~/schemas/moderation";
import { db } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";

/*
 * The submission page's queue workflow (ADR 042), beside the route: where the moderator is in the
 * filtered list, who is reviewing the submission, its internal notes, and where a decision leads.
 */

/** The list's filters the page was opened with (carried in its URL). */
export function filtersOf(request: Request): QueueFilters {
  return queueFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
}

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);
const join = (...parts: string[]) => parts.filter(Boolean).join("&");

/** Previous and next in the same filtered list, the claim and the notes, for the page's loader. */
export async function workflowView(
  request: Request,
  actor: Actor,
  locale: Locale,
  submission: { id: number; reference: string; created_at: string },
  clock: (iso: string) => string,
) {
  const filters = filtersOf(request);
  const search = queueSearch(filters);
  const url = new URL(request.url);
  const [neighbours, claims, notes] = await Promise.all([
    queueNeighbours(db, actor, filters, submission),
    liveClaims(db, actor, [submission.id]),
    listNotes(db, actor, submission.reference),
  ]);
  const claim = claims.get(submission.id);
  const href = (reference: string | null) => (reference ? withQuery(`/${locale}/admin/submissions/${reference}`, search) : null);
  const decided = url.searchParams.get("decided");
  return {
    position: {
      listHref: withQuery(`/${locale}/admin/submissions`, search),
      previousHref: href(neighbours.previous),
      nextHref: href(neighbours.next),
    },
    claim: claim ? { holder: claim.holder, mine: claim.mine, since: clock(claim.claimedAt), until: clock(claim.expiresAt) } : null,
    notes: notes.map((n) => ({ id: n.id, body: n.body, author: n.author, at: clock(n.created_at) })),
    /** The submission decided just before landing here ("next after a decision"). */
    decided: decided && /^[A-Z]{2}-\d{4}-\d+$/.test(decided) ? decided : null,
  };
}

/**
 * Claims, releases and notes: null when the form is a moderation action instead. Each answers a
 * redirect back to the page (same filters), or the form's problem as a translated 4xx.
 */
export async function workflowAction(request: Request, form: FormData, actor: Actor, locale: Locale, reference: string): Promise<Response | null> {
  const intent = String(form.get("intent") ?? "");
  if (!["claim", "release", "note"].includes(intent)) return null;
  const values = Object.fromEntries([...form].filter(([, v]) => typeof v === "string"));
  const parsed = workflowActionSchema.safeParse(values);
  if (!parsed.success) return Response.json({ intent, errors: fieldErrors(parsed.error), values }, { status: 400 });
  try {
    if (parsed.data.intent === "claim") await claimSubmission(db, actor, reference);
    else if (parsed.data.intent === "release") await releaseClaim(db, actor, reference);
    else await addNote(db, actor, reference, parsed.data.noteBody);
  } catch (error) {
    if (error instanceof ClaimTaken) {
      return Response.json({ intent, errors: { form: "moderation.claim.taken" }, errorValues: { name: error.holder }, values }, { status: 409 });
    }
    throw error;
  }
  const search = queueSearch(filtersOf(request));
  return redirect(withQuery(`/${locale}/admin/submissions/${reference}`, join(search, `saved=${intent}`)));
}

/**
 * Where the page goes after an action: a decision leads to the next submission of the same
 * filtered list (or back to the list when none is left), saying what was decided; any other
 * action stays on the submission. A repeated decision (changed nothing) leads to the same place.
 */
export async function afterAction(request: Request, actor: Actor, locale: Locale, reference: string, intent: string) {
  const filters = filtersOf(request);
  const search = queueSearch(filters);
  if (!(decisionIntents as readonly string[]).includes(intent)) {
    return redirect(withQuery(`/${locale}/admin/submissions/${reference}`, join(search, `saved=${intent}`)));
  }
  const submission = await db.selectFrom("submissions").select(["id", "reference", "created_at"]).where("reference", "=", reference).executeTakeFirstOrThrow();
  const { next } = await queueNeighbours(db, actor, filters, submission);
  const done = `saved=${intent}&decided=${submission.reference}`;
  return redirect(next ? withQuery(`/${locale}/admin/submissions/${next}`, join(search, done)) : withQuery(`/${locale}/admin/submissions`, join(search, done)));
}
