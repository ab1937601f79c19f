import { expect } from "chai";
import { crud, reject, type CrudAction } from "../../lib/crud";
import { openApi } from "../../lib/crud";
import { crudKeys, resetCrudTables, dropCrudTables, secrets, type CrudTables } from "../support/crud-tables";
import { describeEachEngine } from "../support/engines";
import { expectJsonKey } from "../support/keys";
import { call, listen } from "../support/http";

describeEachEngine("crud: secrets, writable allowlist, read-only, hooks, authorize", (ctx) => {
  let t: CrudTables;
  // The rows' keys by name (1, 2, 3… where keys are sequential, checked so), as the JSON carries them.
  let band: Awaited<ReturnType<typeof crudKeys>>["band"];
  let manager: Awaited<ReturnType<typeof crudKeys>>["manager"];
  beforeEach(async () => {
    t = await resetCrudTables(ctx);
    ({ band, manager } = await crudKeys(ctx, t));
  });
  after(() => dropCrudTables(ctx));

  it("never sends a secret column: not in lists, gets, writes, schemas, defaults or errors", async () => {
    const bands = crud(t.Band);
    const managers = crud(t.Manager);
    const server = await listen((req, res) => bands(req, res, () => managers(req, res)));
    try {
      const replies = [
        await call(server.url, "GET", "/crud_band"),
        await call(server.url, "GET", "/crud_band?__readable=true&__cursor="),
        await call(server.url, "GET", `/crud_band/${band.Pythonistas}`),
        await call(server.url, "GET", `/crud_band/${band.Pythonistas}?__fields=token`),
        await call(server.url, "GET", "/crud_band?token=tok-very-secret"),
        await call(server.url, "GET", "/crud_band?__order=token"),
        await call(server.url, "GET", "/crud_band?__fields=manager.password"),
        await call(server.url, "GET", "/crud_band?manager.password__ilike=pw%25"),
        await call(server.url, "GET", "/crud_band/schema"),
        await call(server.url, "GET", "/crud_band/schema?variant=create"),
        await call(server.url, "GET", "/crud_band/new"),
        await call(server.url, "POST", "/crud_band", { name: "New", token: "mine" }),
        await call(server.url, "PATCH", `/crud_band/${band.Pythonistas}`, { popularity: 5 }),
        await call(server.url, "PUT", `/crud_band/${band.Pythonistas}`, { name: "Renamed" }),
        await call(server.url, "GET", "/crud_manager"),
        await call(server.url, "GET", `/crud_manager/${manager.Guido}`),
        await call(server.url, "POST", "/crud_manager", { name: "Eve" }),
      ];
      for (const reply of replies) {
        expect(reply.text).not.to.include(secrets.token);
        expect(reply.text).not.to.include(secrets.password);
        const rows = reply.body?.rows ?? [reply.body];
        for (const row of rows) {
          expect(row ?? {}).not.to.have.property("token");
          expect(row ?? {}).not.to.have.property("password");
        }
      }
      // Filters, fields and orders on secrets are refused as unknown, the same as a typo.
      for (const reply of replies.slice(3, 8)) expect(reply.status).to.equal(400);
      // Writing a secret is refused unless the writable option names it; the token kept its value.
      expect(replies[11]!.status).to.equal(422);
      expect(replies[11]!.body.error.fields).to.deep.equal([
        { field: "token", constraints: { unknown: "token is not a field of this table" } },
      ]);
      // Pythonistas, renamed by the PUT above: the first row by key.
      const [row] = await t.Band.select(t.Band.c.token).orderBy(t.Band.c.id).limit(1);
      expect(row!.token).to.equal(secrets.token);
      const doc = JSON.stringify(openApi([bands, managers], { title: "t", version: "1" }));
      expect(doc).not.to.match(/token|password/);
    } finally {
      await server.close();
    }
  });

  it("lets a writable allowlist name a secret column, and writes only the listed columns", async () => {
    const managers = crud(t.Manager, { writable: ["name", "password"] });
    const bands = crud(t.Band, { writable: ["name"] });
    const server = await listen((req, res) => managers(req, res, () => bands(req, res)));
    try {
      const created = await call(server.url, "POST", "/crud_manager", { name: "Eve", password: "eve-pw" });
      expect(created.status).to.equal(201);
      expectJsonKey(ctx, created.body.id, 4);
      expect(created.body).to.deep.equal({ id: created.body.id, name: "Eve" });
      const [row] = await t.Manager.select(t.Manager.c.password).where(t.Manager.c.name.eq("Eve"));
      expect(row!.password).to.equal("eve-pw");
      const readOnlyField = await call(server.url, "PATCH", `/crud_band/${band.Pythonistas}`, { popularity: 1 });
      expect(readOnlyField.status).to.equal(422);
      expect(readOnlyField.body.error.fields).to.deep.equal([
        { field: "popularity", constraints: { readOnly: "popularity is read-only" } },
      ]);
      expect((await call(server.url, "GET", "/crud_band/schema?variant=update")).body.properties).to.have.keys("name");
    } finally {
      await server.close();
    }
  });

  it("in read-only mode answers GET and refuses every write with 405", async () => {
    const server = await listen(crud(t.Band, { readOnly: true }));
    try {
      expect((await call(server.url, "GET", "/crud_band")).status).to.equal(200);
      expect((await call(server.url, "GET", `/crud_band/${band.Pythonistas}`)).status).to.equal(200);
      for (const [method, path] of [
        ["POST", "/crud_band"],
        ["DELETE", "/crud_band?id=1"],
        ["PUT", `/crud_band/${band.Pythonistas}`],
        ["PATCH", `/crud_band/${band.Pythonistas}`],
        ["DELETE", `/crud_band/${band.Pythonistas}`],
      ] as const) {
        const reply = await call(server.url, method, path, method === "DELETE" ? undefined : { name: "x" });
        expect(reply.status, `${method} ${path}`).to.equal(405);
        expect(reply.headers.get("allow")).to.equal("GET");
        expect(reply.body.error.message).to.include("read-only");
      }
      expect(await t.Band.count()).to.equal(4);
    } finally {
      await server.close();
    }
  });

  it("runs hooks: before hooks change values or reject, after hooks see the result", async () => {
    const seen: string[] = [];
    const bands = crud(t.Band, {
      hooks: {
        beforeCreate: (values) => {
          if (values.name === "Forbidden") throw reject("That name is taken by the label", 403);
          return { ...values, popularity: 42 };
        },
        afterCreate: (row) => void seen.push(`created ${row.name}`),
        beforePatch: (key, values) => {
          if (values.popularity !== undefined && values.popularity < 0)
            throw reject("No negative popularity", 422, [
              { field: "popularity", constraints: { min: "must be 0 or more" } },
            ]);
          return { ...values, name: `${values.name ?? "Band"}!` };
        },
        afterPatch: (row) => void seen.push(`patched ${row.id}`),
        beforeDelete: (key) => {
          if (String(key.id) === String(band.Pythonistas)) throw reject("Pythonistas stay", 409);
        },
        afterDelete: (key) => void seen.push(`deleted ${key.id}`),
      },
    });
    const server = await listen(bands);
    try {
      const created = await call(server.url, "POST", "/crud_band", { name: "Hooked", popularity: 1 });
      expect(created.body).to.include({ name: "Hooked", popularity: 42 });
      const refused = await call(server.url, "POST", "/crud_band", { name: "Forbidden" });
      expect(refused.status).to.equal(403);
      expect(refused.body.error).to.deep.include({
        code: "PICCOLO_CRUD_REJECTED",
        message: "That name is taken by the label",
      });
      const patched = await call(server.url, "PATCH", `/crud_band/${band.Rustaceans}`, { name: "Crabs" });
      expect(patched.body.name).to.equal("Crabs!");
      const negative = await call(server.url, "PATCH", `/crud_band/${band.Rustaceans}`, { popularity: -1 });
      expect(negative.status).to.equal(422);
      expect(negative.body.error.fields[0].field).to.equal("popularity");
      expect((await call(server.url, "DELETE", `/crud_band/${band.Pythonistas}`)).status).to.equal(409);
      expect((await call(server.url, "DELETE", `/crud_band/${band["C-Sharps"]}`)).status).to.equal(204);
      expect((await call(server.url, "DELETE", `/crud_band?id__in=${band["Gophers_100%"]}`)).body).to.deep.equal({
        deleted: 1,
      });
      expect(seen).to.deep.equal([
        "created Hooked",
        `patched ${band.Rustaceans}`,
        `deleted ${band["C-Sharps"]}`,
        `deleted ${band["Gophers_100%"]}`,
      ]);
      expect(await t.Band.count().where(t.Band.c.name.eq("Forbidden"))).to.equal(0);
      expect(await t.Band.count().where(t.Band.c.name.eq("Pythonistas"))).to.equal(1);
    } finally {
      await server.close();
    }
  });

  it("asks authorize before anything runs; false is 403, and a session check plugs in by header", async () => {
    const asked: CrudAction[] = [];
    const bands = crud(t.Band, {
      authorize: async (request, action) => {
        asked.push(action);
        const session = request.headers["authorization"];
        if (session === "Bearer admin") return true;
        return session === "Bearer reader" && ["list", "get", "count", "schema"].includes(action);
      },
    });
    const server = await listen(bands);
    try {
      expect((await call(server.url, "GET", "/crud_band")).status).to.equal(403);
      const reader = { authorization: "Bearer reader" };
      expect((await call(server.url, "GET", "/crud_band", undefined, reader)).status).to.equal(200);
      const denied = await call(server.url, "POST", "/crud_band", { name: "Nope" }, reader);
      expect(denied.status).to.equal(403);
      expect(denied.body.error).to.include({ code: "PICCOLO_CRUD_FORBIDDEN", message: "Not allowed to create." });
      const admin = { authorization: "Bearer admin" };
      const yes = await call(server.url, "POST", "/crud_band", { name: "Yes" }, admin);
      expect(yes.status).to.equal(201);
      expectJsonKey(ctx, yes.body.id, 5);
      expect((await call(server.url, "DELETE", `/crud_band/${yes.body.id}`, undefined, admin)).status).to.equal(204);
      expect(asked).to.deep.equal(["list", "list", "create", "create", "delete"]);
      expect(await t.Band.count().where(t.Band.c.name.eq("Nope"))).to.equal(0);
    } finally {
      await server.close();
    }
  });

  it("answers 500 without detail when something unexpected fails, and tells onError", async () => {
    const errors: unknown[] = [];
    const bands = crud(t.Band, {
      onError: (error) => errors.push(error),
      hooks: { afterCreate: () => Promise.reject(new TypeError("boom at /secret/path.js:1")) },
    });
    const server = await listen(bands);
    try {
      const reply = await call(server.url, "POST", "/crud_band", { name: "Crash" });
      expect(reply.status).to.equal(500);
      expect(reply.body).to.deep.equal({
        error: { status: 500, code: "PICCOLO_CRUD_INTERNAL_ERROR", message: "Internal server error.", fields: [] },
      });
      expect(errors).to.have.length(1);
      expect((errors[0] as Error).message).to.include("boom");
    } finally {
      await server.close();
    }
  });
});
