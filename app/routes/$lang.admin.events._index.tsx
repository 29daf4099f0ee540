import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { EventStateBadge } from "~/components/event-bits";
import { SelectField } from "~/components/forms";
import { listEventsForAdmin } from "~/models/events.server";
import { partyClocks } from "~/models/parties.server";
import { eventStates } from "~/schemas/event";
import { db } from "~/utils/db.server";
import { pageMeta } from "~/utils/meta";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "events.manage");
  const asked = new URL(request.url).searchParams.get("state");
  const state = eventStates.find((s) => s === asked);
  const [events, clockOf] = await Promise.all([listEventsForAdmin(db, user.actor, locale, { state }), partyClocks(db, locale)]);
  return {
    locale,
    title: t("eventsAdmin.title"),
    state: state ?? "",
    // Each event's times in its own country's time zone, named, as the public reads them.
    events: events.map((e) => ({ ...e, startsAt: clockOf(e.partyCode)(e.startsAt), endsAt: clockOf(e.partyCode)(e.endsAt) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function AdminEvents() {
  const { events, locale, state } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // On a phone each event is a card, each field under its heading (DataTable's `stack`).
  const columns = [
    t("eventsAdmin.columns.event"),
    t("eventsAdmin.columns.party"),
    t("eventsAdmin.columns.state"),
    t("eventsAdmin.columns.when"),
    t("eventsAdmin.columns.registered"),
  ];
  return (
    <>
      <h1>{t("eventsAdmin.title")}</h1>
      <p>{t("eventsAdmin.intro")}</p>
      <p>
        <Link to={`/${locale}/admin/events/new`} className="button button--primary">
          {t("eventsAdmin.new")}
        </Link>
      </p>
      <Form method="get" className="filters" aria-label={t("eventsAdmin.filterLabel")}>
        <SelectField
          name="state"
          label={t("eventsAdmin.stateFilter")}
          defaultValue={state}
          options={[{ value: "", label: t("eventsAdmin.anyState") }, ...eventStates.map((s) => ({ value: s, label: t(`eventsAdmin.states.${s}`) }))]}
        />
        <button type="submit" className="button button--secondary">
          {t("eventsAdmin.apply")}
        </button>
      </Form>
      <DataTable
        id="events"
        caption={t("eventsAdmin.caption", { count: events.length })}
        columns={[
          t("eventsAdmin.columns.event"),
          t("eventsAdmin.columns.party"),
          t("eventsAdmin.columns.state"),
          t("eventsAdmin.columns.when"),
          t("eventsAdmin.columns.registered"),
        ]}
        empty={events.length === 0 && t("eventsAdmin.none")}
        stack
      >
        {events.map((e) => (
          <tr key={e.id} role="row">
            <td role="cell" data-label={columns[0]}>
              <Link to={`/${locale}/admin/events/${e.id}`} lang={e.titleLocale === locale ? undefined : e.titleLocale}>
                {e.title}
              </Link>
              <br />
              <span className="muted">
                {t(`eventsAdmin.formats.${e.format as "online"}`)} · {e.languages.map((l) => l.toUpperCase()).join(" · ")}
              </span>
            </td>
            <td role="cell" data-label={columns[1]}>
              {t(`admin.parties.${e.partyCode === "CL" ? "CL" : "CA"}`)}
            </td>
            <td role="cell" data-label={columns[2]}>
              <EventStateBadge state={e.state} />
            </td>
            <td role="cell" data-label={columns[3]}>
              {e.startsAt} → {e.endsAt}
            </td>
            <td role="cell" data-label={columns[4]}>
              {e.capacity === null
                ? t("eventsAdmin.registeredNoLimit", { count: e.confirmed })
                : t("eventsAdmin.registeredOf", { count: e.confirmed, capacity: e.capacity })}
              {e.pending > 0 && (
                <>
                  <br />
                  {t("eventsAdmin.pendingCount", { count: e.pending })}
                </>
              )}
              {e.waitlisted > 0 && (
                <>
                  <br />
                  {t("eventsAdmin.waitlistedCount", { count: e.waitlisted })}
                </>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
