import { expect } from "chai";
import type { Server } from "node:http";
import express from "express";
import Fastify from "fastify";
import Koa from "koa";
import { Hono } from "hono";
import { serve } from "@hono/node-server";
import { Body, Controller, Module, Post, type MiddlewareConsumer, type NestModule } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import type { MigrationRunner } from "../../lib";
import { createAdmin, expressAdmin, fastifyAdmin, honoAdmin, koaAdmin, nestAdmin, type Admin } from "../../lib/admin";
import { AdminClient, createAdminUsers } from "../support/admin-client";
import { dropAdminTables, resetAdminTables, type AdminTables } from "../support/admin-tables";
import { setUpAuthTables, tearDownAuthTables } from "../support/auth";
import { describeEachEngine } from "../support/engines";
import { fromServer, listen, type Listening } from "../support/http";

/** The same flow on every framework: log in, list, create through a form, CSV, log out; its own route untouched. */
function flowOver(start: (admin: Admin) => Promise<Listening>, getT: () => AdminTables) {
  return async () => {
    const t = getT();
    const admin = createAdmin({ tables: [t.Manager, t.Band], secure: false, rateLimit: false });
    const server = await start(admin);
    try {
      const client = new AdminClient(server.url);
      expect((await client.get("/admin/adm_band")).status).to.equal(303);
      expect((await client.login()).status).to.equal(303);
      const list = await client.get("/admin/adm_band");
      expect(list.status, list.text).to.equal(200);
      expect(list.headers.get("content-security-policy")).to.include("frame-ancestors 'none'");
      expect(list.text).to.include("Pythonistas");
      const created = await client.post("/admin/adm_band/new", {
        name: "Framework band",
        popularity: "5",
        genre: "jazz",
        manager: "1",
      });
      expect(created.status, created.text).to.equal(303);
      expect(await t.Band.count().where(t.Band.c.name.eq("Framework band"))).to.equal(1);
      const csrfRefused = await client.request("POST", "/admin/adm_band/new", { name: "No token", genre: "rock" });
      expect(csrfRefused.status).to.equal(403);
      const csv = await client.get("/admin/adm_band/export.csv?name__contains=framework");
      expect(csv.text.trim().split("\r\n")).to.have.length(2);
      const js = /src="(\/admin\/assets\/[^"]+)"/.exec(list.text)![1]!;
      expect((await client.get(js)).headers.get("content-type")).to.include("javascript");
      expect((await client.post("/admin/logout")).status).to.equal(303);
      expect((await client.get("/admin/adm_band")).status).to.equal(303);
      const own = await fetch(`${server.url}/hello`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "json" }),
      });
      expect(await own.text()).to.equal("framework route json");
    } finally {
      await server.close();
    }
  };
}

describeEachEngine(
  "admin: mounted in every framework over real HTTP",
  (ctx) => {
    let runner: MigrationRunner | undefined;
    let t: AdminTables;
    before(async () => {
      runner = await setUpAuthTables(ctx.engine);
      await createAdminUsers();
    });
    after(async () => {
      await dropAdminTables(ctx);
      await tearDownAuthTables(runner);
    });
    beforeEach(async () => {
      t = await resetAdminTables(ctx);
    });
    const tables = () => t;

    it(
      "Express 5 with express.json() and express.urlencoded() mounted before",
      flowOver(async (admin) => {
        const app = express();
        app.use(express.json(), express.urlencoded({ extended: false }));
        app.use(expressAdmin(admin));
        app.post("/hello", (req, res) => void res.send(`framework route ${(req.body as { name: string }).name}`));
        return listen(app.listen(0));
      }, tables),
    );

    it(
      "Express 5 without body parsers for the admin",
      flowOver(async (admin) => {
        const app = express();
        app.use(expressAdmin(admin));
        app.post(
          "/hello",
          express.json(),
          (req, res) => void res.send(`framework route ${(req.body as { name: string }).name}`),
        );
        return listen(app.listen(0));
      }, tables),
    );

    it(
      "Fastify 5 (encapsulated: other routes keep their JSON parsing)",
      flowOver(async (admin) => {
        const app = Fastify();
        await app.register(fastifyAdmin(admin));
        app.post("/hello", async (request) => `framework route ${(request.body as { name: string }).name}`);
        await app.listen({ port: 0, host: "127.0.0.1" });
        return fromServer(app.server);
      }, tables),
    );

    it(
      "Koa 3",
      flowOver(async (admin) => {
        const app = new Koa();
        app.use(koaAdmin(admin));
        app.use(async (c) => {
          if (c.path !== "/hello") return;
          let text = "";
          for await (const chunk of c.req) text += String(chunk);
          c.body = `framework route ${(JSON.parse(text) as { name: string }).name}`;
        });
        return listen(app.callback());
      }, tables),
    );

    it(
      "Hono 4 on @hono/node-server",
      flowOver(async (admin) => {
        const app = new Hono();
        app.use("/admin/*", honoAdmin(admin));
        app.use("/admin", honoAdmin(admin));
        app.post("/hello", async (c) => c.text(`framework route ${(await c.req.json<{ name: string }>()).name}`));
        const server = await new Promise<Server>((resolve) => {
          const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server));
        });
        return fromServer(server);
      }, tables),
    );

    it(
      "NestJS (middleware beside a controller)",
      flowOver(async (admin) => {
        @Controller()
        class HelloController {
          @Post("hello")
          hello(@Body() body: { name: string }): string {
            return `framework route ${body.name}`;
          }
        }
        @Module({ controllers: [HelloController] })
        class AppModule implements NestModule {
          configure(consumer: MiddlewareConsumer): void {
            consumer.apply(nestAdmin(admin)).forRoutes("*");
          }
        }
        const app = await NestFactory.create(AppModule, { logger: false });
        await app.listen(0, "127.0.0.1");
        const server = fromServer(app.getHttpServer() as Server);
        return { url: server.url, close: () => app.close() };
      }, tables),
    );
  },
  // The sample rows (test/support/admin-tables.ts) and the URLs and form values are literal keys 1, 2, 3.
  { requires: ["sequentialKeys"] },
);
