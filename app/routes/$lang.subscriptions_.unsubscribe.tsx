import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { describeSubscription, subscriptionByToken, unsubscribeByToken } from "~/models/subscriptions.server";
import { linkTokenSchema } from "~/schemas/subscription";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

// The unsubscribe link of every subscription email (ADR 039). GET shows a button (link checkers
// must not unsubscribe anyone); POST is RFC 8058's one-click: the mail client posts
// "List-Unsubscribe=One-Click" to the header's URL, with no session and no CSRF token — the signed
// token in the URL names the one subscription it may end, and nothing else.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const token = linkTokenSchema.safeParse(new URL(request.url).searchParams.get("token") ?? "");
  const sub = token.success ? await subscriptionByToken(db, token.data) : null;
  return data(
    {
      title: t("subscriptions.unsubscribeTitle"),
      token: sub ? token.data! : null,
      subscription: sub ? await describeSubscription(db, sub, locale) : null,
      already: sub?.status === "unsubscribed",
    },
    { status: sub ? 200 : 400 },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [...pageMeta(data), { name: "robots", content: "noindex" }];

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  // The header's URL carries the token; the page's button sends it in the form as well.
  const token = linkTokenSchema.safeParse(new URL(request.url).searchParams.get("token") ?? form.get("token") ?? "");
  const sub = token.success ? await unsubscribeByToken(db, token.data) : null;
  if (!sub) return data({ done: false, token: null as string | null }, { status: 400 });
  return data({ done: true, token: token.data! });
}

export default function Unsubscribe() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  if (result) {
    return (
      <div className="container narrow">
        <h1>{t("subscriptions.unsubscribeTitle")}</h1>
        {result.done ? <Notice>{t("subscriptions.unsubscribed")}</Notice> : <Notice tone="error">{t("subscriptions.badUnsubscribe")}</Notice>}
        {result.token && (
          <p>
            <Link to={`/${i18n.language}/subscriptions?${new URLSearchParams({ token: result.token })}`}>{t("subscriptions.manageLink")}</Link>
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="container narrow">
      <h1>{t("subscriptions.unsubscribeTitle")}</h1>
      {d.token ? (
        d.already ? (
          <Notice>{t("subscriptions.unsubscribed")}</Notice>
        ) : (
          <>
            <p>{t("subscriptions.unsubscribeIntro")}</p>
            <p>
              <strong>{d.subscription}</strong>
            </p>
            <Form method="post">
              <input type="hidden" name="token" value={d.token} />
              <button type="submit" className="button button--primary">
                {t("subscriptions.unsubscribeButton")}
              </button>
            </Form>
          </>
        )
      ) : (
        <Notice tone="error">{t("subscriptions.badUnsubscribe")}</Notice>
      )}
      {d.token && (
        <p>
          <Link to={`/${i18n.language}/subscriptions?${new URLSearchParams({ token: d.token })}`}>{t("subscriptions.manageLink")}</Link>
        </p>
      )}
    </div>
  );
}
