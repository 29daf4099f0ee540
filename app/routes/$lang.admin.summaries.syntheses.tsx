import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, TextAreaField } from "~/components/forms";
import { listSyntheses, saveSynthesis } from "~/models/syntheses.server";
import { listAreas } from "~/models/workplan.server";
import { fieldErrors } from "~/schemas/field-errors";
import { synthesisSchema } from "~/schemas/summary";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { pageMeta } from "~/utils/meta";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "summaries.compile");
  const url = new URL(request.url);
  // Moderators write their own country's synthesis; admins choose the country.
  const party = user.actor.role === "admin" ? (url.searchParams.get("party") === "CL" ? "CL" : "CA") : (user.actor.partyCode ?? "CA");
  const [areas, texts] = await Promise.all([listAreas(db, locale), listSyntheses(db, party)]);
  return {
    locale,
    title: t("summaries.synthesesTitle"),
    party,
    isAdmin: user.actor.role === "admin",
    saved: url.searchParams.get("saved"),
    areas: areas.map((a) => ({
      id: a.id,
      label: `${a.number}. ${a.title}`,
      texts: Object.fromEntries((["en", "fr", "es"] as const).map((l) => [l, texts.find((x) => x.area_id === a.id && x.locale === l)?.text ?? ""])) as Record<
        "en" | "fr" | "es",
        string
      >,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "summaries.compile");
  const form = await request.formData();
  requireCsrf(request, form);
  const parsed = synthesisSchema.safeParse(Object.fromEntries(form));
  // Each area has its own form with the same fields: the messages are keyed "<area>-<field>".
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error, `${form.get("area")}-`) }, { status: 400 });
  await saveSynthesis(db, user.actor, {
    party: parsed.data.party,
    area: parsed.data.area,
    texts: { en: parsed.data.en, fr: parsed.data.fr, es: parsed.data.es },
  });
  return redirect(`/${locale}/admin/summaries/syntheses?party=${parsed.data.party}&saved=${parsed.data.area}`);
}

export default function Syntheses() {
  const { locale, party, areas, isAdmin, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string> }>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/${locale}/admin/summaries`}>{t("summaries.backToSummaries")}</Link>
      </p>
      <h1>{t("summaries.synthesesTitle")}</h1>
      <p>{t("summaries.synthesesIntro", { party: t(`admin.parties.${party === "CL" ? "CL" : "CA"}`) })}</p>
      {isAdmin && (
        <p>
          <Link to="?party=CA">{t("admin.parties.CA")}</Link> · <Link to="?party=CL">{t("admin.parties.CL")}</Link>
        </p>
      )}
      {saved && <Notice>{t("summaries.synthesisSaved")}</Notice>}
      <ErrorSummary errors={actionData?.errors} labels={{}} />
      {areas.map((area) => (
        <Form method="post" key={area.id} className="card">
          <h2>{area.label}</h2>
          <CsrfInput />
          <input type="hidden" name="area" value={area.id} />
          <input type="hidden" name="party" value={party} />
          {(["en", "fr", "es"] as const).map((l) => (
            <TextAreaField
              key={l}
              idBase={`${area.id}-${l}`}
              name={l}
              lang={l}
              rows={5}
              label={t("summaries.synthesisIn", { language: t(`languages.${l}`) })}
              error={actionData?.errors?.[`${area.id}-${l}`]}
              defaultValue={area.texts[l]}
            />
          ))}
          <button type="submit" className="button">
            {t("summaries.saveSynthesis")}
          </button>
        </Form>
      ))}
    </>
  );
}
