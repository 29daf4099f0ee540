import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import { rejectionReasons } from "~/schemas/moderation";
import { REPLY_TEMPLATE_BODY_MAX, replyTemplateKinds } from "~/schemas/reply-template";

export interface ReplyTemplateValues {
  kind?: string;
  locale?: string;
  reason?: string | null;
  name?: string;
  body?: string;
}

/**
 * Adds or edits one reply template (a plain HTML form; the action checks the country again).
 * `idBase` keeps the element ids apart when the page holds several of these forms.
 */
export function ReplyTemplateForm({
  action,
  intent,
  partyCode,
  id,
  idBase,
  values,
  errors,
  submitLabel,
}: {
  action: string;
  intent: "create" | "update";
  partyCode: string;
  id?: number;
  idBase: string;
  values?: ReplyTemplateValues;
  errors?: Record<string, string>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const labels = {
    kind: t("moderation.templates.kind"),
    locale: t("moderation.templates.language"),
    reason: t("moderation.templates.reason"),
    name: t("moderation.templates.name"),
    body: t("moderation.templates.body"),
  };
  const field = (name: keyof typeof labels) => `${idBase}-${name}`;
  return (
    <Form method="post" action={action} className="stack">
      <ErrorSummary errors={errors} labels={labels} order={Object.keys(labels)} />
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="partyCode" value={partyCode} />
      {id !== undefined && <input type="hidden" name="id" value={id} />}
      <SelectField
        name="kind"
        idBase={field("kind")}
        label={labels.kind}
        error={errors?.kind}
        defaultValue={values?.kind ?? "rejection"}
        options={replyTemplateKinds.map((k) => ({ value: k, label: t(`moderation.templates.kinds.${k}`) }))}
      />
      <SelectField
        name="locale"
        idBase={field("locale")}
        label={labels.locale}
        error={errors?.locale}
        defaultValue={values?.locale ?? "en"}
        options={(["en", "fr", "es"] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
      />
      <SelectField
        name="reason"
        idBase={field("reason")}
        label={labels.reason}
        hint={t("moderation.templates.reasonHint")}
        error={errors?.reason}
        defaultValue={values?.reason ?? ""}
        options={[{ value: "", label: "" }, ...rejectionReasons.map((r) => ({ value: r, label: t(`moderation.reasons.${r}`) }))]}
      />
      <TextField name="name" idBase={field("name")} label={labels.name} error={errors?.name} defaultValue={values?.name ?? ""} maxLength={100} />
      <TextAreaField
        name="body"
        idBase={field("body")}
        label={labels.body}
        error={errors?.body}
        defaultValue={values?.body ?? ""}
        rows={5}
        maxLength={REPLY_TEMPLATE_BODY_MAX}
        lang={values?.locale}
      />
      <button type="submit" className="button button--primary">
        {submitLabel}
      </button>
    </Form>
  );
}
