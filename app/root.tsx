import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { SiteFooter, SiteHeader } from "~/components/site-layout";
import i18next, { getT } from "~/i18next.server";
import { getSessionUser } from "~/utils/session.server";
import { defaultLocale, isLocale, type Locale } from "~/i18n";
import stylesUrl from "~/styles/app.css";
import { useNonce } from "~/utils/nonce";
import { isPublicPagePath } from "~/utils/public-pages";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = (await i18next.getLocale(request)) as Locale;
  const t = getT(locale);
  const user = await getSessionUser(request);
  return {
    locale,
    // Never on a shared public page (ADR 027): pages with forms are not public pages, and the
    // root's data is read again on the way to them (shouldRevalidate).
    csrfToken: context.publicPage ? "" : (context.csrfToken ?? ""),
    user: user ? { displayName: user.display_name, role: user.role, partyCode: user.party_code } : null,
    errorTitles: { notFound: t("errors.notFoundTitle"), error: t("errors.errorTitle"), forbidden: t("errors.forbiddenTitle") },
  };
}

// Public pages carry no CSRF token: leaving one for a page that is not public reads the root's data
// (and the visitor's token) again.
export const shouldRevalidate: ShouldRevalidateFunction = ({ defaultShouldRevalidate, nextUrl }) =>
  defaultShouldRevalidate || !isPublicPagePath(nextUrl.pathname);

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const titles = data?.errorTitles;
  const title = error ? (status === 404 ? titles?.notFound : status === 403 ? titles?.forbidden : titles?.error) : undefined;
  return [{ title: title ? `${title} · Puente` : "Puente" }];
};

export function useRootLocale(): Locale {
  const data = useRouteLoaderData<typeof loader>("root");
  // An error thrown by an action renders without the root loader's data: the language i18next
  // was set up with for this request (from the path) is then the page's.
  const { i18n } = useTranslation();
  return data && isLocale(data.locale) ? data.locale : isLocale(i18n.language) ? i18n.language : defaultLocale;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const locale = useRootLocale();
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  // Controls that only work with JavaScript (".js-only") are shown once it runs; on error pages too.
  useEffect(() => document.documentElement.classList.add("js"), []);
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader locale={locale} user={data?.user ?? null} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter locale={locale} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const locale = useRootLocale();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error) && process.env.NODE_ENV !== "production") console.error(error);
  const statusText = isRouteErrorResponse(error) ? error.statusText : "";
  const csrf = statusText === "CSRF";
  // "TooLarge" is the submission form's own limit (files); any other 413 is a body over its route's limit.
  const tooLarge = statusText === "TooLarge" ? "tooLarge" : "bodyTooLarge";
  const kind = csrf
    ? "csrf"
    : statusText === "CrossOrigin"
      ? "crossOrigin"
      : status === 413
        ? tooLarge
        : status === 503
          ? "busy"
          : status === 404
            ? "notFound"
            : status === 403
              ? "forbidden"
              : status === 400
                ? "badRequest"
                : "error";
  return (
    <div className="container prose">
      <p className="eyebrow">{t("errors.status", { status })}</p>
      <h1>{t(`errors.${kind}Title`)}</h1>
      <p>{t(`errors.${kind}Text`)}</p>
      <p>
        <a href={`/${locale}`}>{t("errors.backHome")}</a>
      </p>
    </div>
  );
}
