import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, Notice } from "~/components/forms";
import { ReplyTemplateForm } from "~/components/reply-template-form";
import {
  createReplyTemplate,
  deleteReplyTemplate,
  getReplyTemplate,
  listReplyTemplates,
  templatePartyFor,
  updateReplyTemplate,
} from "~/models/reply-templates.server";
import { fieldErrors } from "~/schemas/field-errors";
import { replyTemplateSchema } from "~/schemas/reply-template";
import { isThemePartyCode, themePartyCodes } from "~/schemas/theme";
import { requireBackOffice } from "~/web/backoffice.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { pageMeta } from "~/utils/meta";
import { requirePermission } from "~/utils/permissions";
import { withDomainErrors } from "~/web/domain-errors.server";

const DONE = ["created", "updated", "deleted"] as const;

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "submissions.moderate");
  const search = new URL(request.url).searchParams;
  const party = templatePartyFor(user.actor, search.get("party"));
  return {
    locale,
    title: t("moderation.templates.title"),
    party,
    // Admins manage both countries' templates and switch between them.
    parties: user.role === "admin" ? [...themePartyCodes] : [],
    done: DONE.find((d) => d === search.get("done")) ?? null,
    templates: await listReplyTemplates(db, user.actor, party),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

type ActionResult = { target: string; errors: Record<string, string>; values: Record<string, string> };

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "submissions.moderate");
  const form = await request.formData();
  requireCsrf(request, form);
  const intent = form.get("intent");
  const id = Number(form.get("id"));
  if (intent === "delete") {
    const party = await deleteReplyTemplate(db, user.actor, id);
    return redirect(`/${locale}/admin/templates?party=${party}&done=deleted`);
  }
  if (intent !== "create" && intent !== "update") throw new Response("Bad request", { status: 400 });
  // A new template has no row yet: the country it is for comes from the form, checked first.
  const partyCode = form.get("partyCode");
  if (intent === "create") {
    if (!isThemePartyCode(partyCode)) throw new Response("Bad request", { status: 400 });
    requirePermission(user.actor, "submissions.moderate", { partyCode });
  }
  const raw = Object.fromEntries([...form].filter(([k, v]) => k !== "csrf" && typeof v === "string")) as Record<string, string>;
  const parsed = replyTemplateSchema.safeParse(raw);
  const target = intent === "create" ? "create" : `t${id}`;
  if (!parsed.success) {
    // Refuse another country's template before saying anything about the form.
    if (intent === "update") await getReplyTemplate(db, user.actor, id);
    return data<ActionResult>({ target, errors: fieldErrors(parsed.error), values: raw }, { status: 400 });
  }
  const party =
    intent === "create"
      ? (await createReplyTemplate(db, user.actor, partyCode as string, parsed.data), partyCode)
      : await updateReplyTemplate(db, user.actor, id, parsed.data);
  return redirect(`/${locale}/admin/templates?party=${party}&done=${intent === "create" ? "created" : "updated"}`);
}

export default function ReplyTemplates() {
  const { locale, party, parties, templates, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation();
  const partyName = t(`admin.parties.${party}`);
  const here = `/${locale}/admin/templates?party=${party}`;
  return (
    <>
      <h1>{t("moderation.templates.title")}</h1>
      <p>{t("moderation.templates.intro")}</p>
      {parties.length > 0 && (
        <nav aria-label={t("moderation.templates.partyNav")} className="pagination">
          <ul>
            {parties.map((p) => (
              <li key={p}>
                {p === party ? (
                  <span aria-current="page">{t(`admin.parties.${p}`)}</span>
                ) : (
                  <Link to={`/${locale}/admin/templates?party=${p}`}>{t(`admin.parties.${p}`)}</Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
      {done && <Notice>{t(`moderation.templates.done.${done}`)}</Notice>}

      <section aria-labelledby="create-title" className="panel">
        <h2 id="create-title">{t("moderation.templates.createTitle", { party: partyName })}</h2>
        <ReplyTemplateForm
          key={done ?? "create"}
          action={here}
          intent="create"
          partyCode={party}
          idBase="new"
          values={result?.target === "create" ? result.values : undefined}
          errors={result?.target === "create" ? result.errors : undefined}
          submitLabel={t("moderation.templates.create")}
        />
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t("moderation.templates.caption", { party: partyName, count: templates.length })}</h2>
        {templates.length === 0 && <p>{t("moderation.templates.none")}</p>}
        <ul className="card-list">
          {templates.map((tpl) => {
            const mine = result?.target === `t${tpl.id}`;
            return (
              <li key={tpl.id} className="card">
                <h3>
                  {tpl.name}{" "}
                  <span className="muted">
                    ({t(`moderation.templates.kinds.${tpl.kind}`)} · {t(`languages.${tpl.locale}`)})
                  </span>
                </h3>
                {tpl.reason && <p>{t(`moderation.reasons.${tpl.reason as "other"}`)}</p>}
                <p className="pre-line" lang={tpl.locale}>
                  {tpl.body}
                </p>
                <details open={mine}>
                  <summary>{t("moderation.templates.edit", { name: tpl.name })}</summary>
                  <ReplyTemplateForm
                    action={here}
                    intent="update"
                    partyCode={party}
                    id={tpl.id}
                    idBase={`t${tpl.id}`}
                    values={mine ? result.values : tpl}
                    errors={mine ? result.errors : undefined}
                    submitLabel={t("moderation.templates.save")}
                  />
                </details>
                <Form method="post" action={here}>
                  <CsrfInput />
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={tpl.id} />
                  <button type="submit" className="button button--danger">
                    {t("moderation.templates.delete")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
