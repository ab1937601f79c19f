import type { AdminRequest } from "./response";

/** The largest form body the admin reads. */
const BODY_LIMIT = 1024 * 1024;

/** A form's fields: each name with its values in order (a multi-select sends several). */
export type FormFields = ReadonlyMap<string, readonly string[]>;

/**
 * Reads a urlencoded form body, or takes the object a framework's body parser made of it
 * (express.urlencoded(), a Koa body parser), arrays for repeated names.
 */
export async function readForm(request: AdminRequest): Promise<FormFields> {
  const source = await request.readBody(BODY_LIMIT);
  const fields = new Map<string, string[]>();
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null || typeof value === "object") return;
    fields.set(name, [...(fields.get(name) ?? []), String(value)]);
  };
  if ("text" in source) for (const [name, value] of new URLSearchParams(source.text)) add(name, value);
  else if (typeof source.parsed === "object" && source.parsed !== null)
    for (const [name, value] of Object.entries(source.parsed as Record<string, unknown>))
      for (const item of Array.isArray(value) ? value : [value]) add(name, item);
  else if (typeof source.parsed === "string")
    for (const [name, value] of new URLSearchParams(source.parsed)) add(name, value);
  return fields;
}

/** The last value of a field (a form sends one), or undefined. */
export function field(fields: FormFields, name: string): string | undefined {
  return fields.get(name)?.at(-1);
}

/** The fields as a plain object (last value each), for the CSRF check of the auth layer. */
export function fieldObject(fields: FormFields): Record<string, string> {
  return Object.fromEntries([...fields].map(([name, values]) => [name, values.at(-1)!]));
}
