import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, Notice } from "~/components/forms";
import { cancelOwnRegistration, getOwnRegistration, RegistrationRefused } from "~/models/event-registrations.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

// A registrant's private page (ADR 045), opened by the token of their link: the registration's
// status, the event, its calendar file, and cancelling (after a confirmation, which works without
// JavaScript: ?confirm=cancel). A token that names no registration is a 404.

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const token = params.token ?? "";
  const own = await getOwnRegistration(db, token, locale);
  if (!own) notFound();
  const url = new URL(request.url);
  const notice = url.searchParams.get("notice");
  const confirmCancel = url.searchParams.get("confirm") === "cancel" && own.canCancel;
  return {
    locale,
    title: confirmCancel ? t("eventRegistration.own.cancelTitle") : t("eventRegistration.own.title"),
    token,
    own,
    confirmCancel,
    notice: notice === "registered" || notice === "cancelled" ? notice : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export async function action({ params, request }: ActionFunctionArgs) {
  const { locale } = await localeAndT(params);
  // A body that is not a readable form, or is past the limit, is a 400 or a 413 (server/request-body.ts).
  const form = await request.formData();
  requireCsrf(request, form);
  if (form.get("intent") !== "cancel") throw new Response("Bad Request", { status: 400 });
  const token = params.token ?? "";
  try {
    await cancelOwnRegistration(db, token);
  } catch (error) {
    if (error instanceof RegistrationRefused) {
      if (error.reason === "not_found") notFound();
      return data({ error: "eventRegistration.errors.notActive" }, { status: 409 });
    }
    throw error;
  }
  return redirect(`/${locale}/events/registrations/${token}?notice=cancelled`);
}

export default function OwnRegistration() {
  const { locale, token, own, confirmCancel, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const here = `/${locale}/events/registrations/${token}`;
  const { registration, event } = own;
  const contentLang = event.titleLocale === locale ? undefined : event.titleLocale;
  return (
    <div className="container prose">
      <h1>{confirmCancel ? t("eventRegistration.own.cancelTitle") : t("eventRegistration.own.title")}</h1>
      {notice === "registered" && <Notice>{t("eventRegistration.own.registered")}</Notice>}
      {notice === "cancelled" && <Notice>{t("eventRegistration.own.cancelledNotice")}</Notice>}
      {result?.error && <Notice tone="error">{t(result.error as never)}</Notice>}
      <dl className="facts">
        <div>
          <dt>{t("eventRegistration.own.event")}</dt>
          <dd lang={contentLang}>
            <Link to={`/${locale}/events/${event.slug}`}>{event.title}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("eventRegistration.own.when")}</dt>
          <dd>{event.whenText}</dd>
        </div>
        {event.place && (
          <div>
            <dt>{t("eventRegistration.own.place")}</dt>
            <dd>{event.place}</dd>
          </div>
        )}
        {event.onlineUrl && (
          <div>
            <dt>{t("eventRegistration.own.online")}</dt>
            <dd>
              <a href={event.onlineUrl} rel="noreferrer">
                {event.onlineUrl}
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("eventRegistration.own.status")}</dt>
          <dd>
            <strong>{t(`eventRegistration.own.statuses.${registration.status}`)}</strong>
          </dd>
        </div>
      </dl>
      <p>{t(`eventRegistration.own.explain.${registration.status}`)}</p>
      {confirmCancel ? (
        <>
          <p>{t("eventRegistration.own.cancelExplain")}</p>
          <Form method="post" action={here} className="form-actions">
            <CsrfInput />
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="button button--danger">
              {t("eventRegistration.own.cancelConfirm")}
            </button>
            <Link to={here} className="button button--secondary">
              {t("eventRegistration.own.keep")}
            </Link>
          </Form>
        </>
      ) : (
        <>
          {registration.status !== "cancelled" && registration.status !== "declined" && (
            <p>
              <a href={`${here}/calendar.ics`} download>
                {t("eventRegistration.own.calendar")}
              </a>
            </p>
          )}
          {own.canCancel && (
            <p>
              <Link to={`${here}?confirm=cancel`} className="button button--secondary">
                {t("eventRegistration.own.cancel")}
              </Link>
            </p>
          )}
          {registration.status === "cancelled" && event.state === "published" && (
            <p>
              <Link to={`/${locale}/events/${event.slug}/register`}>{t("eventRegistration.own.registerAgain")}</Link>
            </p>
          )}
          <p className="field__hint">{t("eventRegistration.own.keepLink")}</p>
        </>
      )}
    </div>
  );
}
