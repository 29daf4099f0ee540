import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { CsrfInput, Notice } from "~/components/forms";
import { getOutboxMessage, isResendable, listOutbox, OutboxRefused, resendOutboxMessage } from "~/models/outbox.server";
import { outboxResendSchema } from "~/schemas/outbox";
import { backOfficeClock, requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "outbox.read");
  const clock = await backOfficeClock(db, user.actor, locale);
  const search = new URL(request.url).searchParams;
  const id = Number(search.get("id"));
  const before = Number(search.get("before")) || undefined;
  let message = null;
  if (search.has("id")) {
    message = Number.isInteger(id) && id > 0 ? await getOutboxMessage(db, id) : undefined;
    if (!message) notFound();
  }
  const { messages, nextBefore } = await listOutbox(db, before);
  return {
    title: t("admin.outbox.title"),
    nextBefore,
    message: message && { ...message, created_at: clock(message.created_at), resendable: isResendable(message.kind) },
    messages: messages.map((m) => ({ ...m, created_at: clock(m.created_at) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

type ActionResult = { ok?: "admin.outbox.resent"; error?: "admin.outbox.notResendable" | "validation.invalid" };

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { user } = await requireBackOffice(request, params, "outbox.read");
  const form = await request.formData();
  requireCsrf(request, form);
  const parsed = outboxResendSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ error: "validation.invalid" }, { status: 400 });
  try {
    await resendOutboxMessage(db, { id: user.id, email: user.email, actor: user.actor }, parsed.data.id);
    return data<ActionResult>({ ok: "admin.outbox.resent" });
  } catch (error) {
    if (error instanceof OutboxRefused)
      return data<ActionResult>({ error: "admin.outbox.notResendable" }, { status: error.reason === "not_found" ? 404 : 409 });
    throw error;
  }
}

export default function Outbox() {
  const { messages, message, nextBefore } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation();
  // On a phone each message is a card, each field under its heading (DataTable's `stack`).
  const columns = [t("admin.outbox.date"), t("admin.outbox.to"), t("admin.outbox.subject"), t("admin.outbox.status")];
  return (
    <>
      <h1>{t("admin.outbox.title")}</h1>
      <p>{t("admin.outbox.intro")}</p>
      <p>{t("admin.outbox.masked")}</p>
      {result?.ok && <Notice>{t(result.ok)}</Notice>}
      {result?.error && <Notice tone="error">{t(result.error)}</Notice>}
      {message && (
        <article className="panel email-preview" aria-labelledby="email-subject">
          <h2 id="email-subject" lang={message.locale}>
            {message.subject}
          </h2>
          <dl className="facts">
            <div>
              <dt>{t("admin.outbox.to")}</dt>
              <dd>{message.to_address}</dd>
            </div>
            <div>
              <dt>{t("admin.outbox.date")}</dt>
              <dd>{message.created_at}</dd>
            </div>
            <div>
              <dt>{t("admin.outbox.status")}</dt>
              <dd>{t(`admin.outbox.statuses.${message.status}`)}</dd>
            </div>
          </dl>
          {message.error && <p className="notice">{message.error}</p>}
          <pre className="email-text" lang={message.locale}>
            {message.text_body}
          </pre>
          {message.resendable && (
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="resend" />
              <input type="hidden" name="id" value={message.id} />
              <button type="submit" className="button button--secondary">
                {t("admin.outbox.resend")}
              </button>
            </Form>
          )}
        </article>
      )}
      <DataTable id="outbox" caption={t("admin.outbox.caption")} columns={columns} empty={messages.length === 0 && t("admin.outbox.none")} stack>
        {messages.map((m) => (
          <tr key={m.id} role="row">
            <td role="cell" data-label={columns[0]}>
              {m.created_at}
            </td>
            <td role="cell" data-label={columns[1]} className="break-anywhere">
              {m.to_address}
            </td>
            <td role="cell" data-label={columns[2]} lang={m.locale}>
              <Link to={`?id=${m.id}`}>{m.subject}</Link>
            </td>
            <td role="cell" data-label={columns[3]}>
              {t(`admin.outbox.statuses.${m.status}`)}
            </td>
          </tr>
        ))}
      </DataTable>
      {nextBefore && (
        <p>
          <Link to={`?before=${nextBefore}`}>{t("admin.olderEntries")}</Link>
        </p>
      )}
    </>
  );
}
