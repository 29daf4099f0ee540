import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EventStateBadge } from "~/components/event-bits";
import { EventForm } from "~/components/event-form";
import { CsrfInput, ErrorSummary, Notice, TextAreaField } from "~/components/forms";
import { cancelEvent, EventRefused, getEventForEdit, markEventHeld, publishEvent, updateEvent } from "~/models/events.server";
import { partyClocks } from "~/models/parties.server";
import { CANCELLATION_NOTE_MAX, eventCancelSchema, eventHeldSchema, eventIntents, eventVersionSchema, type EventIntent } from "~/schemas/event";
import { fieldErrors } from "~/schemas/field-errors";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { eventFormOptions, parseEventForm } from "~/web/event-form.server";

function eventId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

const SAVED = ["save", "publish", "cancel", "held"] as const;

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "events.manage");
  const { event, values, registrations } = await getEventForEdit(db, user.actor, eventId(params));
  const [options, clockOf] = await Promise.all([eventFormOptions(db, user, locale), partyClocks(db, locale)]);
  const search = new URL(request.url).searchParams;
  const clock = clockOf(event.party_code);
  return {
    locale,
    title: t("eventsAdmin.edit"),
    event: {
      id: event.id,
      slug: event.slug,
      state: event.state,
      version: event.version,
      startsAt: clock(event.starts_at),
      endsAt: clock(event.ends_at),
      started: event.starts_at <= new Date().toISOString(),
    },
    registrations: { confirmed: registrations.confirmed ?? 0, pending: registrations.pending ?? 0, waitlisted: registrations.waitlisted ?? 0 },
    values,
    saved: SAVED.find((s) => s === search.get("saved")) ?? null,
    emailed: Number(search.get("emailed") ?? 0) || 0,
    ...options,
    // The country stays as created.
    fixedParty: event.party_code,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

type ActionResult = { intent: EventIntent; errors: Record<string, string>; values?: Record<string, unknown> };

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "events.manage");
  const id = eventId(params);
  const by = { id: user.id, email: user.email, actor: user.actor };
  const form = await request.formData();
  requireCsrf(request, form);
  const intent = eventIntents.find((i) => i === String(form.get("intent") ?? "save"));
  if (!intent) throw new Response("Bad request", { status: 400 });
  await getEventForEdit(db, user.actor, id); // 404/403 before telling anything about the form
  const typed = Object.fromEntries([...form].filter(([k, v]) => k !== "csrf" && typeof v === "string"));
  try {
    if (intent === "cancel") {
      const parsed = eventCancelSchema.safeParse(typed);
      if (!parsed.success) return data<ActionResult>({ intent, errors: fieldErrors(parsed.error, "cancel-"), values: typed }, { status: 400 });
      const { emailed } = await cancelEvent(db, by, id, parsed.data.note);
      return redirect(`/${locale}/admin/events/${id}?saved=cancel&emailed=${emailed}`);
    }
    if (intent === "held") {
      const parsed = eventHeldSchema.safeParse(typed);
      if (!parsed.success) return data<ActionResult>({ intent, errors: fieldErrors(parsed.error, "held-") }, { status: 400 });
      await markEventHeld(db, by, id);
      return redirect(`/${locale}/admin/events/${id}?saved=held`);
    }
    // Save (and maybe publish): the whole form, checked with the shared schema, at the version it was opened at.
    const parsed = parseEventForm(form);
    if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors, values: parsed.typed }, { status: 400 });
    const version = eventVersionSchema.safeParse(form.get("version"));
    if (!version.success) throw new Response("Bad request", { status: 400 });
    const { emailed } = await updateEvent(db, by, id, version.data, parsed.values);
    if (intent === "publish") await publishEvent(db, by, id);
    return redirect(`/${locale}/admin/events/${id}?saved=${intent}${emailed ? `&emailed=${emailed}` : ""}`);
  } catch (error) {
    if (error instanceof EventRefused) {
      const values = intent === "save" || intent === "publish" ? parseEventForm(form).typed : typed;
      return data<ActionResult>({ intent, errors: { form: error.messageKey }, values }, { status: 409 });
    }
    throw error;
  }
}

export default function EditEvent() {
  const { locale, event, registrations, values, saved, emailed, parties, activities, fixedParty } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation();
  const formErrors = actionData && (actionData.intent === "save" || actionData.intent === "publish") ? actionData.errors : undefined;
  // A refusal of the whole action (the event changed state meanwhile) stands at the top: its form may be gone.
  const stateError = actionData && !formErrors ? actionData.errors.form : undefined;
  const cancelErrors = actionData?.intent === "cancel" && !stateError ? actionData.errors : undefined;
  const heldErrors = actionData?.intent === "held" && !stateError ? actionData.errors : undefined;
  const editable = event.state === "draft" || event.state === "published";
  return (
    <>
      <p>
        <Link to={`/${locale}/admin/events`}>{t("eventsAdmin.back")}</Link>
      </p>
      <h1>{t("eventsAdmin.edit")}</h1>
      {stateError && <ErrorSummary errors={{ form: stateError }} labels={{}} />}
      {saved && (
        <Notice>
          {saved === "cancel"
            ? t("eventsAdmin.done.cancel", { count: emailed })
            : saved === "save" && emailed
              ? t("eventsAdmin.done.save_emailed", { count: emailed })
              : t(`eventsAdmin.done.${saved}`)}
        </Notice>
      )}
      <dl className="facts">
        <div>
          <dt>{t("eventsAdmin.page.stateLabel")}</dt>
          <dd>
            <EventStateBadge state={event.state} />
          </dd>
        </div>
        <div>
          <dt>{t("eventsAdmin.columns.when")}</dt>
          <dd>
            {event.startsAt} → {event.endsAt}
          </dd>
        </div>
        <div>
          <dt>{t("eventsAdmin.page.address")}</dt>
          <dd>
            {event.state === "draft" ? (
              <span className="muted">
                /{locale}/events/{event.slug}
              </span>
            ) : (
              <a href={`/${locale}/events/${event.slug}`}>
                /{locale}/events/{event.slug}
              </a>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("eventsAdmin.columns.registered")}</dt>
          <dd>{t("eventsAdmin.page.registrations", registrations)}</dd>
        </div>
      </dl>
      <div className="state-actions">
        <Link className="button button--secondary" to={`/${locale}/admin/events/${event.id}/registrations`}>
          {t("eventsAdmin.page.registrationsLink")}
        </Link>
        <Link className="button button--secondary" to={`/${locale}/admin/events/${event.id}/attendance`}>
          {t("eventsAdmin.page.attendanceLink")}
        </Link>
      </div>

      {event.state === "published" && (
        <>
          <section className="card" aria-labelledby="held-title">
            <h2 id="held-title">{t("eventsAdmin.page.heldTitle")}</h2>
            {event.started ? (
              <Form method="post">
                <p className="field__hint">{t("eventsAdmin.page.heldHint")}</p>
                {heldErrors && <ErrorSummary errors={heldErrors} labels={{ "held-confirm": t("eventsAdmin.page.confirmHeld") }} />}
                <CsrfInput />
                <input type="hidden" name="intent" value="held" />
                <ConfirmField name="held" label={t("eventsAdmin.page.confirmHeld")} error={heldErrors?.["held-confirm"]} />
                <button type="submit" className="button button--secondary">
                  {t("eventsAdmin.page.held")}
                </button>
              </Form>
            ) : (
              <p className="field__hint">{t("eventsAdmin.page.notStartedYet")}</p>
            )}
          </section>
          <Form method="post" className="card card--danger" aria-labelledby="cancel-title">
            <h2 id="cancel-title">{t("eventsAdmin.page.cancelTitle")}</h2>
            <p className="field__hint">{t("eventsAdmin.page.cancelHint")}</p>
            {cancelErrors && (
              <ErrorSummary
                errors={cancelErrors}
                labels={{ "cancel-note": t("eventsAdmin.page.cancelNote"), "cancel-confirm": t("eventsAdmin.page.confirmCancel") }}
              />
            )}
            <CsrfInput />
            <input type="hidden" name="intent" value="cancel" />
            <TextAreaField
              name="note"
              idBase="cancel-note"
              label={t("eventsAdmin.page.cancelNote")}
              hint={t("eventsAdmin.page.cancelNoteHint", { count: CANCELLATION_NOTE_MAX })}
              rows={3}
              maxLength={CANCELLATION_NOTE_MAX}
              error={cancelErrors?.["cancel-note"]}
              defaultValue={cancelErrors ? String(actionData?.values?.note ?? "") : ""}
            />
            <ConfirmField name="cancel" label={t("eventsAdmin.page.confirmCancel")} error={cancelErrors?.["cancel-confirm"]} />
            <button type="submit" className="button button--danger">
              {t("eventsAdmin.page.cancel")}
            </button>
          </Form>
        </>
      )}

      {event.state === "draft" && <p>{t("eventsAdmin.page.publishHint")}</p>}
      {!editable && <p className="notice">{t("eventsAdmin.page.readOnly")}</p>}
      <EventForm
        key={JSON.stringify(formErrors ?? {}) + (saved ?? "") + event.version}
        values={(formErrors && actionData?.values) || (values as Record<string, unknown>)}
        serverErrors={formErrors}
        parties={parties}
        activities={activities}
        fixedParty={fixedParty}
        canPublish={event.state === "draft"}
        version={event.version}
        readOnly={!editable}
      />
    </>
  );
}

/** A confirmation box of one of the page's forms (ids apart, so two can stand on one page). */
function ConfirmField({ name, label, error }: { name: string; label: string; error?: string }) {
  const { t } = useTranslation();
  const id = `field-${name}-confirm`;
  return (
    <div className={`field field--checkbox${error ? " field--error" : ""}`}>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">{t("forms.errorPrefix")} </span>
          {t(error as never)}
        </p>
      )}
      <div className="field__checkbox">
        <input
          type="checkbox"
          id={id}
          name="confirm"
          value="on"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}
