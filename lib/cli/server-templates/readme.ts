import { lines, type ServerTemplateOptions } from "./options";

const frameworkNames = { express: "Express", fastify: "Fastify", koa: "Koa", hono: "Hono", nestjs: "NestJS" };

/** README.md of a generated project: install, migrate, make an admin, start, test. */
export function projectReadme(options: ServerTemplateOptions): string {
  const database =
    options.engine === "sqlite"
      ? "SQLite: the file `piccolo.sqlite` in this folder (`PICCOLO_SQLITE_PATH` moves it)."
      : "PostgreSQL: the database in `PGDATABASE` (create it first: `createdb`), with `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`.";
  return lines(
    `# ${options.name}`,
    "",
    `A ${frameworkNames[options.framework]} server on [piccolo-orm](https://www.npmjs.com/package/piccolo-orm), made by`,
    `\`piccolo server new --framework ${options.framework}\`. Database: ${database}`,
    "",
    "## Run it",
    "",
    "```bash",
    "npm install",
    "npx piccolo migrations forwards all      # creates the music, user and session tables",
    "npx piccolo user create --admin          # an admin user, who may write through the API",
    "npm run build && npm start               # http://localhost:8000 (PORT=3000 npm start for another port)",
    "npm test                                 # the API tests, over real HTTP (after the migrations)",
    "```",
    "",
    "## What is in it",
    "",
    "- `piccolo.config.ts`: the engine and the apps (`music`, and the `user` and `session_auth` apps of `piccolo-orm/auth`).",
    "- `music/tables.ts`: the `Manager` and `Band` tables; `music/migrations/`: their first migration. Change a",
    "  table, then `npx piccolo migrations new music --auto` and `npx piccolo migrations forwards music`.",
    "- `src/api.ts`: REST endpoints for each table (`crud()` of `piccolo-orm/crud`) and their OpenAPI document.",
    `- \`src/server.ts\`: the ${frameworkNames[options.framework]} app; \`src/main.ts\` starts it; \`src/home.ts\` is the page at \`/\`.`,
    options.admin && "- `src/admin.ts`: the admin of the tables, at `/admin/` (log in with an admin user).",
    "- `test/api.test.ts`: the tests `npm test` runs.",
    "",
    "## The API",
    "",
    "| Request | Does |",
    "| --- | --- |",
    "| `GET /api/band?popularity__gte=10&__order=-popularity&__page=1&__pageSize=20` | list, filter, order, paginate |",
    "| `GET /api/band?name__contains=py&__fields=name,manager.name&__readable=true` | fields, through the foreign key |",
    "| `GET /api/band/1`, `POST /api/band`, `PATCH /api/band/1`, `PUT /api/band/1`, `DELETE /api/band/1` | one row |",
    "| `GET /api/band/schema`, `/api/band/count`, `/api/band/ids`, `/api/band/new` | JSON Schema, count, keys, defaults |",
    "| `GET /api/openapi.json` | the OpenAPI 3.1 document |",
    "| `POST /api/login` (`{ username, password }`), `POST /api/logout` | cookie sessions |",
    options.admin && "| `/admin/` | the admin |",
    "",
    "Reads are open; writes need an admin's session: log in, then send the session cookie and the",
    "`csrfToken` of the login answer (also in the `csrftoken` cookie) in an `X-CSRF-Token` header.",
    "Bad bodies answer 422 with every field's error, unknown filters 400, missing rows 404, conflicts 409.",
    "",
    "```bash",
    'curl -c jar -H \'content-type: application/json\' -d \'{"username":"admin","password":"…"}\' localhost:8000/api/login',
    "curl -b jar -H \"x-csrf-token: $(grep csrftoken jar | cut -f7)\" -H 'content-type: application/json' \\",
    '  -d \'{"name":"Guido"}\' localhost:8000/api/manager',
    "```",
  );
}
