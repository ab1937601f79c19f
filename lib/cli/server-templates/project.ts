import { lines, type ServerTemplateOptions } from "./options";

/** piccolo.config.ts: the engine (the auth tables run on it too) and the apps. */
export function serverConfig(options: ServerTemplateOptions): string {
  const engine =
    options.engine === "sqlite"
      ? [
          'import { AppRegistry, SQLiteEngine, setDefaultEngine } from "piccolo-orm";',
          'import { SESSION_APP, USER_APP } from "piccolo-orm/auth";',
          "",
          "// The database file sits in the folder the app and the piccolo CLI run in (PICCOLO_SQLITE_PATH to move it).",
          'export const DB = new SQLiteEngine({ path: process.env.PICCOLO_SQLITE_PATH ?? "piccolo.sqlite" });',
        ]
      : [
          'import { AppRegistry, PostgresEngine, setDefaultEngine } from "piccolo-orm";',
          'import { SESSION_APP, USER_APP } from "piccolo-orm/auth";',
          "",
          "// Host, port, user and password come from the PGHOST, PGPORT, PGUSER and PGPASSWORD environment variables.",
          "export const DB = new PostgresEngine({ config: { database: process.env.PGDATABASE ?? " +
            `${JSON.stringify(options.name.replace(/[^a-z0-9_]+/g, "_"))} } });`,
        ];
  return lines(
    ...engine,
    "",
    "// The users and sessions tables are declared without an engine: they run on this one.",
    "setDefaultEngine(DB);",
    "",
    "// The project's apps; `npx piccolo migrations forwards all` creates the tables of every one.",
    "export const APP_REGISTRY = new AppRegistry({",
    '  apps: ["./music/piccolo_app", USER_APP, SESSION_APP],',
    "});",
  );
}

/** src/api.ts: the CRUD endpoints of every table, their OpenAPI document, and the sessions. */
export const apiModule = lines(
  'import { AuthError, sessionAuth, type AuthRequest } from "piccolo-orm/auth";',
  'import { crud, openApi, reject, serveOpenApi, type CrudAction, type CrudRequestInfo } from "piccolo-orm/crud";',
  'import { Band, Manager } from "../music/tables";',
  "",
  "// Cookie sessions of piccolo-orm/auth: POST /api/login and /api/logout. Plain HTTP is allowed outside production.",
  'export const auth = sessionAuth({ secure: process.env.NODE_ENV === "production" });',
  "",
  'const reads: readonly CrudAction[] = ["list", "get", "count", "ids", "new", "schema"];',
  "",
  "/** Anyone may read; writes need an admin's session, with its CSRF token in the X-CSRF-Token header. */",
  "async function authorize(request: CrudRequestInfo, action: CrudAction): Promise<boolean> {",
  "  if (reads.includes(action)) return true;",
  "  try {",
  "    const who = await auth(request as AuthRequest);",
  '    if (who === null) throw reject("Log in first: POST /api/login with a username and password.", 401);',
  "    return who.user.admin;",
  "  } catch (error) {",
  "    // A missing or wrong CSRF token is a 403 in the endpoints' own error format.",
  "    if (error instanceof AuthError) throw reject(error.message, error.status);",
  "    throw error;",
  "  }",
  "}",
  "",
  "/** GET, POST, PUT, PATCH and DELETE under /api/<table> (see the README for the query string). */",
  "export const endpoints = [",
  '  crud(Manager, { prefix: "/api/manager", authorize }),',
  '  crud(Band, { prefix: "/api/band", authorize }),',
  "];",
  "",
  'export const openApiDocument = openApi(endpoints, { title: "Music API", version: "1.0.0" });',
  'export const openApiEndpoint = serveOpenApi(openApiDocument, "/api/openapi.json");',
);

/** src/home.ts: the page at /, listing the endpoints. */
export function homeModule(options: ServerTemplateOptions): string {
  const items = [
    ["GET", "/api/manager", "managers (filters: ?name__contains=…, pages: ?__page=2&amp;__pageSize=20)"],
    ["GET", "/api/band", "bands (?popularity__gte=10&amp;__order=-popularity&amp;__readable=true)"],
    ["POST", "/api/band", "create a band (an admin's session and its X-CSRF-Token header)"],
    ["GET", "/api/band/schema", "the JSON Schema of a band"],
    ["GET", "/api/openapi.json", "the OpenAPI 3.1 document of the API"],
    ["POST", "/api/login", "log in (JSON or form: username, password)"],
    ["POST", "/api/logout", "log out"],
  ];
  if (options.admin) items.push(["GET", "/admin/", "the admin"]);
  const list = items.map(([method, path, what]) =>
    method === "GET"
      ? `    <li><code>${method}</code> <a href="${path}">${path}</a>: ${what}</li>`
      : `    <li><code>${method} ${path}</code>: ${what}</li>`,
  );
  return lines(
    "/** The page at /: what the server answers. */",
    "export function homePage(): string {",
    "  return `<!doctype html>",
    '<html lang="en">',
    '  <head><meta charset="utf-8"><title>Music API</title></head>',
    "  <body>",
    `  <h1>Music API (${options.framework} and piccolo-orm)</h1>`,
    "  <ul>",
    ...list,
    "  </ul>",
    "  </body>",
    "</html>`;",
    "}",
  );
}

/** src/admin.ts: the admin of the tables (mounted at /admin/ by src/server.ts). */
export const adminModule = lines(
  'import { createAdmin } from "piccolo-orm/admin";',
  'import { Band, Manager } from "../music/tables";',
  "",
  "// Secure cookies need https: on in production, off for http://localhost while developing.",
  "export const admin = createAdmin({",
  "  tables: { music: [Manager, Band] },",
  '  prefix: "/admin",',
  '  secure: process.env.NODE_ENV === "production",',
  "});",
);

/** src/main.ts: starts the server on PORT (default 8000) and stops it on SIGINT and SIGTERM. */
export const mainModule = lines(
  'import { start } from "./server";',
  "",
  "async function main(): Promise<void> {",
  "  const server = await start(Number(process.env.PORT ?? 8000));",
  "  console.log(`Listening on ${server.url}`);",
  "  const stop = () => {",
  "    server.close().then(",
  "      () => process.exit(0),",
  "      (error: unknown) => {",
  "        console.error(error);",
  "        process.exit(1);",
  "      },",
  "    );",
  "  };",
  '  process.once("SIGINT", stop);',
  '  process.once("SIGTERM", stop);',
  "}",
  "",
  "main().catch((error: unknown) => {",
  "  console.error(error);",
  "  process.exit(1);",
  "});",
);

/** tsconfig.json: CommonJS output in build/, decorators as NestJS projects have them. */
export const serverTsconfig = `${JSON.stringify(
  {
    compilerOptions: {
      outDir: "build",
      rootDir: ".",
      target: "ES2022",
      // node20: CommonJS output that may require() ESM-only packages (NestJS 12), as Node 20.19+ does.
      module: "node20",
      moduleResolution: "node16",
      strict: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ["node"],
    },
    exclude: ["node_modules", "build"],
  },
  null,
  2,
)}\n`;

export const gitignore = lines("node_modules/", "build/", "*.sqlite", "*.sqlite-*");
