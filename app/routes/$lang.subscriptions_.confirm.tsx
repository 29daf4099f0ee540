import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, Notice } from "~/components/forms";
import { confirmSubscriptions, describeSubscription, pendingByConfirmToken } from "~/models/subscriptions.server";
import { linkTokenSchema } from "~/schemas/subscription";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

// The confirmation link (ADR 039). Opening it shows what it confirms and a button: link checkers
// that fetch every link of an email do not confirm anything; the button's POST does.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const token = linkTokenSchema.safeParse(new URL(request.url).searchParams.get("token") ?? "");
  const pending = token.success ? await pendingByConfirmToken(db, token.data) : [];
  const descriptions: string[] = [];
  for (const sub of pending) descriptions.push(await describeSubscription(db, sub, locale));
  return data({ title: t("subscriptions.confirmTitle"), token: pending.length ? token.data! : null, descriptions }, { status: pending.length ? 200 : 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [...pageMeta(data), { name: "robots", content: "noindex" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const form = await request.formData();
  requireCsrf(request, form);
  const token = linkTokenSchema.safeParse(form.get("token") ?? "");
  const manage = token.success ? await confirmSubscriptions(db, token.data) : null;
  if (!manage) return data({ title: t("subscriptions.confirmTitle"), token: null, descriptions: [] }, { status: 400 });
  // The manage page, with its signed link: the person sees what they now receive.
  return redirect(`/${locale}/subscriptions?${new URLSearchParams({ token: manage, notice: "confirmed" })}`);
}

export default function ConfirmSubscription() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container narrow">
      <h1>{t("subscriptions.confirmTitle")}</h1>
      {d.token ? (
        <>
          <p>{t("subscriptions.confirmIntro")}</p>
          <ul>
            {d.descriptions.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="token" value={d.token} />
            <button type="submit" className="button button--primary">
              {t("subscriptions.confirmButton")}
            </button>
          </Form>
        </>
      ) : (
        <Notice tone="error">{t("subscriptions.badConfirm")}</Notice>
      )}
    </div>
  );
}
