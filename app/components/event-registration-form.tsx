import { Form, Link, useSubmit } from "@remix-run/react";
import { useEffect, useSyncExternalStore, type FormEvent, type ReactNode } from "react";
import { useForm, useWatch, type FieldValues, type Resolver } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { genderChoices, stakeholderTypes, womenLedChoices } from "~/schemas/submission-choices";
import { clientFieldErrors } from "~/schemas/field-errors";
import type { Locale } from "~/i18n";
import { formatNumber } from "~/utils/format";
import { CsrfInput, ErrorSummary } from "./forms";

// The fields in the order the form shows them: the error summary lists problems in this order.
// The schema's own limit is repeated here (NEEDS_MAX), so the page ships no zod until the form is used (ADR 028).
const fieldOrder = [
  "name",
  "email",
  "stakeholderType",
  "stakeholderOther",
  "organisationName",
  "womenLed",
  "country",
  "region",
  "needs",
  "gender",
  "registerConsent",
  "privacy",
];
const NEEDS_MAX = 2000;

// The shared zod schema and its resolver load when the form is first used (as the submission form's).
let schemaResolver: Promise<Resolver<FieldValues>> | undefined;
function loadSchemaResolver(): Promise<Resolver<FieldValues>> {
  schemaResolver ??= Promise.all([import("@hookform/resolvers/zod"), import("~/schemas/event-registration")]).then(
    ([{ zodResolver }, { eventRegistrationSchema }]) => zodResolver(eventRegistrationSchema) as unknown as Resolver<FieldValues>,
    (): Resolver<FieldValues> => {
      schemaResolver = undefined;
      return (values) => ({ values, errors: {} });
    },
  );
  return schemaResolver;
}
const lazySchemaResolver: Resolver<FieldValues> = async (values, context, options) => (await loadSchemaResolver())(values, context, options);

const noSubscription = () => () => {};

export interface EventRegistrationFormProps {
  locale: Locale;
  values: Record<string, unknown>;
  serverErrors?: Record<string, string>;
  regions: Array<{ party: string; partyName: string; regions: Array<{ code: string; name: string }> }>;
  stamp: string;
}

/**
 * An event's registration form: a plain HTML form that works without JavaScript; with it,
 * react-hook-form checks it with the same zod schema before sending.
 */
export function EventRegistrationForm({ locale, values, serverErrors, regions, stamp }: EventRegistrationFormProps) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const form = useForm<FieldValues>({ resolver: lazySchemaResolver, defaultValues: values });
  const clientErrors = clientFieldErrors(form.formState.errors as Record<string, { message?: unknown } | undefined>);
  const errors = Object.keys(clientErrors).length ? clientErrors : serverErrors;
  const country = useWatch({ control: form.control, name: "country" }) as string | undefined;
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  useEffect(() => {
    const region = form.getValues("region") as string | undefined;
    if (hydrated && region && country && !region.startsWith(`${country}-`)) form.setValue("region", "");
  }, [country, hydrated, form]);
  const errorKey = Object.keys(errors ?? {}).join();
  useEffect(() => {
    if (!errorKey) return;
    const prefix = `${t("forms.errorPrefix")} `;
    const plain = document.title;
    if (plain.startsWith(prefix)) return;
    document.title = prefix + plain;
    return () => {
      if (document.title === prefix + plain) document.title = plain;
    };
  }, [errorKey, t]);
  const shownRegions = hydrated && country ? regions.filter((r) => r.party === country) : regions;

  const labels = Object.fromEntries(fieldOrder.map((n) => [n, t(`eventRegistration.fields.${n}` as never)]));
  const describedBy = (name: string, hint?: boolean) =>
    [hint ? `field-${name}-hint` : "", errors?.[name] ? `field-${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  const errorLine = (name: string) =>
    errors?.[name] ? (
      <p className="field__error" id={`field-${name}-error`}>
        <span className="visually-hidden">{t("forms.errorPrefix")} </span>
        {t(errors[name] as never)}
      </p>
    ) : null;
  const field = (name: string, control: ReactNode, hint?: string) => (
    <div className={`field${errors?.[name] ? " field--error" : ""}`}>
      <label htmlFor={`field-${name}`}>{labels[name]}</label>
      {hint && (
        <p className="field__hint" id={`field-${name}-hint`}>
          {hint}
        </p>
      )}
      {errorLine(name)}
      {control}
    </div>
  );
  const input = (name: string, hint = false) => ({
    id: `field-${name}`,
    ...form.register(name),
    defaultValue: (values[name] as string | undefined) ?? "",
    "aria-invalid": errors?.[name] ? true : undefined,
    "aria-describedby": describedBy(name, hint),
  });
  const radios = (name: string, choices: readonly string[], legendHint?: string) => (
    <fieldset className={`field${errors?.[name] ? " field--error" : ""}`} id={`field-${name}`} aria-describedby={describedBy(name, !!legendHint)}>
      <legend>{labels[name]}</legend>
      {legendHint && (
        <p className="field__hint" id={`field-${name}-hint`}>
          {legendHint}
        </p>
      )}
      {errorLine(name)}
      {choices.map((c) => (
        <div className="choice" key={c}>
          <input type="radio" id={`field-${name}-${c}`} value={c} {...form.register(name)} defaultChecked={values[name] === c} />
          <label htmlFor={`field-${name}-${c}`}>{t(`submission.choices.${name}.${c}` as never)}</label>
        </div>
      ))}
    </fieldset>
  );
  const checkbox = (name: string, label: ReactNode, hint?: string) => (
    <div className={`field${errors?.[name] ? " field--error" : ""}`}>
      {hint && (
        <p className="field__hint" id={`field-${name}-hint`}>
          {hint}
        </p>
      )}
      {errorLine(name)}
      <div className="field__checkbox">
        <input
          type="checkbox"
          id={`field-${name}`}
          value="on"
          {...form.register(name)}
          defaultChecked={values[name] === "on"}
          aria-describedby={describedBy(name, !!hint)}
          aria-invalid={errors?.[name] ? true : undefined}
        />
        <label htmlFor={`field-${name}`}>{label}</label>
      </div>
    </div>
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    void form.handleSubmit(() => void submit(target))(event);
  };

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} order={fieldOrder} />
      <Form method="post" noValidate className="form registration-form" onSubmit={onSubmit} onFocus={() => void loadSchemaResolver()}>
        <CsrfInput />
        <input type="hidden" name="stamp" value={stamp} />
        <div className="hp" aria-hidden="true">
          <label htmlFor="field-website">{t("submission.honeypot")}</label>
          <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>

        <section aria-labelledby="s-contact">
          <h2 id="s-contact">{t("eventRegistration.sections.contact")}</h2>
          <p className="field__hint">{t("eventRegistration.hints.contact")}</p>
          {field("name", <input type="text" maxLength={200} autoComplete="name" {...input("name")} />)}
          {field("email", <input type="email" maxLength={254} autoComplete="email" {...input("email")} />)}
        </section>

        <section aria-labelledby="s-who">
          <h2 id="s-who">{t("eventRegistration.sections.who")}</h2>
          {field(
            "stakeholderType",
            <select {...input("stakeholderType")}>
              <option value="">{t("submission.choose")}</option>
              {stakeholderTypes.map((s) => (
                <option key={s} value={s}>
                  {t(`submission.choices.stakeholderType.${s}`)}
                </option>
              ))}
            </select>,
          )}
          {field("stakeholderOther", <input type="text" maxLength={200} {...input("stakeholderOther", true)} />, t("submission.hints.stakeholderOther"))}
          {field("organisationName", <input type="text" maxLength={200} autoComplete="organization" {...input("organisationName")} />)}
          {radios("womenLed", womenLedChoices)}
          {field(
            "country",
            <select {...input("country")}>
              <option value="">{t("submission.choose")}</option>
              {regions.map((r) => (
                <option key={r.party} value={r.party}>
                  {r.partyName}
                </option>
              ))}
              <option value="other">{t("submission.otherCountry")}</option>
            </select>,
          )}
          {field(
            "region",
            <select {...input("region", true)}>
              <option value="">{t("submission.noRegion")}</option>
              {shownRegions.map((r) => (
                <optgroup key={r.party} label={r.partyName}>
                  {r.regions.map((region) => (
                    <option key={region.code} value={region.code}>
                      {region.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>,
            t("submission.hints.region"),
          )}
        </section>

        <section aria-labelledby="s-needs">
          <h2 id="s-needs">{t("eventRegistration.sections.needs")}</h2>
          {field(
            "needs",
            <textarea rows={4} maxLength={NEEDS_MAX} {...input("needs", true)} />,
            t("eventRegistration.hints.needs", { max: formatNumber(NEEDS_MAX, locale) }),
          )}
        </section>

        <section aria-labelledby="s-register">
          <h2 id="s-register">{t("eventRegistration.sections.register")}</h2>
          {radios("gender", genderChoices, t("eventRegistration.hints.gender"))}
          {checkbox("registerConsent", labels.registerConsent, t("eventRegistration.hints.registerConsent"))}
          {checkbox(
            "privacy",
            <>
              {labels.privacy} (
              <Link to={`/${locale}/privacy`} target="_blank">
                {t("submission.readPrivacy")}
              </Link>
              )
            </>,
          )}
        </section>

        <button type="submit" className="button button--primary">
          {t("eventRegistration.send")}
        </button>
      </Form>
    </>
  );
}
