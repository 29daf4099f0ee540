import { notFound } from "~/utils/locale.server";

// Any other path under a language is a translated 404.
export function loader(): never {
  notFound();
}

export default function NotFound() {
  return null;
}
