import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, Notice, SelectField, TextField } from "~/components/forms";
import { attachDeliverable, DeliverableRefused, isOverdue, listWorkplanProgress, requireAttachable, updateProgress } from "~/models/workplan.server";
import { fieldErrors } from "~/schemas/field-errors";
import { progressStatuses, progressUpdateSchema, workplanFiltersSchema } from "~/schemas/workplan";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { DELIVERABLE_MAX_BYTES } from "~/utils/body-limits";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { discardBody, removeStored } from "~/utils/files.server";
import { closeConnection, readSingleUpload } from "~/web/single-upload.server";
import { formatDay, formatSize } from "~/utils/format";
import { pageMeta } from "~/utils/meta";

// Officials keep their country's side of the work plan current (ADR 044): status, date, and the
// deliverable's file once done. What they save is public on /:lang/workplan.

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "workplan.manage");
  const url = new URL(request.url);
  const filters = workplanFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const now = new Date();
  const list = await listWorkplanProgress(db, user.actor, locale, filters, now);
  return {
    locale,
    title: t("admin.workplan.title"),
    filters,
    saved: url.searchParams.get("saved"),
    areas: list.areas.map((a) => ({
      ...a,
      items: a.items.map((i) => ({
        ...i,
        progress: i.progress.map((p) => ({
          ...p,
          overdue: isOverdue(p, now),
          updatedText: p.updatedAt ? formatDay(p.updatedAt, locale) : null,
          fileText: p.file ? `${p.file.name} (${formatSize(p.file.size, locale)})` : null,
        })),
      })),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

type ActionAnswer = { target: string; errors: Record<string, string> };

function target(itemId: number | string, party: string) {
  return `item-${itemId}-${party}`;
}

async function uploadDeliverable(request: Request, locale: string, by: Parameters<typeof attachDeliverable>[1]) {
  const url = new URL(request.url);
  const itemId = Number(url.searchParams.get("item"));
  const party = String(url.searchParams.get("party") ?? "");
  const here = target(itemId, party);
  try {
    if (!Number.isInteger(itemId) || itemId <= 0) throw new Response("Bad request", { status: 400 });
    await requireAttachable(db, by.actor, itemId, party); // 404/403/not done before storing anything
  } catch (error) {
    await discardBody(request, DELIVERABLE_MAX_BYTES + 1_000_000);
    if (error instanceof DeliverableRefused) return data<ActionAnswer>({ target: here, errors: { file: error.messageKey } }, { status: 400 });
    throw error;
  }
  const upload = await readSingleUpload(request, "file", { maxBytes: DELIVERABLE_MAX_BYTES, accept: ["pdf"] });
  if (!upload.ok) return data<ActionAnswer>({ target: here, errors: { file: upload.errorKey } }, { status: upload.status, headers: closeConnection });
  const { form, file } = upload;
  try {
    requireCsrf(request, form);
    if (!file) return data<ActionAnswer>({ target: here, errors: { file: "validation.fileEmpty" } }, { status: 400 });
    const { replacedKey } = await attachDeliverable(db, by, itemId, party, file);
    if (replacedKey) await removeStored(replacedKey);
  } catch (error) {
    // A refused key is another record's: never delete it.
    if (error instanceof DeliverableRefused && error.messageKey === "validation.fileEmpty") {
      return data<ActionAnswer>({ target: here, errors: { file: error.messageKey } }, { status: 400 });
    }
    if (file) await removeStored(file.key);
    if (error instanceof DeliverableRefused) return data<ActionAnswer>({ target: here, errors: { file: error.messageKey } }, { status: 400 });
    throw error;
  }
  return redirect(`/${locale}/admin/workplan?saved=attached#${here}`);
}

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "workplan.manage");
  const by = { id: user.id, email: user.email, actor: user.actor };
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return uploadDeliverable(request, locale, by);
  const form = await request.formData();
  requireCsrf(request, form);
  const parsed = progressUpdateSchema.safeParse(Object.fromEntries(form));
  const here = target(String(form.get("itemId") ?? ""), String(form.get("party") ?? ""));
  if (!parsed.success) return data<ActionAnswer>({ target: here, errors: fieldErrors(parsed.error) }, { status: 400 });
  const changed = await updateProgress(db, by, parsed.data);
  return redirect(`/${locale}/admin/workplan?saved=${changed ? "saved" : "unchanged"}#${here}`);
}

export default function WorkplanAdmin() {
  const { locale, areas, filters, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionAnswer>();
  const { t } = useTranslation();
  const statusOptions = progressStatuses.map((s) => ({ value: s, label: t(`workplan.status.${s}`) }));
  const anything = areas.some((a) => a.items.length > 0);
  return (
    <>
      <h1>{t("admin.workplan.title")}</h1>
      <p>{t("admin.workplan.intro")}</p>
      {saved && <Notice>{t(`admin.workplan.done.${(["saved", "unchanged", "attached"] as const).find((k) => k === saved) ?? "saved"}`)}</Notice>}
      {filters.overdue && (
        <p>
          {t("admin.workplan.overdueOnly")} <Link to={`/${locale}/admin/workplan`}>{t("admin.workplan.showAll")}</Link>
        </p>
      )}
      {!anything && <p>{t("admin.workplan.none")}</p>}
      {areas
        .filter((a) => a.items.length > 0)
        .map((area) => (
          <section key={area.id} className="panel" aria-labelledby={`wp-area-${area.number}`}>
            <h2 id={`wp-area-${area.number}`}>
              {area.number}. {area.title}
            </h2>
            <p>
              <a href={`/${locale}/consultations?area=${area.number}`}>{t("admin.workplan.consultations", { count: area.consultations })}</a>
            </p>
            {area.items.map((item) => (
              <article key={item.id} className="workplan-item" aria-labelledby={`wp-item-${item.id}`}>
                <h3 id={`wp-item-${item.id}`} className="workplan-item__title">
                  <span className="muted">{t(`admin.workplan.kinds.${item.kind}`)}</span> {item.text}
                </h3>
                {item.timing && <p className="muted">{t("workplan.asWritten", { timing: item.timing })}</p>}
                {item.progress.map((p) => {
                  const id = target(item.id, p.party);
                  const errors = actionData?.target === id ? actionData.errors : undefined;
                  const party = t(`admin.parties.${p.party}` as never);
                  return (
                    <div key={p.party} id={id} className="workplan-progress">
                      <Form method="post" className="workplan-progress__form">
                        <fieldset>
                          <legend>
                            {party} {p.overdue && <span className="badge badge--to_be_confirmed">{t("admin.workplan.overdue")}</span>}{" "}
                            <span className="muted">
                              {p.updatedText ? t("admin.workplan.updatedOn", { date: p.updatedText }) : t("admin.workplan.notUpdated")}
                            </span>
                          </legend>
                          <CsrfInput />
                          <input type="hidden" name="itemId" value={item.id} />
                          <input type="hidden" name="party" value={p.party} />
                          <SelectField
                            name="status"
                            idBase={`${id}-status`}
                            label={t("admin.workplan.status")}
                            options={statusOptions}
                            defaultValue={p.status}
                            error={errors?.status}
                          />
                          <TextField
                            name="dueOn"
                            idBase={`${id}-dueOn`}
                            type="date"
                            label={t("admin.workplan.dueOn")}
                            hint={t("admin.workplan.dueHint")}
                            defaultValue={p.dueOn ?? ""}
                            error={errors?.dueOn}
                          />
                          <div className="choice">
                            <input type="checkbox" id={`${id}-tentative`} name="tentative" defaultChecked={p.tentative} />
                            <label htmlFor={`${id}-tentative`}>{t("admin.workplan.tentative")}</label>
                          </div>
                          <button type="submit" className="button">
                            {t("admin.workplan.save")}
                          </button>
                        </fieldset>
                      </Form>
                      {errors?.file && p.status !== "done" && <Notice tone="error">{t(errors.file as never)}</Notice>}
                      {p.status === "done" && (
                        <Form method="post" encType="multipart/form-data" action={`?item=${item.id}&party=${p.party}`} className="workplan-progress__file">
                          <CsrfInput />
                          {p.fileText && (
                            <p>
                              <a href={`/${locale}/workplan/deliverables/${item.id}/${p.party}`}>{t("admin.workplan.current", { name: p.fileText })}</a>
                            </p>
                          )}
                          <div className={`field${errors?.file ? " field--error" : ""}`}>
                            <label htmlFor={`field-${id}-file`}>{t("admin.workplan.file")}</label>
                            <p className="field__hint" id={`field-${id}-file-hint`}>
                              {t("admin.workplan.fileHint")}
                            </p>
                            {errors?.file && (
                              <p className="field__error" id={`field-${id}-file-error`}>
                                {t(errors.file as never)}
                              </p>
                            )}
                            <input
                              type="file"
                              id={`field-${id}-file`}
                              name="file"
                              accept="application/pdf,.pdf"
                              required
                              aria-invalid={errors?.file ? true : undefined}
                              aria-describedby={`field-${id}-file-hint${errors?.file ? ` field-${id}-file-error` : ""}`}
                            />
                          </div>
                          <button type="submit" className="button button--secondary">
                            {t("admin.workplan.attach")}
                          </button>
                        </Form>
                      )}
                    </div>
                  );
                })}
              </article>
            ))}
          </section>
        ))}
    </>
  );
}
