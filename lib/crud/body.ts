import { invalidBody, invalidJson, unsupportedMediaType } from "./errors";

/** A request body as an adapter hands it over: already parsed by the framework, or as text. */
export type BodySource = { readonly parsed: unknown } | { readonly text: string };

/** Whether a content type is JSON (`application/json`, `application/merge-patch+json`, …). */
export function isJsonType(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** The body as an object of field values; anything else is a 400 or 415 (or 422 for a non-object). */
export function bodyObject(source: BodySource, contentType: string | undefined): Record<string, unknown> {
  let value: unknown;
  if ("parsed" in source) value = source.parsed;
  else {
    if (source.text.trim() === "") throw invalidJson("the body is empty; send a JSON object");
    if (!isJsonType(contentType)) throw unsupportedMediaType(contentType ?? "");
    try {
      value = JSON.parse(source.text);
    } catch (error) {
      throw invalidJson((error as Error).message);
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalidBody([{ field: "", constraints: { type: "the body must be a JSON object of field values" } }]);
  return value as Record<string, unknown>;
}
