/**
 * piccolo-orm/auth as a user installs it: a temporary project whose config registers USER_APP and
 * SESSION_APP, `piccolo migrations forwards` creating their tables from the migrations shipped in
 * the package (SQLite and PostgreSQL), `piccolo user …` driven by flags and stdin and on a
 * pseudo-terminal, and the subpath imported from CommonJS and ESM.
 */
import { expect } from "chai";
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT, pgEnv, piccolo, piccoloOk, removeDir, tempProject, throwawayDatabase, writeFiles } from "../support/cli";
import { postgresReachable } from "../support/engines";

const BIN = join(ROOT, "build/lib/cli/bin.js");

const config = `import { AppRegistry, PostgresEngine, SQLiteEngine } from "piccolo-orm";
import { BaseUser, PasswordHasher, SESSION_APP, USER_APP } from "piccolo-orm/auth";

// Fewer iterations than the default 600,000 keep the test fast; the hashes have the same format.
BaseUser.hasher = new PasswordHasher({ iterations: 1000 });

export const DB =
  process.env.PICCOLO_ENGINE === "postgres"
    ? new PostgresEngine({ config: { database: process.env.PGDATABASE } })
    : new SQLiteEngine({ path: "auth.sqlite" });

export const APP_REGISTRY = new AppRegistry({ apps: [USER_APP, SESSION_APP] });
`;

/** A script that logs in with the project's DB: prints the user id or null. */
const loginScript = `const { PostgresEngine, SQLiteEngine, setDefaultEngine } = require("piccolo-orm");
const { BaseUser, PasswordHasher } = require("piccolo-orm/auth");
BaseUser.hasher = new PasswordHasher({ iterations: 1000 });
const DB =
  process.env.PICCOLO_ENGINE === "postgres"
    ? new PostgresEngine({ config: { database: process.env.PGDATABASE } })
    : new SQLiteEngine({ path: "auth.sqlite" });
setDefaultEngine(DB);
BaseUser.login(process.argv[2], process.argv[3]).then(async (id) => { console.log(JSON.stringify(id)); await DB.close(); });
`;

/**
 * Runs \`piccolo …\` on a pseudo-terminal (util-linux \`script\`) and types each answer once its
 * prompt appears, as a person would.
 */
function onTerminal(cwd: string, args: string[], answers: [RegExp, string][], env: NodeJS.ProcessEnv = {}) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  let output = "";
  let next = 0;
  let seen = 0;
  return new Promise<{ status: number | null; output: string }>((done, failed) => {
    const timer = setTimeout(() => child.kill(), 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const answer = answers[next];
      // eslint-disable-next-line no-control-regex
      const shown = output.slice(seen).replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
      if (answer && answer[0].test(shown)) {
        seen = output.length;
        next += 1;
        child.stdin.write(`${answer[1]}\r`);
      }
    });
    child.on("error", failed);
    child.on("close", (status) => {
      clearTimeout(timer);
      done({ status, output });
    });
  });
}

describe("CLI: piccolo user and the shipped auth migrations", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = tempProject("piccolo-auth-");
    writeFiles(dir, { "piccolo.config.ts": config, "login.cjs": loginScript });
  });
  after(() => removeDir(dir));

  const login = (username: string, password: string, env: NodeJS.ProcessEnv = {}) =>
    JSON.parse(
      execFileSync(process.execPath, ["login.cjs", username, password], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, ...env },
      }),
    ) as number | null;

  const flow = (env: NodeJS.ProcessEnv) => {
    const out = piccoloOk(dir, ["migrations", "forwards", "all"], { env });
    expect(out)
      .to.match(/ran\s+user .*BaseUser/)
      .and.match(/ran\s+session_auth .*Sessions/);
    expect(piccoloOk(dir, ["migrations", "check"], { env })).to.contain("tables match");
    const created = piccoloOk(
      dir,
      ["user", "create", "--username", "ada", "--email", "ada@example.com", "--password-stdin", "--admin"],
      {
        env,
        input: "first-secret\n",
      },
    );
    expect(created).to.match(/Created user ada \(id \d+\)/);
    expect(login("ada", "first-secret", env)).to.be.a("number");
    const list = JSON.parse(piccoloOk(dir, ["user", "list", "--json"], { env })) as Record<string, unknown>[];
    expect(list).to.have.length(1);
    expect(list[0]).to.include({ username: "ada", admin: true, superuser: false, active: true });
    expect(JSON.stringify(list)).to.not.contain("pbkdf2");
    expect(piccoloOk(dir, ["user", "change-permissions", "ada", "--superuser", "--no-admin"], { env })).to.contain(
      "admin off, superuser on",
    );
    piccoloOk(dir, ["user", "change-password", "ada", "--password-stdin"], { env, input: "second-secret\n" });
    expect(login("ada", "first-secret", env)).to.equal(null);
    expect(login("ada", "second-secret", env)).to.be.a("number");
    piccoloOk(dir, ["migrations", "backwards", "user", "--migration-id", "all", "--yes"], { env });
    piccoloOk(dir, ["migrations", "backwards", "session_auth", "--migration-id", "all", "--yes"], { env });
  };

  it("SQLite: migrations forwards create the tables; user create, list, change-permissions, change-password", () => {
    flow({});
  });

  it("PostgreSQL: the same on a throwaway database", async function () {
    if (!(await postgresReachable())) this.skip();
    const db = await throwawayDatabase();
    try {
      flow({ ...pgEnv(db.name), PICCOLO_ENGINE: "postgres" });
    } finally {
      await db.drop();
    }
  });

  it("scripts get clear errors: no password source off a terminal, a weak password, an unknown user", () => {
    piccoloOk(dir, ["migrations", "forwards", "user"]);
    const noPassword = piccolo(dir, ["user", "create", "--username", "bob", "--email", "bob@example.com"]);
    expect(noPassword.status).to.equal(1);
    expect(noPassword.stderr).to.contain("A password is needed: pass --password-stdin");
    const weak = piccolo(dir, ["user", "create", "--username", "bob", "--email", "b@example.com", "--password-stdin"], {
      input: "bob\n",
    });
    expect(weak.status).to.equal(1);
    expect(weak.stderr).to.contain("at least 8 characters").and.contain("must not be the username");
    const unknown = piccolo(dir, ["user", "change-password", "nobody", "--password-stdin"], { input: "long-enough\n" });
    expect(unknown.stderr).to.contain('No user "nobody"');
    expect(piccolo(dir, ["user", "create", "--bogus"]).stderr).to.contain("unknown option '--bogus'");
    expect(piccoloOk(dir, ["user"]))
      .to.contain("change-password")
      .and.contain("change-permissions");
  });

  it("on a terminal: asks for what is missing, the password twice with echo off", async () => {
    piccoloOk(dir, ["migrations", "forwards", "user"]);
    const r = await onTerminal(
      dir,
      ["user", "create"],
      [
        [/Username: *$/, "grace"],
        [/Email: *$/, "grace@example.com"],
        [/Password: $/, "typed-secret-1"],
        [/Confirm password: $/, "typed-secret-1"],
      ],
    );
    expect(r.output).to.contain("Created user grace");
    expect(r.output).to.contain("grace@example.com"); // what is typed at a visible prompt echoes
    expect(r.output).to.not.contain("typed-secret-1"); // the password never does
    expect(login("grace", "typed-secret-1")).to.be.a("number");
    const differ = await onTerminal(
      dir,
      ["user", "change-password", "grace"],
      [
        [/New password: $/, "new-secret-22"],
        [/Confirm password: $/, "other-secret-22"],
      ],
    );
    expect(differ.output).to.contain("The passwords do not match; nothing was changed.");
    expect(differ.output).to.not.contain("secret-22");
    expect(login("grace", "typed-secret-1")).to.be.a("number");
  });

  it("piccolo-orm/auth imports from CommonJS (require) and ESM (import) as one copy of the library", () => {
    writeFiles(dir, {
      "sub.cjs": `const auth = require("piccolo-orm/auth");
const orm = require("piccolo-orm");
console.log(JSON.stringify([typeof auth.BaseUser, typeof auth.sessionAuth, auth.BaseUser.tableName, require.resolve("piccolo-orm/auth"), auth.AuthError.prototype instanceof orm.OrmError]));`,
      "sub.mjs": `import auth, { BaseUser, sessionAuth, USER_APP, AuthError } from "piccolo-orm/auth";
import { OrmError } from "piccolo-orm";
console.log(JSON.stringify([typeof BaseUser, typeof sessionAuth, USER_APP.name, auth.BaseUser === BaseUser, import.meta.resolve("piccolo-orm/auth"), AuthError.prototype instanceof OrmError]));`,
    });
    const cjs = JSON.parse(execFileSync(process.execPath, ["sub.cjs"], { cwd: dir, encoding: "utf8" })) as unknown[];
    expect(cjs).to.deep.equal(["function", "function", "piccolo_user", join(ROOT, "build/lib/auth/index.js"), true]);
    const esm = JSON.parse(execFileSync(process.execPath, ["sub.mjs"], { cwd: dir, encoding: "utf8" })) as unknown[];
    expect(esm).to.deep.equal([
      "function",
      "function",
      "user",
      true,
      `file://${join(ROOT, "build/lib/auth/index.mjs")}`,
      true,
    ]);
  });
});
