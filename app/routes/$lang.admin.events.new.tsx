import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EventForm } from "~/components/event-form";
import { createEvent, publishEvent } from "~/models/events.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { pageMeta } from "~/utils/meta";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { eventFormOptions, parseEventForm } from "~/web/event-form.server";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "events.manage");
  const options = await eventFormOptions(db, user, locale);
  return {
    locale,
    title: t("eventsAdmin.new"),
    ...options,
    values: { partyCode: options.fixedParty ?? "CA", format: "online", languages: [locale], interpretation: [], requiresApproval: false },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "events.manage");
  const form = await request.formData();
  requireCsrf(request, form);
  const parsed = parseEventForm(form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.typed }, { status: 400 });
  const by = { id: user.id, email: user.email, actor: user.actor };
  const id = await createEvent(db, by, parsed.values);
  const publish = form.get("intent") === "publish";
  if (publish) await publishEvent(db, by, id);
  return redirect(`/${locale}/admin/events/${id}?saved=${publish ? "publish" : "save"}`);
}

export default function NewEvent() {
  const { locale, values, parties, activities, fixedParty } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/${locale}/admin/events`}>{t("eventsAdmin.back")}</Link>
      </p>
      <h1>{t("eventsAdmin.new")}</h1>
      <EventForm
        key={JSON.stringify(actionData?.errors ?? {})}
        values={(actionData?.values as Record<string, unknown>) ?? values}
        serverErrors={actionData?.errors}
        parties={parties}
        activities={activities}
        fixedParty={fixedParty}
        canPublish
      />
    </>
  );
}
