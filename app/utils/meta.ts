import type { MetaDescriptor } from "@remix-run/node";

/** Page title and description for a route whose loader returned already-translated text. */
export function pageMeta(data: { title: string; description?: string } | undefined): MetaDescriptor[] {
  if (!data) return [{ title: "Puente" }];
  const tags: MetaDescriptor[] = [{ title: `${data.title} · Puente` }];
  if (data.description) tags.push({ name: "description", content: data.description });
  return tags;
}
