import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { CsrfInput, Notice } from "~/components/forms";
import { decideRegistration, listEventRegistrations, RegistrationRefused } from "~/models/event-registrations.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { backOfficeClock, requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";

// An event's registrations for its country's officials (events.manage; ADR 045): status, needs,
// consent to be named, and the decision on registrations that need approval. Never the gender answer.

function eventId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!/^\d{1,12}$/.test(params.id ?? "") || !Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

const decided = ["confirmed", "waitlisted", "declined"] as const;

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "events.manage");
  const listing = await listEventRegistrations(db, user.actor, eventId(params), locale);
  const clock = await backOfficeClock(db, user.actor, locale);
  const done = new URL(request.url).searchParams.get("done");
  return {
    locale,
    title: t("eventRegistration.admin.title", { title: listing.event.title }),
    listing: { ...listing, registrations: listing.registrations.map((r) => ({ ...r, registeredAt: clock(r.created_at) })) },
    done: decided.find((d) => d === done) ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "events.manage");
  const id = eventId(params);
  const form = await request.formData();
  requireCsrf(request, form);
  const intent = form.get("intent");
  const registrationId = Number(form.get("registration"));
  if ((intent !== "approve" && intent !== "decline") || !Number.isSafeInteger(registrationId) || registrationId <= 0) {
    throw new Response("Bad request", { status: 400 });
  }
  try {
    const status = await decideRegistration(db, { ...user.actor, email: user.email }, id, registrationId, intent);
    return redirect(`/${locale}/admin/events/${id}/registrations?done=${status}`);
  } catch (error) {
    if (error instanceof RegistrationRefused) return data({ error: "eventRegistration.errors.notPending" }, { status: 409 });
    throw error;
  }
}

export default function EventRegistrations() {
  const { locale, listing, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { event, counts, registrations } = listing;
  const columns = ["name", "email", "organisation", "type", "country", "needs", "consent", "status", "registeredAt", "actions"] as const;
  return (
    <>
      <p>
        <Link to={`/${locale}/admin/events/${event.id}`}>{t("eventRegistration.admin.back")}</Link>
      </p>
      <h1>{t("eventRegistration.admin.title", { title: event.title })}</h1>
      {done && <Notice>{t(`eventRegistration.admin.decided.${done}`)}</Notice>}
      {result?.error && <Notice tone="error">{t(result.error as never)}</Notice>}
      <p>{event.capacity === null ? t("eventRegistration.admin.noLimit") : t("eventRegistration.admin.capacity", { count: event.capacity })}</p>
      <p>{t("eventRegistration.admin.summary", counts)}</p>
      <DataTable
        id="registrations"
        caption={t("eventRegistration.admin.caption")}
        columns={columns.map((c) => t(`eventRegistration.admin.columns.${c}`))}
        empty={t("eventRegistration.admin.none")}
        stack
      >
        {registrations.map((r) => (
          <tr key={r.id} role="row">
            <td role="cell" data-label={t("eventRegistration.admin.columns.name")}>
              {r.name}
              {r.walk_in ? ` (${t("eventRegistration.admin.walkIn")})` : ""}
            </td>
            <td role="cell" data-label={t("eventRegistration.admin.columns.email")}>
              {r.email ?? ""}
            </td>
            <td role="cell" data-label={t("eventRegistration.admin.columns.organisation")}>
              {r.organisation_name ?? ""}
            </td>
            <td role="cell" data-label={t("eventRegistration.admin.columns.type")}>
              {t(`submission.choices.stakeholderType.${r.stakeholder_type}` as never)}
              {r.stakeholder_other ? ` — ${r.stakeholder_other}` : ""}
            </td>
            <td role="cell" data-label={t("eventRegistration.admin.columns.country")}>
              {r.country === "other" ? t("submission.otherCountry") : t(`admin.parties.${r.country}`)}
              {r.region_code ? ` (${r.region_code})` : ""}
            </td>
            <td role="cell" data-label={t("eventRegistration.admin.columns.needs")} style={{ whiteSpace: "pre-wrap" }}>
              {r.needs ?? ""}
            </td>
            <td role="cell" data-label={t("eventRegistration.admin.columns.consent")}>
              {r.register_consent ? t("eventRegistration.admin.yes") : t("eventRegistration.admin.no")}
            </td>
            <td role="cell" data-label={t("eventRegistration.admin.columns.status")}>
              {t(`eventRegistration.own.statuses.${r.status}`)}
            </td>
            <td role="cell" data-label={t("eventRegistration.admin.columns.registeredAt")}>
              {r.registeredAt}
            </td>
            <td role="cell" data-label={t("eventRegistration.admin.columns.actions")}>
              {r.status === "pending" && (
                <Form method="post" className="form-actions">
                  <CsrfInput />
                  <input type="hidden" name="registration" value={r.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="approve"
                    className="button"
                    aria-label={t("eventRegistration.admin.approveLabel", { name: r.name })}
                  >
                    {t("eventRegistration.admin.approve")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="decline"
                    className="button button--secondary"
                    aria-label={t("eventRegistration.admin.declineLabel", { name: r.name })}
                  >
                    {t("eventRegistration.admin.decline")}
                  </button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
