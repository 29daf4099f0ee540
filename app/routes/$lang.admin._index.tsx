import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { pageMeta } from "~/utils/meta";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { user, t } = await requireBackOffice(request, params, "backoffice.enter");
  return { title: t("admin.overviewTitle"), role: user.role };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function AdminHome() {
  const { role } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("admin.overviewTitle")}</h1>
      <p>{t(`admin.overviewText.${role}`)}</p>
    </>
  );
}
