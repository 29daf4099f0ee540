import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireLocale } from "~/utils/locale.server";

export function loader({ params }: LoaderFunctionArgs) {
  requireLocale(params);
  return null;
}

export default function LocaleLayout() {
  return <Outlet />;
}
