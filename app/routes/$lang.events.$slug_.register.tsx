import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EventRegistrationForm } from "~/components/event-registration-form";
import { Notice } from "~/components/forms";
import { registerForEvent, RegistrationRefused, registrationFormEvent, registrationRegions } from "~/models/event-registrations.server";
import { takeSubmissionAllowance, type SubmissionAllowance } from "~/models/submission-rate-limit.server";
import { eventRegistrationSchema } from "~/schemas/event-registration";
import { fieldErrors } from "~/schemas/field-errors";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { checkFormStamp, formStamp } from "~/utils/submission-guard.server";
import { retryAfterHeaders } from "~/web/retry-after.server";
import { invalid, typedValues } from "~/web/submission-form.server";

// An event's registration form (issue 19, item 3; ADR 045), with the submission form's abuse
// protections: honeypot, signed one-use "shown at" stamp, the per-address rate limit (its own
// count, "event-register"), and the back-office form body limit (app/utils/body-limits.ts).

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const event = await registrationFormEvent(db, params.slug ?? "", locale);
  if (!event) notFound();
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    locale,
    title: `${context.formHasErrors ? `${t("forms.errorPrefix")} ` : ""}${t("eventRegistration.pageTitle", { title: event.title })}`,
    event,
    regions: event.open ? await registrationRegions(db, locale) : [],
    stamp: formStamp(),
    notice: notice === "again" ? notice : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const headers = retryAfterHeaders;

const refusals: Record<RegistrationRefused["reason"], { key: string; status: number; field?: string }> = {
  not_found: { key: "eventRegistration.errors.notFound", status: 404 },
  closed: { key: "eventRegistration.errors.closed", status: 409 },
  cancelled: { key: "eventRegistration.errors.cancelled", status: 409 },
  bad_region: { key: "validation.regionCountry", status: 400, field: "region" },
  stamp_used: { key: "eventRegistration.errors.stampUsed", status: 409 },
  not_active: { key: "eventRegistration.errors.notActive", status: 409 },
  not_pending: { key: "eventRegistration.errors.notPending", status: 409 },
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locale } = await localeAndT(params);
  // A plain form only: no files here, and a body that is not a form is a 400, not a 500.
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "")) throw new Response("Bad Request", { status: 400 });
  // A body that is not a readable form, or is past the limit, is a 400 or a 413 (server/request-body.ts).
  const form = await request.formData();
  requireCsrf(request, form);
  let ticket: SubmissionAllowance | null = null;
  const values = { ...typedValues(form), stamp: String(form.get("stamp") ?? "") };
  const refuse = async (errors: Record<string, string>, echoed: Record<string, string> = values, status = 400, headers?: HeadersInit) => {
    if (ticket?.allowed) await ticket.refund(); // only accepted registrations count toward the rate limit
    context.formHasErrors = true;
    return invalid(errors, echoed, status, headers);
  };
  if (String(form.get("website") ?? "") !== "") return refuse({ form: "eventRegistration.errors.refused" });
  ticket = await takeSubmissionAllowance(db, context.clientAddress ?? "unknown", { scope: "event-register" });
  if (!ticket.allowed) return refuse({ form: "eventRegistration.errors.rateLimited" }, values, 429, { "Retry-After": String(ticket.retryAfterSeconds) });
  const parsed = eventRegistrationSchema.safeParse(values);
  if (!parsed.success) return refuse(fieldErrors(parsed.error));
  const stamp = checkFormStamp(form.get("stamp"));
  // A forged or expired stamp is replaced, so that a person is not stuck with it.
  if (!stamp.ok) return refuse({ form: "eventRegistration.errors.tooFast" }, stamp.reason === "invalid" ? { ...values, stamp: formStamp() } : values);
  try {
    const registered = await registerForEvent(db, {
      slug: params.slug ?? "",
      values: parsed.data,
      locale,
      formStamp: stamp.nonce ? { nonce: stamp.nonce, expiresAt: stamp.expiresAt } : undefined,
    });
    // The address was registered already: its new link went to that address only, never to this page.
    if (registered.duplicate) return redirect(`/${locale}/events/${params.slug ?? ""}/register?notice=again`);
    return redirect(`/${locale}/events/registrations/${registered.token}?notice=registered`);
  } catch (error) {
    if (error instanceof RegistrationRefused) {
      const refusal = refusals[error.reason];
      const echoed = error.reason === "stamp_used" ? { ...values, stamp: formStamp() } : values;
      return refuse({ [refusal.field ?? "form"]: refusal.key }, echoed, refusal.status);
    }
    throw error;
  }
}

export default function Register() {
  const { locale, event, regions, stamp, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const contentLang = event.titleLocale === locale ? undefined : event.titleLocale;
  return (
    <div className="container prose">
      <p>
        <Link to={`/${locale}/events/${event.slug}`}>← {t("eventRegistration.backToEvent")}</Link>
      </p>
      <h1>{t("eventRegistration.heading")}</h1>
      <p className="lead" lang={contentLang}>
        {event.title}
      </p>
      <p>{event.whenText}</p>
      {notice && <Notice tone="info">{t("eventRegistration.again")}</Notice>}
      {event.state === "cancelled" ? (
        <p className="notice" role="status">
          {t("eventRegistration.cancelledEvent")}
        </p>
      ) : !event.open ? (
        <p className="notice" role="status">
          {t("eventRegistration.closed")}
        </p>
      ) : (
        <>
          <p>{t("eventRegistration.intro")}</p>
          {event.requiresApproval && <p>{t("eventRegistration.approval")}</p>}
          {event.full && <Notice tone="info">{t("eventRegistration.full")}</Notice>}
          <EventRegistrationForm
            key={JSON.stringify(actionData?.errors ?? {})}
            locale={locale}
            values={actionData?.values ?? {}}
            serverErrors={actionData?.errors}
            regions={regions}
            stamp={actionData?.values?.stamp || stamp}
          />
        </>
      )}
    </div>
  );
}
