/** The frameworks `piccolo server new` has a template for. */
export const frameworks = ["express", "fastify", "koa", "hono", "nestjs"] as const;
export type Framework = (typeof frameworks)[number];

/** What a generated project is made of. */
export interface ServerTemplateOptions {
  readonly framework: Framework;
  readonly engine: "sqlite" | "postgres";
  /** Mount the admin (piccolo-orm/admin) at /admin/. */
  readonly admin: boolean;
  /** The package name of the project (its folder's name, made safe). */
  readonly name: string;
  /** The version range of piccolo-orm the project depends on. */
  readonly piccoloVersion: string;
}

/** Joins lines into a file's text, ending with a newline. */
export function lines(...parts: (string | false | undefined)[]): string {
  return `${parts.filter((p): p is string => typeof p === "string").join("\n")}\n`;
}
