import { expect } from "chai";
import express from "express";
import Fastify from "fastify";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { MigrationRunner } from "../../lib";
import {
  BaseUser,
  Sessions,
  expressLogin,
  expressLogout,
  expressSessionAuth,
  fastifyLogin,
  fastifyLogout,
  fastifySessionAuth,
  nodeLoginHandler,
  nodeLogoutHandler,
  requireSession,
  sessionAuth,
  type AuthResult,
  type SessionAuth,
  type SessionAuthOptions,
} from "../../lib/auth";
import { setUpAuthTables, tearDownAuthTables } from "../support/auth";
import { describeEachEngine } from "../support/engines";

/** A fetch client that keeps the cookies the server sets, as a browser would. */
class Client {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async send(
    method: string,
    path: string,
    options: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.form !== undefined) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: "manual" });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair] = line.split(";");
      const [name, value] = pair!.split("=") as [string, string];
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      setCookies,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  login(username = "ada", password = "analytical") {
    return this.send("POST", "/login", { json: { username, password } });
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A plain Node http app: /login, /logout, GET /me, POST /notes. */
function nodeApp(auth: SessionAuth): Server {
  const login = nodeLoginHandler(auth);
  const logout = nodeLogoutHandler(auth);
  return createServer((req, res) => {
    void (async () => {
      if (req.url === "/login") return login(req, res);
      if (req.url === "/logout") return logout(req, res);
      const who = await requireSession(auth, req, res);
      if (!who) return;
      res.statusCode = req.method === "POST" ? 201 : 200;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ username: who.user.username }));
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
}

function expressApp(auth: SessionAuth): Server {
  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.post("/login", expressLogin(auth));
  app.post("/logout", expressLogout(auth));
  const who = (req: express.Request) => (req as unknown as { auth: AuthResult }).auth.user.username;
  app.get("/me", expressSessionAuth(auth, { required: true }), (req, res) => void res.json({ username: who(req) }));
  app.post(
    "/notes",
    expressSessionAuth(auth, { required: true }),
    (req, res) => void res.status(201).json({ username: who(req) }),
  );
  return createServer(app);
}

async function fastifyApp(auth: SessionAuth): Promise<{ base: string; close: () => Promise<void> }> {
  const app = Fastify();
  app.decorateRequest("auth", null);
  app.post("/login", fastifyLogin(auth));
  app.post("/logout", fastifyLogout(auth));
  const guard = { preHandler: fastifySessionAuth(auth, { required: true }) };
  const who = (request: unknown) => ({ username: (request as { auth: AuthResult }).auth.user.username });
  app.get("/me", guard, async (request) => who(request));
  app.post("/notes", guard, async (request, reply) => reply.code(201).send(who(request)));
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  return { base, close: () => app.close() };
}

describeEachEngine(
  "auth: session middleware over HTTP",
  (ctx) => {
    let runner: MigrationRunner | undefined;
    before(async () => {
      await ctx.dropTables("piccolo_user", "sessions", "piccolo_migration");
      runner = await setUpAuthTables(ctx.engine);
      await BaseUser.createUser({ username: "ada", password: "analytical", email: "ada@example.com" });
      await BaseUser.createUser({ username: "bob", password: "babbage-42", email: "bob@example.com" });
    });
    after(async () => {
      await tearDownAuthTables(runner);
      await ctx.dropTables("piccolo_migration");
    });

    const servers: { base: string; close: () => Promise<void> }[] = [];
    afterEach(async () => {
      for (const s of servers.splice(0)) await s.close();
    });
    const serve = async (kind: "node" | "express" | "fastify", options: SessionAuthOptions = {}) => {
      const auth = sessionAuth(options);
      if (kind === "fastify") {
        const app = await fastifyApp(auth);
        servers.push(app);
        return new Client(app.base);
      }
      const server = kind === "node" ? nodeApp(auth) : expressApp(auth);
      const base = await listen(server);
      servers.push({ base, close: () => new Promise((resolve) => server.close(() => resolve())) });
      return new Client(base);
    };

    for (const kind of ["node", "express", "fastify"] as const) {
      describe(kind, () => {
        it("login sets an HttpOnly, SameSite=Lax, Secure session cookie and a readable CSRF cookie; GET /me sees the user", async () => {
          const client = await serve(kind);
          expect((await client.send("GET", "/me")).status).to.equal(401);
          const login = await client.login();
          expect(login.status).to.equal(200);
          const [session, csrf] = login.setCookies;
          expect(session).to.match(
            /^piccolo_session=[A-Za-z0-9_-]{43}; Max-Age=1209600; Expires=.+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
          );
          expect(csrf).to.match(
            /^csrftoken=[A-Za-z0-9_-]+; Max-Age=1209600; Expires=.+; Path=\/; Secure; SameSite=Lax$/,
          );
          expect(login.body.csrfToken).to.equal(client.cookies.get("csrftoken"));
          const me = await client.send("GET", "/me");
          expect([me.status, me.body]).to.deep.equal([200, { username: "ada" }]);
        });

        it("a wrong password is 401 without saying whether the user exists, and sets no cookie", async () => {
          const client = await serve(kind);
          const wrong = await client.login("ada", "not-the-password");
          const missing = await client.login("nobody", "not-the-password");
          expect([wrong.status, wrong.body]).to.deep.equal([missing.status, missing.body]);
          expect(wrong.status).to.equal(401);
          expect(wrong.body.code).to.equal("PICCOLO_LOGIN_FAILED");
          expect(wrong.setCookies).to.deep.equal([]);
        });

        it("CSRF: an unsafe request needs the session's token (403 without, with a wrong one, or from another origin)", async () => {
          const client = await serve(kind);
          const token = (await client.login()).body.csrfToken as string;
          const other = await serve(kind);
          const otherToken = (await other.login("bob", "babbage-42")).body.csrfToken as string;
          const post = (headers: Record<string, string>) =>
            client.send("POST", "/notes", { json: { text: "hi" }, headers });
          const none = await post({});
          expect([none.status, none.body.code]).to.deep.equal([403, "PICCOLO_CSRF_CHECK_FAILED"]);
          expect((await post({ "x-csrf-token": "nope" })).status).to.equal(403);
          expect((await post({ "x-csrf-token": otherToken })).status).to.equal(403);
          expect((await post({ "x-csrf-token": token, origin: "https://evil.example" })).status).to.equal(403);
          const ok = await post({ "x-csrf-token": token, origin: client.base });
          expect([ok.status, ok.body]).to.deep.equal([201, { username: "ada" }]);
        });

        it("logout (CSRF-checked) ends the session and clears the cookies", async () => {
          const client = await serve(kind);
          const token = (await client.login()).body.csrfToken as string;
          const sessionCookie = client.cookies.get("piccolo_session")!;
          expect((await client.send("POST", "/logout")).status).to.equal(403);
          const out = await client.send("POST", "/logout", { headers: { "x-csrf-token": token } });
          expect(out.status).to.equal(200);
          expect(out.setCookies.every((c) => /Max-Age=0/.test(c))).to.equal(true);
          expect(await Sessions.getUserId(decodeURIComponent(sessionCookie))).to.equal(null);
          expect((await client.send("GET", "/me")).status).to.equal(401);
        });

        it("rate limit: after maxAttempts failures for a username from one address, 429 with Retry-After", async () => {
          const client = await serve(kind, { rateLimit: { maxAttempts: 3, windowMs: 60_000 } });
          for (let i = 0; i < 3; i++) expect((await client.login("ada", "wrong-password")).status).to.equal(401);
          const blocked = await client.login("ada", "analytical");
          expect([blocked.status, blocked.body.code]).to.deep.equal([429, "PICCOLO_TOO_MANY_LOGIN_ATTEMPTS"]);
          expect(Number(blocked.headers.get("retry-after"))).to.be.within(1, 60);
          expect((await client.login("bob", "babbage-42")).status).to.equal(200);
        });
      });
    }

    it("node: a form login with loginRedirect answers 303; secure: false drops Secure", async () => {
      const client = await serve("node", { loginRedirect: "/home", secure: false });
      const res = await client.send("POST", "/login", { form: { username: "ada", password: "analytical" } });
      expect(res.status).to.equal(303);
      expect(res.headers.get("location")).to.equal("/home");
      expect(res.setCookies[0]).to.not.contain("Secure");
    });

    it("express: the CSRF token may come as the csrfToken form field", async () => {
      const client = await serve("express");
      const token = (await client.login()).body.csrfToken as string;
      expect((await client.send("POST", "/notes", { form: { text: "hi" } })).status).to.equal(403);
      expect((await client.send("POST", "/notes", { form: { text: "hi", csrfToken: token } })).status).to.equal(201);
    });

    it("node: a login body that is not JSON or a form is refused (415), a huge one too (413)", async () => {
      const client = await serve("node");
      const text = await fetch(`${client.base}/login`, {
        method: "POST",
        body: "x",
        headers: { "content-type": "text/plain" },
      });
      expect(text.status).to.equal(415);
      const huge = await client.send("POST", "/login", { json: { username: "ada", password: "x".repeat(20_000) } });
      expect([huge.status, huge.body.code]).to.deep.equal([413, "PICCOLO_BAD_LOGIN_BODY"]);
      const bad = await client.send("POST", "/login", { json: { username: ["ada"], password: "analytical" } });
      expect(bad.status).to.equal(400);
    });
  },
  { requires: ["serialKeys"] },
);
