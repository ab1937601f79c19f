/**
 * `piccolo server new` end to end: each framework's project is generated, installed against this
 * checkout (an `npm pack` tarball), built, migrated, given an admin user, started with `npm start`
 * on a free port and called over real HTTP; SQLite for all five, PostgreSQL for Express. The
 * Express project's own `npm test` runs too.
 */
import { expect } from "chai";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { piccolo, ROOT } from "../support/cli";
import { pgConfig } from "../support/engines";
import { runCommand } from "../support/run-command";

const frameworks = ["express", "fastify", "koa", "hono", "nestjs"] as const;
const ADMIN_PASSWORD = "correct horse battery";

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** `npm start` in dir on a free port; resolves once the server says it listens. */
async function startServer(dir: string, env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // A process group of its own: stopping it signals npm and the node process npm started alike.
  const child = spawn("npm", ["start", "--silent"], { cwd: dir, env: { ...env, PORT: String(port) }, detached: true });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** Stops a server started by startServer: SIGTERM to its group (the project closes its server and database). */
async function stopServer(child: ChildProcess, url: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
  }
  // Stopped: within a few seconds nothing answers on the port any more (npm may exit before node does).
  let answer = "answered";
  for (let i = 0; i < 50 && answer === "answered"; i++) {
    answer = await fetch(url).then(
      () => "answered",
      () => "refused",
    );
    if (answer === "answered") await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(answer, "the server stops on SIGTERM").to.equal("refused");
}

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get("content-type") ?? "").includes("json") && text !== "") body = JSON.parse(text);
  return { status: response.status, body, headers: response.headers };
}

/** The admin mounted at /admin/: anonymous visitors go to its login form; the admin user gets in. */
async function exerciseAdmin(url: string): Promise<void> {
  const anonymous = await fetch(`${url}/admin/`, { redirect: "manual" });
  expect(anonymous.status).to.be.oneOf([302, 303]);
  expect(anonymous.headers.get("location")).to.match(/\/admin\/login/);
  const form = await call(`${url}/admin/login`);
  expect(form.status).to.equal(200);
  expect(form.body).to.include('name="password"');
  const login = await fetch(`${url}/admin/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: "admin", password: ADMIN_PASSWORD }).toString(),
  });
  expect(login.status, await login.text()).to.be.oneOf([302, 303]);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const band = await call(`${url}/admin/band`, { headers: { cookie } });
  expect(band.status).to.equal(200);
  expect(band.body).to.include("<table");
}

/** The endpoints every template answers, called as a client would. */
async function exerciseApi(url: string): Promise<void> {
  await exerciseAdmin(url);
  const home = await call(`${url}/`);
  expect(home.status).to.equal(200);
  expect(home.headers.get("content-type")).to.match(/text\/html/);
  expect(home.body).to.include("/api/band").and.include("/api/openapi.json");

  const openapi = await call(`${url}/api/openapi.json`);
  expect(openapi.status).to.equal(200);
  expect(openapi.body.openapi).to.equal("3.1.0");
  expect(Object.keys(openapi.body.paths)).to.include.members(["/api/manager", "/api/band"]);

  const json = { "content-type": "application/json" };
  const anonymous = await call(`${url}/api/manager`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ name: "Nobody" }),
  });
  expect(anonymous.status).to.equal(401);

  const badLogin = await call(`${url}/api/login`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ username: "admin", password: "wrong password" }),
  });
  expect(badLogin.status).to.equal(401);
  const login = await call(`${url}/api/login`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
  });
  expect(login.status, JSON.stringify(login.body)).to.equal(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const headers = { ...json, cookie, "x-csrf-token": login.body.csrfToken as string };

  const noToken = await call(`${url}/api/manager`, {
    method: "POST",
    headers: { ...json, cookie },
    body: JSON.stringify({ name: "Guido" }),
  });
  expect(noToken.status).to.equal(403);

  const manager = await call(`${url}/api/manager`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "Guido" }),
  });
  expect(manager.status, JSON.stringify(manager.body)).to.equal(201);
  for (const band of [
    { name: "Pythonistas", manager: manager.body.id, popularity: 1000 },
    { name: "Rustaceans", manager: manager.body.id, popularity: 500 },
    { name: "Gophers", popularity: 5 },
  ]) {
    const created = await call(`${url}/api/band`, { method: "POST", headers, body: JSON.stringify(band) });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
  }

  const list = await call(`${url}/api/band?popularity__gte=10&__order=-popularity&__readable=true&__pageSize=20`);
  expect(list.status).to.equal(200);
  expect(list.body.count).to.equal(2);
  expect(list.body.rows.map((r: any) => [r.name, r.manager_readable, r.active])).to.deep.equal([
    ["Pythonistas", "Guido", true],
    ["Rustaceans", "Guido", true],
  ]);
  const throughKey = await call(`${url}/api/band?manager.name=Guido&__fields=name,manager.name&__order=name`);
  expect(throughKey.body.rows).to.deep.equal([
    { name: "Pythonistas", "manager.name": "Guido" },
    { name: "Rustaceans", "manager.name": "Guido" },
  ]);

  const invalid = await call(`${url}/api/band`, {
    method: "POST",
    headers,
    body: JSON.stringify({ popularity: "many", colour: "red" }),
  });
  expect(invalid.status).to.equal(422);
  expect(invalid.body.error.fields.map((f: { field: string }) => f.field)).to.include.members([
    "name",
    "popularity",
    "colour",
  ]);
  const unknownFilter = await call(`${url}/api/band?popularty__gte=1`);
  expect(unknownFilter.status).to.equal(400);
  const duplicate = await call(`${url}/api/manager`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "Guido" }),
  });
  expect(duplicate.status).to.equal(409);

  const logout = await call(`${url}/api/logout`, {
    method: "POST",
    headers: { cookie, "x-csrf-token": headers["x-csrf-token"] },
  });
  expect(logout.status).to.equal(200);
  const afterLogout = await call(`${url}/api/manager`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "Ann" }),
  });
  expect(afterLogout.status).to.equal(401);
}

describe("piccolo server new (e2e: generate, install, build, migrate, start, call over HTTP)", function () {
  this.timeout(600_000);
  let work: string;
  let tarball: string;
  let seed: string | undefined;

  before(() => {
    work = mkdtempSync(join(tmpdir(), "piccolo-server-new-"));
    const packed = runCommand(ROOT, "npm", ["pack", "--silent", "--pack-destination", work]).trim().split("\n").pop()!;
    tarball = join(work, packed);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  /** Generates a project and installs it; node_modules come from an earlier project where they overlap. */
  function generate(framework: string, engine: "sqlite" | "postgres"): string {
    const dir = join(work, `${framework}-${engine}`);
    const made = piccolo(work, [
      "server",
      "new",
      dir,
      "--framework",
      framework,
      "--engine",
      engine,
      "--piccolo-version",
      `file:${tarball}`,
    ]);
    expect(made.status, made.stderr).to.equal(0);
    if (seed !== undefined) cpSync(join(seed, "node_modules"), join(dir, "node_modules"), { recursive: true });
    else {
      // better-sqlite3 has no prebuilt binary reachable here and compiles from source (about 8 minutes
      // on a loaded 2-core machine): the checkout's compiled copy is seeded, and npm keeps it as it
      // satisfies the project's range. Every other package npm installs itself.
      mkdirSync(join(dir, "node_modules"), { recursive: true });
      cpSync(join(ROOT, "node_modules/better-sqlite3"), join(dir, "node_modules/better-sqlite3"), { recursive: true });
    }
    runCommand(dir, "npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]);
    seed ??= dir;
    runCommand(dir, "npm", ["run", "build", "--silent"]);
    return dir;
  }

  /** The project's own CLI (node_modules/.bin/piccolo): migrations, then an admin user. */
  function migrateAndAddAdmin(dir: string, env: NodeJS.ProcessEnv): void {
    expect(projectCli(dir, env, ["migrations", "forwards", "all"])).to.include("3 migrations ran");
    const user = [
      "user",
      "create",
      "--username",
      "admin",
      "--email",
      "admin@example.com",
      "--password-stdin",
      "--admin",
    ];
    expect(projectCli(dir, env, user, `${ADMIN_PASSWORD}\n`)).to.include("Created user admin");
  }

  function projectCli(dir: string, env: NodeJS.ProcessEnv, args: string[], input = ""): string {
    const bin = join(dir, "node_modules/.bin/piccolo");
    try {
      return execFileSync(bin, args, {
        cwd: dir,
        env: { ...env, NO_COLOR: "1" },
        input,
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new Error(`piccolo ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`, { cause: error });
    }
  }

  it("refuses an unknown framework, listing the choices, and a non-empty folder without --force", () => {
    const unknown = piccolo(work, ["server", "new", join(work, "nope"), "--framework", "flask"]);
    expect(unknown.status).to.equal(1);
    expect(unknown.stderr).to.include('--framework must be one of express, fastify, koa, hono, nestjs, got "flask"');
    expect(existsSync(join(work, "nope"))).to.equal(false);

    const full = join(work, "full");
    mkdirSync(full);
    writeFileSync(join(full, "keep.txt"), "mine");
    const refused = piccolo(work, ["server", "new", full, "--framework", "express"]);
    expect(refused.status).to.equal(1);
    expect(refused.stderr).to.include("is not empty").and.include("--force");
    expect(readdirSync(full)).to.deep.equal(["keep.txt"]);
    const forced = piccolo(work, ["server", "new", full, "--framework", "express", "--force", "--no-admin"]);
    expect(forced.status, forced.stderr).to.equal(0);
    expect(readFileSync(join(full, "keep.txt"), "utf8")).to.equal("mine");
    expect(existsSync(join(full, "src/admin.ts"))).to.equal(false);
    rmSync(full, { recursive: true });
  });

  for (const framework of frameworks) {
    it(`${framework} on SQLite: builds, migrates, starts and answers home, CRUD, filters, 422 and OpenAPI`, async () => {
      const dir = generate(framework, "sqlite");
      const env = { ...process.env };
      migrateAndAddAdmin(dir, env);
      if (framework === "express") {
        // The first migration is exactly what --auto writes for the tables: nothing left to do.
        const auto = projectCli(dir, env, ["migrations", "new", "music", "--auto"]);
        expect(auto).to.include("No changes detected");
      }
      const { url, child } = await startServer(dir, env);
      try {
        await exerciseApi(url);
      } finally {
        await stopServer(child, url);
      }
      if (framework === "express") {
        // The project's own tests (node:test over real HTTP), on the migrated database.
        const own = runCommand(dir, "npm", ["test", "--silent"]);
        expect(own)
          .to.match(/# pass 3/)
          .and.match(/# fail 0/);
      }
    });
  }

  it("express on PostgreSQL (a throwaway database): migrates, starts and answers the same", async () => {
    const config = pgConfig();
    const database = `piccolo_server_new_${randomBytes(4).toString("hex")}`;
    const admin = new Client(config);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    try {
      await runOnPostgres(database);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    }
  });

  async function runOnPostgres(database: string): Promise<void> {
    const config = pgConfig();
    const dir = generate("express", "postgres");
    expect(readFileSync(join(dir, "package.json"), "utf8")).to.include('"pg"');
    const env = {
      ...process.env,
      PGHOST: config.host,
      PGPORT: String(config.port),
      PGUSER: config.user,
      PGDATABASE: database,
    };
    migrateAndAddAdmin(dir, env);
    const { url, child } = await startServer(dir, env);
    try {
      await exerciseApi(url);
    } finally {
      await stopServer(child, url);
    }
  }
});
