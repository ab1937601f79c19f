import { expect } from "chai";
import { crud } from "../../lib/crud";
import { crudKeys, resetCrudTables, dropCrudTables, type CrudTables } from "../support/crud-tables";
import { describeEachEngine } from "../support/engines";
import { expectJsonKey, jsonKey } from "../support/keys";
import { call, listen, type Listening } from "../support/http";

describeEachEngine("crud: get, create, replace, patch, delete and the helper endpoints", (ctx) => {
  let t: CrudTables;
  let server: Listening;
  // The rows' keys by name (1, 2, 3… where keys are sequential, checked so), as the JSON carries them.
  let band: Awaited<ReturnType<typeof crudKeys>>["band"];
  let manager: Awaited<ReturnType<typeof crudKeys>>["manager"];

  beforeEach(async () => {
    t = await resetCrudTables(ctx);
    ({ band, manager } = await crudKeys(ctx, t));
    const bands = crud(t.Band, { maxBulkDelete: 2, bodyLimit: 2000 });
    const members = crud(t.Member);
    server = await listen((req, res) => bands(req, res, () => members(req, res)));
  });
  afterEach(() => server?.close());
  after(() => dropCrudTables(ctx));

  it("gets one row by key, with field selection, and 404s an unknown key", async () => {
    const one = await call(server.url, "GET", `/crud_band/${band.Rustaceans}`);
    expect(one.status).to.equal(200);
    expect(one.body).to.include({ id: band.Rustaceans, name: "Rustaceans", rating: "4.90" });
    const fields = await call(
      server.url,
      "GET",
      `/crud_band/${band.Rustaceans}?__fields=name,manager.name&__readable=true`,
    );
    expect(fields.body).to.deep.equal({ name: "Rustaceans", "manager.name": "Graydon" });
    const missing = await call(server.url, "GET", "/crud_band/99");
    expect(missing.status).to.equal(404);
    expect(missing.body.error).to.deep.include({ status: 404, code: "PICCOLO_CRUD_NOT_FOUND", fields: [] });
    const bad = await call(server.url, "GET", "/crud_band/abc");
    expect(bad.status).to.equal(400);
    expect(bad.body.error.fields[0].field).to.equal("id");
  });

  it("creates a row: 201 with the row and its Location; defaults filled in", async () => {
    const created = await call(server.url, "POST", "/crud_band", {
      name: "Lispers",
      manager: manager.Guido,
      rating: 2.5,
    });
    expect(created.status, created.text).to.equal(201);
    expectJsonKey(ctx, created.body.id, 5);
    expect(created.body).to.deep.equal({
      id: created.body.id,
      name: "Lispers",
      manager: manager.Guido,
      popularity: 0,
      rating: "2.50",
      active: true,
      formedAt: null,
    });
    expect(created.headers.get("location")).to.equal(`/crud_band/${created.body.id}`);
    expect(await t.Band.count().where(t.Band.c.name.eq("Lispers"))).to.equal(1);
  });

  it("refuses bad bodies with every failing field, writing nothing", async () => {
    const reply = await call(server.url, "POST", "/crud_band", {
      popularity: "lots",
      name: "x".repeat(51),
      id: 9,
      colour: "red",
      formedAt: "not a date",
      active: null,
    });
    expect(reply.status).to.equal(422);
    expect(reply.body.error.code).to.equal("PICCOLO_CRUD_INVALID_BODY");
    const byField = Object.fromEntries(
      reply.body.error.fields.map((f: { field: string; constraints: object }) => [f.field, Object.keys(f.constraints)]),
    );
    expect(byField).to.deep.equal({
      popularity: ["type"],
      name: ["maxLength"],
      id: ["readOnly"],
      colour: ["unknown"],
      formedAt: ["format"],
      active: ["type"],
    });
    const missing = await call(server.url, "POST", "/crud_band", { popularity: 3 });
    expect(missing.body.error.fields).to.deep.equal([{ field: "name", constraints: { required: "name is required" } }]);
    expect(await t.Band.count()).to.equal(4);
  });

  it("answers 400 for a body that is not JSON, 415 for another content type, 413 over the limit, 422 for a non-object", async () => {
    const broken = await call(server.url, "POST", "/crud_band", '{"name": ', { "content-type": "application/json" });
    expect(broken.status).to.equal(400);
    expect(broken.body.error.code).to.equal("PICCOLO_CRUD_INVALID_JSON");
    const text = await call(server.url, "POST", "/crud_band", "name=x", { "content-type": "text/plain" });
    expect(text.status).to.equal(415);
    const large = await call(server.url, "POST", "/crud_band", { name: "x".repeat(3000) });
    expect(large.status).to.equal(413);
    expect(large.body.error.code).to.equal("PICCOLO_CRUD_BODY_TOO_LARGE");
    const list = await call(server.url, "POST", "/crud_band", [1, 2]);
    expect(list.status).to.equal(422);
    expect(await t.Band.count()).to.equal(4);
  });

  it("answers 409 naming the field on a unique clash and on a missing foreign key row", async () => {
    const unique = await call(server.url, "POST", "/crud_band", { name: "Pythonistas" });
    expect(unique.status).to.equal(409);
    expect(unique.body.error.code).to.equal("PICCOLO_CRUD_CONFLICT");
    expect(unique.body.error.fields.map((f: { field: string }) => f.field)).to.deep.equal(["name"]);
    const fk = await call(server.url, "POST", "/crud_band", { name: "Orphans", manager: 77 });
    expect(fk.status).to.equal(409);
    expect(fk.body.error.fields).to.deep.equal([
      { field: "manager", constraints: { foreignKey: "manager refers to a row that does not exist" } },
    ]);
    const patch = await call(server.url, "PATCH", `/crud_band/${band.Pythonistas}`, { name: "Rustaceans" });
    expect(patch.status).to.equal(409);
    expect(patch.body.error.fields[0].field).to.equal("name");
    for (const reply of [unique, fk, patch]) expect(reply.text).not.to.match(/INSERT|UPDATE|SELECT|\bat\s.+\.js/);
  });

  it("patches the given fields and replaces every writable field with PUT", async () => {
    const patched = await call(server.url, "PATCH", `/crud_band/${band.Pythonistas}`, {
      popularity: 1001,
      formedAt: "1990-01-01T10:00:00Z",
    });
    expect(patched.status).to.equal(200);
    expect(patched.body).to.include({ name: "Pythonistas", popularity: 1001, formedAt: "1990-01-01T10:00:00.000Z" });
    const replaced = await call(server.url, "PUT", `/crud_band/${band.Pythonistas}`, { name: "Pythonistas II" });
    expect(replaced.status, replaced.text).to.equal(200);
    expect(replaced.body).to.deep.equal({
      id: band.Pythonistas,
      name: "Pythonistas II",
      manager: null,
      popularity: 0,
      rating: null,
      active: true,
      formedAt: null,
    });
    const putMissing = await call(server.url, "PUT", `/crud_band/${band.Pythonistas}`, { popularity: 1 });
    expect(putMissing.status).to.equal(422);
    expect((await call(server.url, "PATCH", "/crud_band/99", { popularity: 1 })).status).to.equal(404);
    expect((await call(server.url, "PATCH", `/crud_band/${band.Pythonistas}`, {})).status).to.equal(422);
  });

  it("deletes by key: 204, then 404", async () => {
    expect((await call(server.url, "DELETE", `/crud_band/${band["C-Sharps"]}`)).status).to.equal(204);
    expect((await call(server.url, "DELETE", `/crud_band/${band["C-Sharps"]}`)).status).to.equal(404);
    expect(await t.Band.count()).to.equal(3);
  });

  it("answers a delete that other rows still refer to with 409", async () => {
    try {
      await ctx.engine.rawQuery(
        "CREATE TABLE crud_fan (id INTEGER PRIMARY KEY, band BIGINT NOT NULL REFERENCES crud_band (id))",
      );
      await ctx.engine.rawQuery("INSERT INTO crud_fan (id, band) VALUES (1, {})", [band["Gophers_100%"]]);
      const reply = await call(server.url, "DELETE", `/crud_band/${band["Gophers_100%"]}`);
      expect(reply.status).to.equal(409);
      expect(reply.body.error.message).to.include("refer to this row");
      expect(await t.Band.count()).to.equal(4);
    } finally {
      await ctx.dropTables("crud_fan");
    }
  });

  it("bulk deletes the rows the filters match, up to the cap; more deletes nothing", async () => {
    const over = await call(server.url, "DELETE", "/crud_band?popularity__gte=500");
    expect(over.status).to.equal(400);
    expect(over.body.error.code).to.equal("PICCOLO_CRUD_BULK_DELETE_LIMIT");
    expect(await t.Band.count()).to.equal(4);
    const none = await call(server.url, "DELETE", "/crud_band");
    expect(none.body.error.code).to.equal("PICCOLO_CRUD_BULK_DELETE_NEEDS_FILTER");
    const ok = await call(server.url, "DELETE", `/crud_band?id__in=${band.Rustaceans},${band["C-Sharps"]}`);
    expect(ok.status).to.equal(200);
    expect(ok.body).to.deep.equal({ deleted: 2 });
    const left = await t.Band.select(t.Band.c.id).orderBy(t.Band.c.id).output({ asList: true });
    expect(left.map(jsonKey)).to.deep.equal([band.Pythonistas, band["Gophers_100%"]]);
  });

  it("works with composite keys as /team,login", async () => {
    const one = await call(server.url, "GET", "/crud_member/1,bob");
    expect(one.body).to.deep.equal({ team: 1, login: "bob", score: 2 });
    const created = await call(server.url, "POST", "/crud_member", { team: 2, login: "a,b", score: 7 });
    expect(created.status, created.text).to.equal(201);
    expect(created.headers.get("location")).to.equal("/crud_member/2,a%2Cb");
    expect((await call(server.url, "GET", "/crud_member/2,a%2Cb")).body).to.include({ login: "a,b" });
    const patched = await call(server.url, "PATCH", "/crud_member/2,ann", { score: 30 });
    expect(patched.body).to.deep.equal({ team: 2, login: "ann", score: 30 });
    expect((await call(server.url, "DELETE", "/crud_member/1,ann")).status).to.equal(204);
    expect((await call(server.url, "GET", "/crud_member/1,ann")).status).to.equal(404);
    expect((await call(server.url, "GET", "/crud_member/1")).status).to.equal(400);
    expect((await call(server.url, "GET", "/crud_member/ids")).body).to.deep.equal({
      ids: ["1,bob", "2,a%2Cb", "2,ann"],
    });
    const dup = await call(server.url, "POST", "/crud_member", { team: 1, login: "bob" });
    expect(dup.status).to.equal(409);
  });

  it("serves /count, /ids and /new", async () => {
    expect((await call(server.url, "GET", "/crud_band/count")).body).to.deep.equal({ count: 4 });
    expect((await call(server.url, "GET", "/crud_band/count?popularity__gte=1000")).body).to.deep.equal({ count: 2 });
    expect((await call(server.url, "GET", "/crud_band/ids?active=true")).body).to.deep.equal({
      ids: [band.Pythonistas, band.Rustaceans, band["Gophers_100%"]],
    });
    expect((await call(server.url, "GET", "/crud_band/count?bogus=1")).status).to.equal(400);
    expect((await call(server.url, "GET", "/crud_band/new")).body).to.deep.equal({
      name: "",
      manager: null,
      popularity: 0,
      rating: null,
      active: true,
      formedAt: null,
    });
  });

  it("serves the JSON Schema of a row, a new row and a patch", async () => {
    const read = (await call(server.url, "GET", "/crud_band/schema")).body;
    expect(read.title).to.equal("Band");
    expect(Object.keys(read.properties)).to.deep.equal([
      "id",
      "name",
      "manager",
      "popularity",
      "rating",
      "active",
      "formedAt",
    ]);
    const create = (await call(server.url, "GET", "/crud_band/schema?variant=create")).body;
    expect(create.required).to.deep.equal(["name"]);
    expect(create.properties.name).to.deep.equal({ type: "string", maxLength: 50 });
    expect(create.properties.popularity).to.include({ type: "integer", default: 0 });
    const update = (await call(server.url, "GET", "/crud_band/schema?variant=update")).body;
    expect(update.required).to.deep.equal([]);
    expect((await call(server.url, "GET", "/crud_band/schema?variant=x")).status).to.equal(400);
  });

  it("answers 405 with Allow for a method a path does not take, and 404 for deeper paths", async () => {
    const reply = await call(server.url, "PUT", "/crud_band");
    expect(reply.status).to.equal(405);
    expect(reply.headers.get("allow")).to.equal("GET, POST, DELETE");
    expect((await call(server.url, "POST", "/crud_band/count")).headers.get("allow")).to.equal("GET");
    expect((await call(server.url, "GET", `/crud_band/${band.Pythonistas}/x`)).status).to.equal(404);
    expect((await call(server.url, "GET", "/elsewhere")).status).to.equal(404);
  });
});
