import type { IncomingMessage, ServerResponse } from "node:http";
import { AuthError, type AuthResult } from "../auth";
import type { CrudResponse } from "../crud";
import { serveAsset } from "./assets";
import { field, fieldObject, readForm, type FormFields } from "./body";
import { csvRows } from "./csv";
import { AdminError, adminMethodNotAllowed, adminNotFound } from "./errors";
import { jsonValue, readRowForm, type ReadForm } from "./forms";
import { listCondition, listPage as loadListPage, readListState } from "./list-query";
import { buildTables, labelPathOf, targetOf, type AdminTable } from "./model";
import { handleFetchAdmin, handleNodeAdmin } from "./node";
import { resolveAdminOptions, type AdminOptions } from "./options";
import { deletePage, formPage, type FormView, type PickerOption } from "./pages/form";
import { homePage } from "./pages/home";
import { errorPage, type PageContext } from "./pages/layout";
import { listPage } from "./pages/list";
import { loginPage } from "./pages/login";
import { chosenOptions, initialOptions, searchOptions } from "./pickers";
import { json, page, redirect, securityHeaders, type AdminRequest, type AdminResponse } from "./response";
import { adminSessions, authRequest } from "./session";
import { parseText } from "./values";

/**
 * The admin: a Node request listener (and Express/NestJS middleware: requests outside `prefix` go
 * to `next`), with `handle` for framework adapters and `fetch` for Fetch-API servers.
 */
export interface Admin {
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): Promise<void>;
  /** The path it answers under. */
  readonly prefix: string;
  /** Answers a request, or resolves to undefined when its path is outside the prefix. */
  handle(request: AdminRequest): Promise<AdminResponse | undefined>;
  /** Answers a Fetch API Request, or resolves to undefined when its path is outside the prefix. */
  fetch(request: Request): Promise<Response | undefined>;
}

/** Fixed notices a redirect may ask the list page to show (never text from the URL). */
const notices: Record<string, string> = {
  added: "The row was added.",
  saved: "The row was saved.",
  deleted: "The rows were deleted.",
};

/**
 * The admin web GUI for tables: log in (active admin users only), browse rows with filters, search,
 * sorting and pages, create, edit and delete them, export CSV. Server-rendered HTML, one script and
 * one style sheet, CSRF tokens on every form, a strict CSP.
 * @example
 * import { createServer } from "node:http";
 * import { createAdmin } from "piccolo-orm/admin";
 * const admin = createAdmin({ tables: { music: [Manager, Band] }, siteName: "Music" });
 * createServer((req, res) => admin(req, res, () => { res.statusCode = 404; res.end(); })).listen(8000);
 */
export function createAdmin(options: AdminOptions): Admin {
  const resolved = resolveAdminOptions(options);
  const { prefix } = resolved;
  const tables = buildTables(resolved.groups);
  const sessions = adminSessions(resolved);
  const readableCache = new Map<string, Map<string, string>>();

  /** Per foreign key of a table, the path of the referenced row's readable value. */
  const readableOf = (admin: AdminTable) => {
    let paths = readableCache.get(admin.slug);
    if (paths === undefined) {
      paths = new Map();
      for (const column of admin.visible)
        if (column.references !== null)
          paths.set(
            column.property,
            admin.crud.model.readable.get(column.property) ?? labelPathOf(targetOf(admin.table, column.property)),
          );
      readableCache.set(admin.slug, paths);
    }
    return paths;
  };

  const tableOf = (slug: string | undefined) => {
    const admin = slug === undefined ? undefined : tables.get(slug);
    if (admin === undefined) throw adminNotFound(`Table "${slug}"`);
    return admin;
  };
  const keyOf = (admin: AdminTable, text: string) => {
    try {
      return parseText(text, admin.key.dataType);
    } catch {
      throw adminNotFound(`${admin.description.className} ${text}`);
    }
  };

  /** A call to the table's CRUD handler: its validation, conflict mapping and hooks apply. */
  const crudCall = async (request: AdminRequest, admin: AdminTable, method: string, path: string, body?: unknown) =>
    (await admin.crud.handle({
      ...request,
      method,
      url: `/${admin.slug}${path}`,
      readBody: async () => ({ parsed: body }),
    })) as CrudResponse;

  const loggedIn = async (request: AdminRequest, body?: Record<string, string>): Promise<AuthResult | null> => {
    const who = await sessions.auth(authRequest(request), body === undefined ? {} : { body });
    return who !== null && who.user.admin && who.user.active ? who : null;
  };

  const handle = async (request: AdminRequest): Promise<AdminResponse | undefined> => {
    const url = new URL(request.url, "http://localhost");
    if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return undefined;
    const base: PageContext = { prefix, siteName: resolved.siteName };
    let ctx = base;
    let response: AdminResponse;
    try {
      const parts = url.pathname.slice(prefix.length).split("/").filter(Boolean).map(decodeURIComponent);
      const verb = request.method === "HEAD" ? "GET" : request.method.toUpperCase();
      if (parts[0] === "assets" && verb === "GET") response = serveAsset(parts[1] ?? "") ?? notFoundPage(base);
      else if (parts[0] === "login" && parts.length === 1) response = await login(request, verb, url);
      else {
        if (verb !== "GET" && verb !== "POST") throw adminMethodNotAllowed(request.method, url.pathname);
        const fields = verb === "POST" ? await readForm(request) : undefined;
        const who = await loggedIn(request, fields === undefined ? undefined : fieldObject(fields));
        if (who === null)
          response =
            verb === "GET"
              ? redirect(`${prefix}/login?next=${encodeURIComponent(url.pathname + url.search)}`)
              : page(errorPage(base, 403, "Log in first."), 403);
        else {
          ctx = { ...base, username: who.user.username, csrfToken: who.csrfToken };
          response = await route(request, verb, parts, url, ctx, fields);
        }
      }
    } catch (error) {
      if (error instanceof AdminError) response = page(errorPage(ctx, error.status, error.message), error.status);
      else if (error instanceof AuthError) response = page(errorPage(ctx, error.status, error.message), error.status);
      else {
        // Never a stack trace or SQL in the page; the error goes to onError (default: the console).
        (options.onError ?? ((e: unknown) => console.error("piccolo-orm admin:", e)))(error, request);
        response = page(errorPage(ctx, 500, "Internal server error."), 500);
      }
    }
    return { ...response, headers: { ...securityHeaders, ...response.headers } };
  };

  const notFoundPage = (ctx: PageContext) => page(errorPage(ctx, 404, "Not found."), 404);

  const login = async (request: AdminRequest, verb: string, url: URL): Promise<AdminResponse> => {
    const base: PageContext = { prefix, siteName: resolved.siteName };
    const next = url.searchParams.get("next");
    // Only a path of this admin: never an open redirect.
    const target = next !== null && next.startsWith(`${prefix}/`) && !next.startsWith("//") ? next : `${prefix}/`;
    if (verb === "GET") {
      if ((await loggedIn(request)) !== null) return redirect(target);
      return page(loginPage(base));
    }
    if (verb !== "POST") throw adminMethodNotAllowed(request.method, url.pathname);
    if (!sameOrigin(request)) return page(errorPage(base, 403, "The login form was posted from another site."), 403);
    const fields = await readForm(request);
    const username = field(fields, "username") ?? "";
    const result = await sessions.login(request, username, field(fields, "password") ?? "");
    if ("refused" in result) return page(loginPage(base, username, result.refused), result.status);
    return redirect(target, { "set-cookie": result.cookies });
  };

  const route = async (
    request: AdminRequest,
    verb: string,
    parts: string[],
    url: URL,
    ctx: PageContext,
    fields: FormFields | undefined,
  ): Promise<AdminResponse> => {
    const [first, second, third, fourth] = parts;
    if (first === "logout" && parts.length === 1 && fields !== undefined) {
      const out = await sessions.auth.logout(authRequest(request), { body: fieldObject(fields) });
      return redirect(`${prefix}/login`, { "set-cookie": out.headers["set-cookie"] ?? [] });
    }
    if (first === undefined && verb === "GET") return page(homePage(ctx, tables.values()));
    const admin = tableOf(first);
    if (second === undefined && verb === "GET") return list(admin, url, ctx);
    if (second === "export.csv" && third === undefined && verb === "GET") return exportCsv(admin, url);
    if (second === "picker" && third !== undefined && fourth === undefined && verb === "GET")
      return picker(admin, third, url.searchParams.get("q") ?? "");
    if (second === "delete" && third === undefined && fields !== undefined)
      return bulkDelete(request, admin, ctx, fields);
    if (second === "new" && third === undefined)
      return fields === undefined ? showForm(ctx, admin, undefined) : save(request, ctx, admin, undefined, fields);
    if (second !== undefined && third === undefined)
      return fields === undefined ? showForm(ctx, admin, second) : save(request, ctx, admin, second, fields);
    if (second !== undefined && third === "delete" && fourth === undefined)
      return deleteOne(request, admin, ctx, second, fields);
    throw adminNotFound(url.pathname);
  };

  const list = async (admin: AdminTable, url: URL, ctx: PageContext) => {
    const search = new URLSearchParams(url.searchParams);
    const done = search.get("done");
    search.delete("done");
    const state = readListState(admin, search, resolved.pageSize);
    const readable = readableOf(admin);
    const { rows, total, capped } = await loadListPage(admin, state, readable);
    const notice = done === null ? undefined : notices[done];
    return page(listPage(ctx, { admin, state, rows, total, capped, readable, ...(notice ? { notice } : {}) }));
  };

  const exportCsv = (admin: AdminTable, url: URL): AdminResponse => {
    const state = readListState(admin, url.searchParams, resolved.pageSize);
    return {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${admin.slug}.csv"`,
        "cache-control": "no-store",
      },
      body: csvRows(admin, listCondition(admin, state), readableOf(admin)),
    };
  };

  const picker = async (admin: AdminTable, name: string, search: string) => {
    const column = admin.visible.find((c) => c.property === name && c.references !== null);
    const m2m = admin.m2m.find((m) => m.field === name);
    if (column === undefined && m2m === undefined) throw adminNotFound(`Picker "${name}"`);
    const target = column !== undefined ? targetOf(admin.table, name) : m2m!.other.table;
    return json({ options: await searchOptions(target, search) });
  };

  /** The picker options of a form: the first rows of each target and the chosen ones. */
  const formOptions = async (admin: AdminTable, values: Record<string, unknown>, m2mValues: Map<string, string[]>) => {
    const options = new Map<string, readonly PickerOption[]>();
    for (const column of admin.form)
      if (column.references !== null) {
        const value = values[column.property];
        const chosen = value === null || value === undefined ? [] : [value];
        options.set(column.property, await initialOptions(targetOf(admin.table, column.property), chosen));
      }
    for (const m2m of admin.m2m) {
      const keys = (m2mValues.get(m2m.field) ?? []).map((k) => parseText(k, m2m.other.key.dataType));
      options.set(m2m.field, await initialOptions(m2m.other.table, keys));
    }
    return options;
  };

  /** The keys of the rows an M2M field relates a row to, as text. */
  const m2mKeys = async (admin: AdminTable, key: unknown) => {
    const keys = new Map<string, string[]>();
    if (admin.m2m.length === 0) return keys;
    const row = await admin.statics.objects().get(admin.statics.c[admin.key.property].eq(key));
    for (const m2m of admin.m2m) {
      const related = (await row.getM2M(admin.statics.m2m[m2m.field])) as Record<string, unknown>[];
      keys.set(
        m2m.field,
        related.map((r) => String(r[m2m.other.key.property])),
      );
    }
    return keys;
  };

  const showForm = async (ctx: PageContext, admin: AdminTable, keyText: string | undefined) => {
    let values: Record<string, unknown> = {};
    let m2mValues = new Map<string, string[]>();
    if (keyText !== undefined) {
      const key = keyOf(admin, keyText);
      const row = await admin.statics
        .select(...admin.visible.map((c) => admin.statics.c[c.property]))
        .where(admin.statics.c[admin.key.property].eq(key))
        .first();
      if (row === null) throw adminNotFound(`${admin.description.className} ${keyText}`);
      values = row as Record<string, unknown>;
      m2mValues = await m2mKeys(admin, key);
    } else
      for (const column of admin.form)
        if (column.default?.kind === "constant") values[column.property] = column.default.value;
    const view: FormView = {
      admin,
      ...(keyText === undefined ? {} : { key: keyText }),
      values,
      errors: new Map(),
      options: await formOptions(admin, values, m2mValues),
      m2mValues,
    };
    return page(formPage(ctx, view));
  };

  const save = async (
    request: AdminRequest,
    ctx: PageContext,
    admin: AdminTable,
    keyText: string | undefined,
    fields: FormFields,
  ): Promise<AdminResponse> => {
    const creating = keyText === undefined;
    const key = creating ? undefined : keyOf(admin, keyText);
    const form = readRowForm(admin, fields, creating);
    const again = async (status: number, message?: string) => {
      const view: FormView = {
        admin,
        ...(keyText === undefined ? {} : { key: keyText }),
        values: form.values,
        texts: form.texts,
        errors: form.errors,
        ...(message === undefined ? {} : { message }),
        options: await formOptions(admin, form.values, form.m2m),
        m2mValues: form.m2m,
      };
      return page(formPage(ctx, view), status);
    };
    if (form.errors.size > 0) return again(422, "Please correct the fields marked below.");
    const body = Object.fromEntries(Object.entries(form.values).map(([k, v]) => [k, jsonValue(v)]));
    const path = creating ? "" : `/${encodeURIComponent(String(key))}`;
    const answer = await crudCall(request, admin, creating ? "POST" : "PATCH", path, body);
    if (answer.status >= 400) return failed(answer, form, again);
    const saved = (answer.body as Record<string, unknown>)[admin.key.property];
    await saveM2M(admin, saved, form);
    return redirect(`${prefix}/${admin.slug}?done=${creating ? "added" : "saved"}`);
  };

  /** Shows a CRUD error: field errors beside their fields, the message on top. */
  const failed = (
    answer: CrudResponse,
    form: ReadForm,
    again: (status: number, message?: string) => Promise<AdminResponse>,
  ) => {
    const error = (
      answer.body as { error: { message: string; fields: { field: string; constraints: Record<string, string> }[] } }
    ).error;
    const known = new Set(form.texts.keys());
    for (const item of error.fields) {
      const messages = Object.values(item.constraints);
      const name = known.has(item.field) || form.values[item.field] !== undefined ? item.field : "";
      if (name !== "") form.errors.set(name, [...(form.errors.get(name) ?? []), ...messages]);
    }
    if (answer.status === 404) throw adminNotFound("The row");
    return again(answer.status, answer.status === 422 ? "Please correct the fields marked below." : error.message);
  };

  const saveM2M = async (admin: AdminTable, key: unknown, form: ReadForm) => {
    if (admin.m2m.length === 0) return;
    const row = await admin.statics.objects().get(admin.statics.c[admin.key.property].eq(key));
    for (const m2m of admin.m2m) {
      const handle = admin.statics.m2m[m2m.field];
      const other = m2m.other;
      const wanted = new Set(form.m2m.get(m2m.field) ?? []);
      const current = ((await row.getM2M(handle)) as Record<string, unknown>[]).map((r) =>
        String(r[other.key.property]),
      );
      const removed = current.filter((k) => !wanted.has(k)).map((k) => parseText(k, other.key.dataType));
      const added = [...wanted].filter((k) => !current.includes(k)).map((k) => parseText(k, other.key.dataType));
      const otherKey = other.statics.c[other.key.property];
      if (removed.length > 0) await row.removeM2M(handle, await other.statics.objects().where(otherKey.isIn(removed)));
      if (added.length > 0) await row.addM2M(handle, await other.statics.objects().where(otherKey.isIn(added)));
    }
  };

  /** The rows of these keys with their labels, for a delete confirmation. */
  const labelled = async (admin: AdminTable, keys: readonly unknown[]) =>
    (await chosenOptions(admin.table, keys)).map((o) => ({ key: o.value, label: o.label }));

  const deleteOne = async (
    request: AdminRequest,
    admin: AdminTable,
    ctx: PageContext,
    keyText: string,
    fields: FormFields | undefined,
  ) => {
    const key = keyOf(admin, keyText);
    const action = `${prefix}/${admin.slug}/${encodeURIComponent(keyText)}/delete`;
    const rows = await labelled(admin, [key]);
    if (rows.length === 0) throw adminNotFound(`${admin.description.className} ${keyText}`);
    if (fields === undefined || field(fields, "confirm") !== "yes") return page(deletePage(ctx, admin, rows, action));
    const answer = await crudCall(request, admin, "DELETE", `/${encodeURIComponent(String(key))}`);
    if (answer.status >= 400) {
      const message = (answer.body as { error: { message: string } }).error.message;
      return page(deletePage(ctx, admin, rows, action, message), answer.status);
    }
    return redirect(`${prefix}/${admin.slug}?done=deleted`);
  };

  const bulkDelete = async (request: AdminRequest, admin: AdminTable, ctx: PageContext, fields: FormFields) => {
    const texts = [...new Set(fields.get("ids") ?? [])].slice(0, 500);
    const keys = texts.map((t) => keyOf(admin, t));
    const action = `${prefix}/${admin.slug}/delete`;
    if (keys.length === 0) return redirect(`${prefix}/${admin.slug}`);
    const rows = await labelled(admin, keys);
    if (field(fields, "confirm") !== "yes") return page(deletePage(ctx, admin, rows, action));
    for (const key of keys) {
      const answer = await crudCall(request, admin, "DELETE", `/${encodeURIComponent(String(key))}`);
      if (answer.status >= 400 && answer.status !== 404) {
        const message = (answer.body as { error: { message: string } }).error.message;
        return page(
          deletePage(ctx, admin, await labelled(admin, keys), action, `${String(key)}: ${message}`),
          answer.status,
        );
      }
    }
    return redirect(`${prefix}/${admin.slug}?done=deleted`);
  };

  const listener = ((req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) =>
    handleNodeAdmin(handle, req, res, next)) as Admin;
  return Object.assign(listener, { prefix, handle, fetch: (request: Request) => handleFetchAdmin(handle, request) });
}

/** Whether a form post comes from the admin's own origin (or the browser does not say). */
function sameOrigin(request: AdminRequest): boolean {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  if (header("sec-fetch-site") === "cross-site") return false;
  const origin = header("origin");
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === header("host");
  } catch {
    return false;
  }
}
