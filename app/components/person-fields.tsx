import { Link } from "@remix-run/react";
import { useEffect } from "react";
import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n";
import { stakeholderTypes } from "~/schemas/submission-choices";
import type { CheckedForm } from "./checked-form";

// The questions about the person that the submission form and an event's registration form both
// ask, with the same names, markup and messages (the labels are each form's own).

/** The kind of stakeholder, and the words for "other". */
export function StakeholderFields({ kit }: { kit: CheckedForm }) {
  const { t } = useTranslation();
  const { field, input } = kit;
  return (
    <>
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
    </>
  );
}

export type RegionsByCountry = Array<{ party: string; partyName: string; regions: Array<{ code: string; name: string }> }>;

/** The country, and the region within it: with JavaScript, only the chosen country's regions are offered. */
export function PlaceFields({ kit, regions }: { kit: CheckedForm; regions: RegionsByCountry }) {
  const { t } = useTranslation();
  const { form, hydrated, field, input } = kit;
  const country = useWatch({ control: form.control, name: "country" }) as string | undefined;
  // A region of another country than the one now chosen would be refused: let it go.
  useEffect(() => {
    const region = form.getValues("region") as string | undefined;
    if (hydrated && region && country && !region.startsWith(`${country}-`)) form.setValue("region", "");
  }, [country, hydrated, form]);
  const shownRegions = hydrated && country ? regions.filter((r) => r.party === country) : regions;
  return (
    <>
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
    </>
  );
}

/** How to reach the person: a name and an email address, under each form's own field names. */
export function ContactSection({
  kit,
  heading,
  hint,
  fields,
}: {
  kit: CheckedForm;
  heading: string;
  hint: string;
  fields: { name: "contactName" | "name"; email: "contactEmail" | "email" };
}) {
  const { field, input } = kit;
  return (
    <section aria-labelledby="s-contact">
      <h2 id="s-contact">{heading}</h2>
      <p className="field__hint">{hint}</p>
      {field(fields.name, <input type="text" maxLength={200} autoComplete="name" {...input(fields.name)} />)}
      {field(fields.email, <input type="email" maxLength={254} autoComplete="email" {...input(fields.email)} />)}
    </section>
  );
}

/** The acknowledgement of the privacy notice, which opens in a new tab. */
export function PrivacyField({ kit, locale }: { kit: CheckedForm; locale: Locale }) {
  const { t } = useTranslation();
  return kit.checkbox(
    "privacy",
    <>
      {kit.labels.privacy} (
      <Link to={`/${locale}/privacy`} target="_blank">
        {t("submission.readPrivacy")}
      </Link>
      )
    </>,
  );
}
