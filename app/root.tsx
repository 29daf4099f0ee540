import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SiteFooter, SiteHeader } from "~/components/site-layout";
import i18next, { getT } from "~/i18next.server";
import { defaultLocale, isLocale, type Locale } from "~/i18n";
import stylesUrl from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = (await i18next.getLocale(request)) as Locale;
  const t = getT(locale);
  return { locale, errorTitles: { notFound: t("errors.notFoundTitle"), error: t("errors.errorTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = error ? (notFound ? data?.errorTitles.notFound : data?.errorTitles.error) : undefined;
  return [{ title: title ? `${title} · Puente` : "Puente" }];
};

export function useRootLocale(): Locale {
  const data = useRouteLoaderData<typeof loader>("root");
  return data && isLocale(data.locale) ? data.locale : defaultLocale;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const locale = useRootLocale();
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader locale={locale} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter locale={locale} />
        <ScrollRestoration />
        <Scripts />
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
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error) && process.env.NODE_ENV !== "production") console.error(error);
  return (
    <div className="container prose">
      <p className="eyebrow">{t("errors.status", { status })}</p>
      <h1>{notFound ? t("errors.notFoundTitle") : t("errors.errorTitle")}</h1>
      <p>{notFound ? t("errors.notFoundText") : t("errors.errorText")}</p>
      <p>
        <a href={`/${useRootLocale()}`}>{t("errors.backHome")}</a>
      </p>
    </div>
  );
}
