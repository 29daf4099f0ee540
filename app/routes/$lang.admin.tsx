import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { can, type Permission } from "~/utils/permissions";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "backoffice.enter");
  const sections: Array<{ to: string; key: string; permission: Permission }> = [
    { to: "", key: "overview", permission: "backoffice.enter" },
    { to: "/topics", key: "topics", permission: "topics.manage" },
    { to: "/submissions", key: "submissions", permission: "submissions.moderate" },
    { to: "/themes", key: "themes", permission: "themes.manage" },
    { to: "/templates", key: "templates", permission: "submissions.moderate" },
    { to: "/summaries", key: "summaries", permission: "summaries.read" },
    { to: "/workplan", key: "workplan", permission: "workplan.manage" },
    { to: "/events", key: "events", permission: "events.manage" },
    { to: "/users", key: "users", permission: "users.manage" },
    { to: "/audit", key: "audit", permission: "audit.read" },
    { to: "/outbox", key: "outbox", permission: "outbox.read" },
    { to: "/jobs", key: "jobs", permission: "jobs.read" },
  ];
  return {
    locale,
    user: { displayName: user.display_name, email: user.email, role: user.role, partyCode: user.party_code },
    nav: sections.filter((s) => can(user.actor, s.permission)).map(({ to, key }) => ({ to, key })),
  };
}

export default function AdminLayout() {
  const { locale, user, nav } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container admin">
      <div className="admin__bar">
        <p className="admin__who">
          {t("admin.signedInAs", { name: user.displayName })} · {t(`admin.roles.${user.role}`)}
          {user.partyCode && ` · ${t(`admin.parties.${user.partyCode === "CL" ? "CL" : "CA"}`)}`}
        </p>
        <nav aria-label={t("admin.navLabel")} className="admin__nav">
          <ul>
            {nav.map((item) => (
              <li key={item.key}>
                <NavLink to={`/${locale}/admin${item.to}`} end={item.to === ""}>
                  {t(`admin.nav.${item.key}` as never)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <Outlet />
    </div>
  );
}
