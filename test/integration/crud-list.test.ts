import { expect } from "chai";
import { crud } from "../../lib/crud";
import { crudKeys, resetCrudTables, dropCrudTables, type CrudTables } from "../support/crud-tables";
import { describeEachEngine } from "../support/engines";
import { call, listen, type Listening } from "../support/http";

describeEachEngine("crud: list endpoint (filters, ordering, pagination, fields)", (ctx) => {
  let t: CrudTables;
  let server: Listening;
  // The rows' keys by name (1, 2, 3… where keys are sequential, checked so), as the JSON carries them.
  let band: Awaited<ReturnType<typeof crudKeys>>["band"];
  let manager: Awaited<ReturnType<typeof crudKeys>>["manager"];
  const names = async (query: string) => {
    const reply = await call(server.url, "GET", `/crud_band?${query}`);
    expect(reply.status, reply.text).to.equal(200);
    return (reply.body.rows as { name: string }[]).map((r) => r.name);
  };

  before(async () => {
    t = await resetCrudTables(ctx);
    ({ band, manager } = await crudKeys(ctx, t));
    server = await listen(crud(t.Band, { maxPageSize: 3 }));
  });
  after(async () => {
    await server?.close();
    await dropCrudTables(ctx);
  });

  it("lists every visible column, ordered by key, with the total count in the body", async () => {
    const reply = await call(server.url, "GET", "/crud_band");
    expect(reply.status).to.equal(200);
    expect(reply.body).to.deep.include({ page: 1, pageSize: 3, count: 4 });
    expect(reply.body.rows).to.have.length(3);
    expect(reply.body.rows[0]).to.deep.equal({
      id: band.Pythonistas,
      name: "Pythonistas",
      manager: manager.Guido,
      popularity: 1000,
      rating: "4.50",
      active: true,
      formedAt: "1991-02-20T00:00:00.000Z",
    });
  });

  it("filters with eq (plain and __eq) and ne", async () => {
    expect(await names("name=Rustaceans")).to.deep.equal(["Rustaceans"]);
    expect(await names("popularity__eq=10")).to.deep.equal(["C-Sharps"]);
    expect(await names("popularity__ne=10&__order=name")).to.deep.equal(["Gophers_100%", "Pythonistas", "Rustaceans"]);
    expect(await names("active=false")).to.deep.equal(["C-Sharps"]);
  });

  it("filters with gt, gte, lt, lte on numbers, decimals and timestamps", async () => {
    expect(await names("popularity__gt=1000")).to.deep.equal(["Rustaceans"]);
    expect(await names("popularity__gte=1000")).to.deep.equal(["Pythonistas", "Rustaceans"]);
    expect(await names("popularity__lt=500")).to.deep.equal(["C-Sharps"]);
    expect(await names("popularity__lte=500")).to.deep.equal(["C-Sharps", "Gophers_100%"]);
    expect(await names("rating__gte=4.5")).to.deep.equal(["Pythonistas", "Rustaceans"]);
    expect(await names("formedAt__lt=2009-12-31T00:00:00Z")).to.deep.equal(["Pythonistas", "Gophers_100%"]);
  });

  it("filters with contains (case-insensitive, wildcards literal) and ilike (a pattern)", async () => {
    expect(await names("name__contains=UST")).to.deep.equal(["Rustaceans"]);
    expect(await names("name__contains=_100%25")).to.deep.equal(["Gophers_100%"]);
    expect(await names("name__contains=%25")).to.deep.equal(["Gophers_100%"]);
    expect(await names("name__ilike=%25PYTH%25")).to.deep.equal(["Pythonistas"]);
    expect(await names("name__ilike=c-_harps")).to.deep.equal(["C-Sharps"]);
  });

  it("filters with in (comma-separated or repeated) and isNull", async () => {
    expect(await names(`id__in=${band.Pythonistas},${band["C-Sharps"]}`)).to.deep.equal(["Pythonistas", "C-Sharps"]);
    expect(await names("name__in=Rustaceans&name__in=C-Sharps")).to.deep.equal(["Rustaceans", "C-Sharps"]);
    expect(await names("manager__isNull=true")).to.deep.equal(["Gophers_100%"]);
    expect(await names("rating__isNull=false&__order=name")).to.deep.equal([
      "Gophers_100%",
      "Pythonistas",
      "Rustaceans",
    ]);
  });

  it("filters through foreign keys", async () => {
    expect(await names("manager.name__ilike=g%25")).to.deep.equal(["Pythonistas", "Rustaceans"]);
    expect(await names("manager.name=Mads")).to.deep.equal(["C-Sharps"]);
  });

  it("combines filters with AND and counts only the matching rows", async () => {
    const reply = await call(server.url, "GET", "/crud_band?popularity__gte=10&active=true&name__ne=Rustaceans");
    expect(reply.body.rows.map((r: { name: string }) => r.name)).to.deep.equal(["Pythonistas", "Gophers_100%"]);
    expect(reply.body.count).to.equal(2);
  });

  it("orders by several fields, descending with a leading minus, through foreign keys too", async () => {
    expect(await names("__order=-popularity")).to.deep.equal(["Rustaceans", "Pythonistas", "Gophers_100%"]);
    expect(await names("__order=active,-name&__pageSize=3")).to.deep.equal(["C-Sharps", "Rustaceans", "Pythonistas"]);
    expect(await names("__order=manager.name&manager__isNull=false")).to.deep.equal([
      "Rustaceans",
      "Pythonistas",
      "C-Sharps",
    ]);
  });

  it("pages with __page and __pageSize, refusing a size over the maximum", async () => {
    expect(await names("__pageSize=2&__page=1")).to.deep.equal(["Pythonistas", "Rustaceans"]);
    expect(await names("__pageSize=2&__page=2")).to.deep.equal(["C-Sharps", "Gophers_100%"]);
    expect(await names("__pageSize=2&__page=3")).to.deep.equal([]);
    const over = await call(server.url, "GET", "/crud_band?__pageSize=4");
    expect(over.status).to.equal(400);
    expect(over.body.error).to.include({ code: "PICCOLO_CRUD_BAD_PARAMETER" });
    expect(over.body.error.message).to.include("largest page size is 3");
    expect((await call(server.url, "GET", "/crud_band?__page=0")).status).to.equal(400);
  });

  it("walks every row once with a cursor, in any order, and refuses a forged cursor", async () => {
    for (const order of ["", "-popularity", "active,-name"]) {
      const seen: string[] = [];
      let cursor = "";
      for (let i = 0; i < 5; i++) {
        const reply = await call(server.url, "GET", `/crud_band?__pageSize=3&__order=${order}&__cursor=${cursor}`);
        expect(reply.status, reply.text).to.equal(200);
        seen.push(...reply.body.rows.map((r: { name: string }) => r.name));
        if (reply.body.nextCursor === null) break;
        cursor = reply.body.nextCursor;
      }
      const all = await names(`__order=${order}&__pageSize=3`).then(async (first) => [
        ...first,
        ...(await names(`__order=${order}&__pageSize=3&__page=2`)),
      ]);
      expect(seen, order).to.deep.equal(all);
    }
    const forged = await call(server.url, "GET", "/crud_band?__cursor=bm9wZQ");
    expect(forged.status).to.equal(400);
    expect(forged.body.error.fields[0].field).to.equal("__cursor");
    const nullable = await call(server.url, "GET", "/crud_band?__cursor=&__order=rating");
    expect(nullable.status).to.equal(400);
    expect(nullable.body.error.message).to.include("rating");
  });

  it("selects fields, following foreign keys with dots", async () => {
    const reply = await call(server.url, "GET", "/crud_band?__fields=name,manager.name&__order=name&__pageSize=2");
    expect(reply.body.rows).to.deep.equal([
      { name: "C-Sharps", "manager.name": "Mads" },
      { name: "Gophers_100%", "manager.name": null },
    ]);
  });

  it("adds readable foreign keys: the referenced table's declared column", async () => {
    const reply = await call(server.url, "GET", "/crud_band?__fields=id,manager&__readable=true&__pageSize=3");
    expect(reply.body.rows).to.deep.equal([
      { id: band.Pythonistas, manager: manager.Guido, manager_readable: "Guido" },
      { id: band.Rustaceans, manager: manager.Graydon, manager_readable: "Graydon" },
      { id: band["C-Sharps"], manager: manager.Mads, manager_readable: "Mads" },
    ]);
  });

  it("names every unknown filter, field and order field in a 400", async () => {
    const filter = await call(server.url, "GET", "/crud_band?nme=x&popularity__between=1&token=x");
    expect(filter.status).to.equal(400);
    expect(filter.body.error.code).to.equal("PICCOLO_CRUD_UNKNOWN_PARAMETER");
    expect(filter.body.error.message).to.include("popularity__between");
    const fields = await call(server.url, "GET", "/crud_band?nme=x&token=y");
    expect(fields.body.error.fields.map((f: { field: string }) => f.field)).to.deep.equal(["nme", "token"]);
    expect(fields.body.error.message).to.include('did you mean "name"');
    const select = await call(server.url, "GET", "/crud_band?__fields=name,manager.password,colour");
    expect(select.status).to.equal(400);
    expect(select.body.error.fields.map((f: { field: string }) => f.field)).to.deep.equal([
      "manager.password",
      "colour",
    ]);
    const order = await call(server.url, "GET", "/crud_band?__order=-nope");
    expect(order.body.error.fields[0].field).to.equal("nope");
    const param = await call(server.url, "GET", "/crud_band?__limit=3");
    expect(param.body.error.fields[0].field).to.equal("__limit");
  });

  it("refuses values of the wrong type and operators the column lacks with a 400 naming the parameter", async () => {
    for (const [query, parameter] of [
      ["popularity__gt=many", "popularity__gt"],
      ["active=maybe", "active"],
      ["popularity__contains=1", "popularity__contains"],
      ["manager__isNull=yes", "manager__isNull"],
      ["formedAt__gte=yesterday", "formedAt__gte"],
    ]) {
      const reply = await call(server.url, "GET", `/crud_band?${query}`);
      expect(reply.status, query).to.equal(400);
      expect(reply.body.error.fields[0].field, query).to.equal(parameter);
    }
  });

  it("reports the total count in a header, or not at all, when told", async () => {
    const header = await listen(crud(t.Band, { totalCount: "header", prefix: "/h" }));
    const none = await listen(crud(t.Band, { totalCount: "none", prefix: "/n" }));
    try {
      const h = await call(header.url, "GET", "/h?popularity__gte=500");
      expect(h.headers.get("x-total-count")).to.equal("3");
      expect(h.body).not.to.have.property("count");
      const n = await call(none.url, "GET", "/n");
      expect(n.headers.get("x-total-count")).to.equal(null);
      expect(n.body).not.to.have.property("count");
    } finally {
      await header.close();
      await none.close();
    }
  });
});
