import "reflect-metadata";
import { expect } from "chai";
import type { Server } from "node:http";
import express from "express";
import Fastify from "fastify";
import Koa from "koa";
import Router from "@koa/router";
import { Hono } from "hono";
import { serve } from "@hono/node-server";
import { Controller, Get, Module, type MiddlewareConsumer, type NestModule } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import {
  crud,
  expressCrud,
  fastifyCrud,
  honoCrud,
  koaCrud,
  nestCrud,
  openApi,
  serveOpenApi,
  type Endpoint,
} from "../../lib/crud";
import { resetCrudTables, dropCrudTables, type CrudTables } from "../support/crud-tables";
import { describeEachEngine, type EngineContext } from "../support/engines";
import { expectJsonKey } from "../support/keys";
import { call, fromServer, listen, type Listening } from "../support/http";

/** The same checks on every framework: list, create, a 422, a 404, the OpenAPI document, and its own routes untouched. */
function checksOver(
  start: (endpoints: Endpoint[]) => Promise<Listening>,
  getT: () => { t: CrudTables; ctx: EngineContext },
) {
  return async () => {
    const { t, ctx } = getT();
    const bands = crud(t.Band, { prefix: "/api/bands" });
    const doc = serveOpenApi(openApi([bands], { title: "Bands", version: "1.0.0" }), "/api/openapi.json");
    const server = await start([bands, doc]);
    try {
      const list = await call(server.url, "GET", "/api/bands?popularity__gte=1000&__order=-popularity&__fields=name");
      expect(list.status, list.text).to.equal(200);
      expect(list.body).to.deep.equal({
        rows: [{ name: "Rustaceans" }, { name: "Pythonistas" }],
        page: 1,
        pageSize: 20,
        count: 2,
      });
      const created = await call(server.url, "POST", "/api/bands", { name: "Adapters", popularity: 3 });
      expect(created.status, created.text).to.equal(201);
      expectJsonKey(ctx, created.body.id, 5);
      expect(created.headers.get("location")).to.equal(`/api/bands/${created.body.id}`);
      expect((await call(server.url, "GET", `/api/bands/${created.body.id}`)).body).to.include({
        name: "Adapters",
        popularity: 3,
      });
      const invalid = await call(server.url, "POST", "/api/bands", { name: 5 });
      expect(invalid.status).to.equal(422);
      expect(invalid.body.error.fields[0].field).to.equal("name");
      const broken = await call(server.url, "POST", "/api/bands", "{", { "content-type": "application/json" });
      expect(broken.status).to.equal(400);
      expect(broken.body.error.code).to.equal("PICCOLO_CRUD_INVALID_JSON");
      const missing = await call(server.url, "GET", "/api/bands/99");
      expect(missing.status).to.equal(404);
      expect(missing.body.error.code).to.equal("PICCOLO_CRUD_NOT_FOUND");
      expect((await call(server.url, "DELETE", `/api/bands/${created.body.id}`)).status).to.equal(204);
      const openapi = await call(server.url, "GET", "/api/openapi.json");
      expect(openapi.body.openapi).to.equal("3.1.0");
      expect(openapi.body.paths).to.have.property("/api/bands/{key}");
      expect((await call(server.url, "GET", "/hello")).text).to.equal("framework route");
    } finally {
      await server.close();
    }
  };
}

describeEachEngine("crud: framework adapters over real HTTP", (ctx) => {
  let t: CrudTables;
  beforeEach(async () => {
    t = await resetCrudTables(ctx);
  });
  after(() => dropCrudTables(ctx));
  const tables = () => ({ t, ctx });

  it(
    "Express 5 (with and without express.json())",
    checksOver(async (endpoints) => {
      const app = express();
      app.use(express.json());
      for (const e of endpoints) app.use(...expressCrud(e));
      app.get("/hello", (_req, res) => void res.send("framework route"));
      return listen(app.listen(0));
    }, tables),
  );

  it(
    "Express 5 without a body parser",
    checksOver(async (endpoints) => {
      const app = express();
      for (const e of endpoints) app.use(expressCrud(e));
      app.get("/hello", (_req, res) => void res.send("framework route"));
      return listen(app.listen(0));
    }, tables),
  );

  it(
    "Fastify 5",
    checksOver(async (endpoints) => {
      const app = Fastify();
      for (const e of endpoints) await app.register(fastifyCrud(e));
      app.get("/hello", async () => "framework route");
      await app.listen({ port: 0, host: "127.0.0.1" });
      return fromServer(app.server);
    }, tables),
  );

  it(
    "Koa 3 with @koa/router",
    checksOver(async (endpoints) => {
      const app = new Koa();
      const router = new Router();
      router.get("/hello", (c) => void (c.body = "framework route"));
      for (const e of endpoints) router.all([e.prefix, `${e.prefix}/{*rest}`], koaCrud(e));
      app.use(router.routes());
      return listen(app.callback());
    }, tables),
  );

  it(
    "Koa 3 as plain middleware",
    checksOver(async (endpoints) => {
      const app = new Koa();
      for (const e of endpoints) app.use(koaCrud(e));
      app.use(async (c) => void (c.body = c.path === "/hello" ? "framework route" : undefined));
      return listen(app.callback());
    }, tables),
  );

  it(
    "Hono 4 on @hono/node-server",
    checksOver(async (endpoints) => {
      const app = new Hono();
      for (const e of endpoints) app.use(honoCrud(e));
      app.get("/hello", (c) => c.text("framework route"));
      const server = await new Promise<Server>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server));
      });
      return fromServer(server);
    }, tables),
  );

  it(
    "NestJS 12 (middleware beside a controller)",
    checksOver(async (endpoints) => {
      @Controller()
      class HelloController {
        @Get("hello")
        hello(): string {
          return "framework route";
        }
      }
      @Module({ controllers: [HelloController] })
      class AppModule implements NestModule {
        configure(consumer: MiddlewareConsumer): void {
          consumer.apply(nestCrud(...endpoints)).forRoutes("*");
        }
      }
      const app = await NestFactory.create(AppModule, { logger: false, bodyParser: false });
      await app.listen(0, "127.0.0.1");
      const server = fromServer(app.getHttpServer() as Server);
      return { url: server.url, close: () => app.close() };
    }, tables),
  );
});
