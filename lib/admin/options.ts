import type { BaseUser, LoginRateLimiter, RateLimitOptions, Sessions } from "../auth";
import type { AuthRequest } from "../auth";
import type { TableLike } from "../crud";
import { assertKnownOptions } from "../errors/factories";
import { invalidAdminOption } from "./errors";
import type { AdminRequest } from "./response";

/** Options of `createAdmin()`. */
export interface AdminOptions {
  /** The tables to manage: a list, or lists grouped by app name (`{ music: [Manager, Band] }`). */
  tables: readonly TableLike[] | Readonly<Record<string, readonly TableLike[]>>;
  /** The path the admin answers under (default "/admin"). */
  prefix?: string;
  /** The name in the page header (default "Piccolo Admin"). */
  siteName?: string;
  /** The user table (default BaseUser); only users with `admin` and `active` set log in. */
  userTable?: typeof BaseUser;
  /** The sessions table (default Sessions). */
  sessionTable?: typeof Sessions;
  /** Mark the session cookie Secure (default true; set false for plain-HTTP development off localhost). */
  secure?: boolean;
  /** Failed-login limit per username and address (default 5 per 15 minutes), a shared limiter, or false. */
  rateLimit?: RateLimitOptions | LoginRateLimiter | false;
  /** The client's address for the rate limit (default the socket's). */
  clientAddress?: (req: AuthRequest) => string;
  /** Origins besides the admin's own allowed to post forms. */
  trustedOrigins?: readonly string[];
  /** Rows per list page unless the user picks another size (default 25). */
  pageSize?: number;
  /** Milliseconds a session lives at most (default 14 days). */
  maxAge?: number;
  /** Milliseconds of inactivity that end a session (default 1 day). */
  idleTimeout?: number;
  /** Told of every error answered with 500 (the page says only "Internal server error"); default console.error. */
  onError?: (error: unknown, request: AdminRequest) => void;
}

const optionNames = [
  "tables",
  "prefix",
  "siteName",
  "userTable",
  "sessionTable",
  "secure",
  "rateLimit",
  "clientAddress",
  "trustedOrigins",
  "pageSize",
  "maxAge",
  "idleTimeout",
  "onError",
];

/** The page sizes a user may pick. */
export const PAGE_SIZES = [10, 25, 50, 100, 200] as const;

/** The options with defaults, checked. */
export interface ResolvedAdminOptions {
  readonly groups: ReadonlyMap<string, readonly TableLike[]>;
  readonly prefix: string;
  readonly siteName: string;
  readonly pageSize: number;
  readonly options: AdminOptions;
}

export function resolveAdminOptions(options: AdminOptions): ResolvedAdminOptions {
  if (typeof options !== "object" || options === null) throw invalidAdminOption("options", "must be an object");
  assertKnownOptions("createAdmin()", options, optionNames, "config");
  const groups = new Map<string, readonly TableLike[]>();
  const { tables } = options;
  if (Array.isArray(tables)) groups.set("tables", tables);
  else if (typeof tables === "object" && tables !== null)
    for (const [app, list] of Object.entries(tables as Record<string, readonly TableLike[]>)) {
      if (!Array.isArray(list)) throw invalidAdminOption(`tables.${app}`, "must be a list of table classes");
      groups.set(app, list);
    }
  else throw invalidAdminOption("tables", "must be a list of table classes or an object of lists by app");
  for (const list of groups.values())
    for (const table of list)
      if (typeof table !== "function" || typeof (table as { tableName?: unknown }).tableName !== "string")
        throw invalidAdminOption("tables", `holds ${String(table)}, which is not a table class`);
  const prefix = (options.prefix ?? "/admin").replace(/\/+$/, "");
  if (!prefix.startsWith("/") || /[?#\s]/.test(prefix))
    throw invalidAdminOption("prefix", `"${options.prefix}" must be a path starting with "/"`);
  const pageSize = options.pageSize ?? 25;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw invalidAdminOption("pageSize", "must be a whole number from 1 to 1000");
  return { groups, prefix, siteName: options.siteName ?? "Piccolo Admin", pageSize, options };
}
