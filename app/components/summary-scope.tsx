import { useState, useSyncExternalStore, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/forms";

export const SUMMARY_SCOPES = ["area", "pair", "topic", "party"] as const;
export type SummaryScopeKind = (typeof SUMMARY_SCOPES)[number];

export const scopeKind = (value: string | undefined): SummaryScopeKind =>
  SUMMARY_SCOPES.includes(value as SummaryScopeKind) ? (value as SummaryScopeKind) : "area";

const noSubscription = () => () => {};

/** The submit button of the first step, for browsers without JavaScript (see SummaryScopeFields). */
export type ScopeStepButton = { name: string; value: string; formAction?: string; formMethod?: "get" | "post" };

/**
 * What a summary covers, then only the fields of that choice (issue 18, item 7). With
 * JavaScript the fields follow the radio buttons in place; without it (and until the page is
 * hydrated) the page shows the fields of the choice it was sent with, and a button sends the new
 * choice back to be shown with its own fields — "choose the scope, then the rest". A form sent
 * with another choice than the fields shown is refused by the schema and comes back with the
 * chosen scope's fields, so a summary is never built from fields the person did not see.
 */
export function SummaryScopeFields(props: {
  form: "dl" | "cp";
  values: Record<string, string>;
  errors?: Record<string, string>;
  areas: Array<{ id: number; label: string }>;
  topics: Array<{ value: string; label: string }>;
  step: ScopeStepButton;
}) {
  const { form, values, errors, areas, topics, step } = props;
  const { t } = useTranslation();
  const [scope, setScope] = useState<SummaryScopeKind>(scopeKind(values.scope));
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const topicOptions = [{ value: "", label: "" }, ...topics];
  const topicField = (name: "topic" | "topicA" | "topicB") => (
    <SelectField
      key={name}
      idBase={`${form}-${name}`}
      name={name}
      label={t(`summaries.${name}`)}
      error={errors?.[name]}
      defaultValue={values[name] ?? ""}
      options={topicOptions}
    />
  );
  const fields: Record<SummaryScopeKind, ReactNode> = {
    area: (
      <SelectField
        idBase={`${form}-area`}
        name="area"
        label={t("summaries.area")}
        error={errors?.area}
        defaultValue={values.area ?? String(areas[2]?.id ?? "")}
        options={areas.map((a) => ({ value: String(a.id), label: a.label }))}
      />
    ),
    pair: [topicField("topicA"), topicField("topicB")],
    topic: topicField("topic"),
    party: (
      <>
        <SelectField
          idBase={`${form}-party`}
          name="party"
          label={t("summaries.party")}
          error={errors?.party}
          defaultValue={values.party ?? ""}
          options={[
            { value: "", label: "" },
            { value: "CA", label: t("admin.parties.CA") },
            { value: "CL", label: t("admin.parties.CL") },
          ]}
        />
        <TextField idBase={`${form}-from`} name="from" type="date" label={t("summaries.from")} defaultValue={values.from ?? ""} />
        <TextField idBase={`${form}-to`} name="to" type="date" label={t("summaries.to")} error={errors?.to} defaultValue={values.to ?? ""} />
      </>
    ),
  };
  return (
    <>
      <fieldset className="scope-choice">
        <legend>{t("summaries.scope")}</legend>
        {SUMMARY_SCOPES.map((kind) => (
          <div className="choice" key={kind}>
            <input type="radio" name="scope" id={`${form}-scope-${kind}`} value={kind} checked={scope === kind} onChange={() => setScope(kind)} />
            <label htmlFor={`${form}-scope-${kind}`}>{t(`summaries.scopes.${kind}`)}</label>
          </div>
        ))}
        {!hydrated && (
          <button type="submit" className="button button--secondary" formNoValidate {...step}>
            {t("summaries.chooseScope")}
          </button>
        )}
      </fieldset>
      <div className="filters" data-scope={scope}>
        {fields[scope]}
        <SelectField
          idBase={`${form}-edition`}
          name="edition"
          label={t("summaries.edition")}
          defaultValue={values.edition ?? "committee"}
          options={[
            { value: "committee", label: t("summary.editions.committee") },
            { value: "public", label: t("summary.editions.public") },
          ]}
        />
      </div>
    </>
  );
}
