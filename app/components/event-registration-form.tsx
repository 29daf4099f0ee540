import { Form, useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import type { FieldValues, Resolver } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { genderChoices, womenLedChoices } from "~/schemas/submission-choices";
import type { Locale } from "~/i18n";
import { formatNumber } from "~/utils/format";
import { lazySchemaResolver, useCheckedForm } from "./checked-form";
import { CsrfInput, ErrorSummary, Honeypot } from "./forms";
import { ContactSection, PlaceFields, PrivacyField, StakeholderFields, type RegionsByCountry } from "./person-fields";

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
const schema = lazySchemaResolver(() =>
  Promise.all([import("@hookform/resolvers/zod"), import("~/schemas/event-registration")]).then(
    ([{ zodResolver }, { eventRegistrationSchema }]) => zodResolver(eventRegistrationSchema) as unknown as Resolver<FieldValues>,
  ),
);

export interface EventRegistrationFormProps {
  locale: Locale;
  values: Record<string, unknown>;
  serverErrors?: Record<string, string>;
  regions: RegionsByCountry;
  stamp: string;
}

/**
 * An event's registration form: a plain HTML form that works without JavaScript; with it,
 * react-hook-form checks it with the same zod schema before sending.
 */
export function EventRegistrationForm({ locale, values, serverErrors, regions, stamp }: EventRegistrationFormProps) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const labels = Object.fromEntries(fieldOrder.map((n) => [n, t(`eventRegistration.fields.${n}` as never)]));
  const kit = useCheckedForm({ values, serverErrors, resolver: schema.resolver, labels });
  const { form, errors, field, input, radios, checkbox } = kit;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    void form.handleSubmit(() => void submit(target))(event);
  };

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} order={fieldOrder} />
      <Form method="post" noValidate className="form registration-form" onSubmit={onSubmit} onFocus={() => void schema.preload()}>
        <CsrfInput />
        <input type="hidden" name="stamp" value={stamp} />
        <Honeypot />

        <ContactSection
          kit={kit}
          heading={t("eventRegistration.sections.contact")}
          hint={t("eventRegistration.hints.contact")}
          fields={{ name: "name", email: "email" }}
        />

        <section aria-labelledby="s-who">
          <h2 id="s-who">{t("eventRegistration.sections.who")}</h2>
          <StakeholderFields kit={kit} />
          {field("organisationName", <input type="text" maxLength={200} autoComplete="organization" {...input("organisationName")} />)}
          {radios("womenLed", womenLedChoices)}
          <PlaceFields kit={kit} regions={regions} />
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
          <PrivacyField kit={kit} locale={locale} />
        </section>

        <button type="submit" className="button button--primary">
          {t("eventRegistration.send")}
        </button>
      </Form>
    </>
  );
}
