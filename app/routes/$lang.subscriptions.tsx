import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, SelectField, TextField } from "~/components/forms";
import { listParties } from "~/models/parties.server";
import { manageSubscriptions, requestSubscription, subscribableTopic, SubscriptionRefused, unsubscribeFromManage } from "~/models/subscriptions.server";
import { listAreas } from "~/models/workplan.server";
import { fieldErrors } from "~/schemas/field-errors";
import { linkTokenSchema, subscribeSchema } from "~/schemas/subscription";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { retryAfterHeaders } from "~/web/retry-after.server";

// Subscriptions (issue 17, item 4; ADR 039): the subscribe form, and — reached only with the token
// of an emailed link, never by typing an address — the page that manages an address's subscriptions.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const url = new URL(request.url);
  const token = linkTokenSchema.safeParse(url.searchParams.get("token") ?? "");
  if (token.success) {
    const manage = await manageSubscriptions(db, token.data, locale);
    return data(
      {
        title: t("subscriptions.manageTitle"),
        manage,
        token: token.data,
        badToken: !manage,
        topic: null,
        parties: [],
        areas: [],
        notice: url.searchParams.get("notice"),
      },
      { status: manage ? 200 : 400 },
    );
  }
  const slug = url.searchParams.get("topic")?.slice(0, 200);
  const [topic, parties, areas] = await Promise.all([slug ? subscribableTopic(db, slug, locale) : null, listParties(db, locale), listAreas(db, locale)]);
  return data({
    title: t("subscriptions.title"),
    manage: null,
    token: null,
    badToken: false,
    topic,
    parties: parties.map((p) => ({ code: p.code, name: p.name })),
    areas: areas.map((a) => ({ id: a.id, label: `${a.number}. ${a.title}` })),
    notice: null,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [...pageMeta(data), { name: "robots", content: "noindex" }];

export const headers = retryAfterHeaders;

type ActionData = { errors?: Record<string, string>; email?: string; sent?: boolean; unsubscribed?: "one" | "all" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locale } = await localeAndT(params);
  const form = await request.formData();
  requireCsrf(request, form);
  const intent = String(form.get("intent") ?? "subscribe");
  if (intent === "unsubscribe" || intent === "unsubscribeAll") {
    const token = linkTokenSchema.safeParse(form.get("token") ?? "");
    const id = Number(form.get("id"));
    if (!token.success || (intent === "unsubscribe" && !(Number.isInteger(id) && id > 0))) {
      return data<ActionData>({ errors: { form: "subscriptions.badManage" } }, { status: 400 });
    }
    const done = await unsubscribeFromManage(db, token.data, intent === "unsubscribeAll" ? "all" : id);
    if (!done) return data<ActionData>({ errors: { form: "subscriptions.badManage" } }, { status: 400 });
    return data<ActionData>({ unsubscribed: intent === "unsubscribeAll" ? "all" : "one" });
  }
  const raw = {
    email: typeof form.get("email") === "string" ? String(form.get("email")) : undefined,
    kinds: form.getAll("kinds").map(String),
    country: form.get("country") ?? undefined,
    area: form.get("area") ?? undefined,
    topic: form.get("topic") ?? undefined,
    submission: form.get("submission") ?? undefined,
    token: form.get("token") ?? undefined,
  };
  const parsed = subscribeSchema.safeParse(raw);
  const email = (raw.email ?? "").slice(0, 254);
  if (!parsed.success) return data<ActionData>({ errors: fieldErrors(parsed.error), email }, { status: 400 });
  const input = parsed.data;
  try {
    const result = await requestSubscription(db, {
      email: input.email ?? "",
      locale,
      clientAddress: context.clientAddress ?? "unknown",
      kinds: input.kinds,
      partyCode: input.country,
      areaId: input.area,
      topicSlug: input.topic,
      submission: input.submission && input.token ? { reference: input.submission, token: input.token } : null,
    });
    if (!result.ok) {
      return data<ActionData>(
        { errors: { form: "subscriptions.limited" }, email },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    }
  } catch (error) {
    if (error instanceof SubscriptionRefused) {
      const errors: Record<string, string> =
        error.reason === "area"
          ? { area: "validation.invalid" }
          : { form: error.reason === "topic" ? "subscriptions.badTopic" : "subscriptions.badSubmission" };
      return data<ActionData>({ errors, email }, { status: 400 });
    }
    throw error;
  }
  return data<ActionData>({ sent: true });
}

export default function Subscriptions() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation();
  if (d.token !== null) {
    return (
      <div className="container narrow">
        <h1>{t("subscriptions.manageTitle")}</h1>
        {d.notice === "confirmed" && <Notice>{t("subscriptions.confirmed")}</Notice>}
        {actionData?.unsubscribed && <Notice>{t(actionData.unsubscribed === "all" ? "subscriptions.unsubscribedAll" : "subscriptions.unsubscribed")}</Notice>}
        <ErrorSummary errors={actionData?.errors} labels={{}} />
        {d.manage ? (
          <>
            {d.manage.subscriptions.length === 0 ? (
              <p>{t("subscriptions.manageNone")}</p>
            ) : (
              <>
                <p>{t("subscriptions.manageIntro", { email: d.manage.email })}</p>
                <ul className="subscriptions">
                  {d.manage.subscriptions.map((s) => (
                    <li key={s.id}>
                      <span>{s.description}</span>{" "}
                      <Form method="post" className="inline-form">
                        <CsrfInput />
                        <input type="hidden" name="token" value={d.token ?? ""} />
                        <input type="hidden" name="id" value={s.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="unsubscribe"
                          className="button"
                          aria-label={`${t("subscriptions.unsubscribeOne")}: ${s.description}`}
                        >
                          {t("subscriptions.unsubscribeOne")}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="token" value={d.token ?? ""} />
                  <button type="submit" name="intent" value="unsubscribeAll" className="button">
                    {t("subscriptions.unsubscribeAll")}
                  </button>
                </Form>
              </>
            )}
          </>
        ) : (
          <Notice tone="error">{t("subscriptions.badManage")}</Notice>
        )}
      </div>
    );
  }
  const errors = actionData?.errors;
  return (
    <div className="container narrow">
      <h1>{t("subscriptions.title")}</h1>
      {actionData?.sent ? (
        <Notice>{t("subscriptions.sent")}</Notice>
      ) : (
        <>
          <p>{t("subscriptions.intro")}</p>
          <ErrorSummary
            errors={errors}
            labels={{ email: t("subscriptions.email"), kinds: t("subscriptions.what"), area: t("subscriptions.area") }}
            order={["email", "kinds", "area"]}
          />
          <Form method="post" noValidate className="form">
            <CsrfInput />
            <TextField
              name="email"
              type="email"
              label={t("subscriptions.email")}
              autoComplete="email"
              defaultValue={actionData?.email}
              error={errors?.email}
              required
            />
            <fieldset className={`field${errors?.kinds ? " field--error" : ""}`} id="field-kinds">
              <legend>{t("subscriptions.what")}</legend>
              {errors?.kinds && (
                <p className="field__error">
                  <span className="visually-hidden">{t("forms.errorPrefix")} </span>
                  {t(errors.kinds as never)}
                </p>
              )}
              {d.topic && (
                <>
                  <p className="field__hint">{t("subscriptions.forConsultation", { title: d.topic.title })}</p>
                  <input type="hidden" name="topic" value={d.topic.slug} />
                  {(["reminders", "digest"] as const).map((kind) => (
                    <div className="choice" key={kind}>
                      <input type="checkbox" id={`field-kinds-${kind}`} name="kinds" value={kind} defaultChecked />
                      <label htmlFor={`field-kinds-${kind}`}>{t(`subscriptions.kinds.${kind}`)}</label>
                    </div>
                  ))}
                </>
              )}
              <div className="choice">
                <input type="checkbox" id="field-kinds-new_consultations" name="kinds" value="new_consultations" defaultChecked={!d.topic} />
                <label htmlFor="field-kinds-new_consultations">{t("subscriptions.kinds.new_consultations")}</label>
              </div>
            </fieldset>
            <SelectField
              name="country"
              label={t("subscriptions.country")}
              defaultValue=""
              options={[{ value: "", label: t("consultations.allCountries") }, ...d.parties.map((p) => ({ value: p.code, label: p.name }))]}
            />
            <SelectField
              name="area"
              label={t("subscriptions.area")}
              defaultValue=""
              error={errors?.area}
              options={[{ value: "", label: t("consultations.allAreas") }, ...d.areas.map((a) => ({ value: String(a.id), label: a.label }))]}
            />
            <button type="submit" name="intent" value="subscribe" className="button button--primary">
              {t("subscriptions.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
