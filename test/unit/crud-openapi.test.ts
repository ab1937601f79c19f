import { expect } from "chai";
import { ForeignKey, Integer, Secret, Table, Varchar, column, table, type Ref } from "../../lib";
import { crud, openApi, serveOpenApi } from "../../lib/crud";
import { call, listen } from "../support/http";

@table({ tablename: "oa_manager" })
class Manager extends Table<Manager>() {
  @column(Varchar({ length: 50 })) name!: string;
  @column(Secret()) password!: Secret<string>;
}

@table({ tablename: "oa_band" })
class Band extends Table<Band>() {
  @column(Varchar({ length: 50, helpText: "The band's name" })) name!: string;
  @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
  @column(Integer({ default: 0, choices: [0, 10, 100] })) popularity!: number;
}

type Doc = Record<string, any>;

/** Every `$ref` in the document, with where it was found. */
function refs(node: unknown, at = "#", out: [string, string][] = []): [string, string][] {
  if (Array.isArray(node)) node.forEach((item, i) => refs(item, `${at}/${i}`, out));
  else if (typeof node === "object" && node !== null)
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref") out.push([at, value as string]);
      else refs(value, `${at}/${key}`, out);
    }
  return out;
}

/** The node a local `$ref` points at, or undefined. */
function resolve(doc: Doc, pointer: string): unknown {
  if (!pointer.startsWith("#/")) return undefined;
  return pointer
    .slice(2)
    .split("/")
    .reduce<unknown>((node, part) => (node as Doc | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

const methods = ["get", "put", "post", "delete", "patch"];

/** Structural checks of OpenAPI 3.1 (no validator is installed): the fields the spec requires, refs, path parameters. */
function structuralProblems(doc: Doc): string[] {
  const problems: string[] = [];
  if (doc.openapi !== "3.1.0") problems.push("openapi is not 3.1.0");
  if (typeof doc.info?.title !== "string" || typeof doc.info?.version !== "string") problems.push("info.title/version");
  for (const [at, ref] of refs(doc))
    if (resolve(doc, ref) === undefined) problems.push(`${at}: $ref ${ref} does not resolve`);
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Doc)) {
    if (!path.startsWith("/")) problems.push(`${path}: paths start with /`);
    const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const method of methods.filter((m) => item[m] !== undefined)) {
      const op = item[method] as Doc;
      const where = `${method.toUpperCase()} ${path}`;
      if (typeof op.responses !== "object" || Object.keys(op.responses).length === 0)
        problems.push(`${where}: no responses`);
      for (const [status, response] of Object.entries(op.responses as Doc))
        if (!/^[1-5]\d\d$/.test(status)) problems.push(`${where}: bad status ${status}`);
        else if (response.$ref === undefined && typeof response.description !== "string")
          problems.push(`${where} ${status}: a response needs a description`);
      if (operationIds.has(op.operationId)) problems.push(`${where}: duplicate operationId ${op.operationId}`);
      operationIds.add(op.operationId);
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])] as Doc[];
      for (const p of parameters) {
        if (typeof p.name !== "string" || !["query", "path", "header", "cookie"].includes(p.in))
          problems.push(`${where}: parameter needs name and in`);
        if (p.in === "path" && (p.required !== true || !templated.includes(p.name)))
          problems.push(`${where}: path parameter ${p.name} must be required and in the path`);
        if (p.schema === undefined && p.content === undefined)
          problems.push(`${where}: parameter ${p.name} has no schema`);
      }
      for (const name of templated)
        if (!parameters.some((p) => p.in === "path" && p.name === name))
          problems.push(`${where}: {${name}} undeclared`);
      const keys = parameters.map((p) => `${p.in}:${p.name}`);
      if (new Set(keys).size !== keys.length) problems.push(`${where}: duplicate parameters`);
      if (op.requestBody !== undefined && op.requestBody.content === undefined)
        problems.push(`${where}: requestBody needs content`);
    }
  }
  for (const [name, schema] of Object.entries((doc.components?.schemas ?? {}) as Doc))
    for (const required of (schema.required ?? []) as string[])
      if (schema.properties?.[required] === undefined)
        problems.push(`schema ${name}: required ${required} is not a property`);
  return problems;
}

describe("crud: OpenAPI 3.1 document", () => {
  const bands = crud(Band);
  const managers = crud(Manager, { readOnly: true, prefix: "/api/managers" });
  const doc: Doc = openApi([bands, managers], { title: "Music", version: "2.0.0", description: "Bands and managers" });

  it("is structurally valid: required fields, every $ref resolves, path parameters declared", () => {
    expect(structuralProblems(doc)).to.deep.equal([]);
    expect(refs(doc).length).to.be.greaterThan(10);
    expect(JSON.parse(JSON.stringify(doc))).to.deep.equal(doc); // exportable as JSON unchanged
  });

  it("catches broken documents (the checker is not vacuous)", () => {
    const broken = JSON.parse(JSON.stringify(doc)) as Doc;
    broken.paths["/oa_band"].get.responses["200"].content["application/json"].schema.properties.rows.items.$ref =
      "#/components/schemas/Nope";
    delete broken.paths["/oa_band/{key}"].parameters;
    expect(structuralProblems(broken)).to.have.length.greaterThan(2);
  });

  it("describes each table's endpoints, with writes only where allowed", () => {
    expect(Object.keys(doc.paths)).to.include.members([
      "/oa_band",
      "/oa_band/{key}",
      "/oa_band/schema",
      "/oa_band/count",
      "/oa_band/ids",
      "/oa_band/new",
      "/api/managers",
      "/api/managers/{key}",
    ]);
    expect(Object.keys(doc.paths["/oa_band"])).to.deep.equal(["get", "post", "delete"]);
    expect(Object.keys(doc.paths["/oa_band/{key}"])).to.deep.equal(["parameters", "get", "put", "patch", "delete"]);
    expect(Object.keys(doc.paths["/api/managers"])).to.deep.equal(["get"]);
    expect(Object.keys(doc.paths["/api/managers/{key}"])).to.deep.equal(["parameters", "get"]);
    const names = (doc.paths["/oa_band"].get.parameters as Doc[]).map((p) => p.name);
    expect(names).to.include.members([
      "__order",
      "__cursor",
      "name",
      "name__ilike",
      "popularity__gte",
      "manager__isNull",
    ]);
    expect(names).not.to.include("name__gt__");
  });

  it("holds each table's JSON Schemas, without secret columns", () => {
    const schemas = doc.components.schemas as Doc;
    expect(Object.keys(schemas)).to.include.members(["Band", "BandCreate", "BandUpdate", "Manager", "Error"]);
    expect(schemas.Band.properties.name).to.deep.equal({
      type: "string",
      maxLength: 50,
      description: "The band's name",
    });
    expect(schemas.BandCreate.properties.popularity).to.deep.include({ enum: [0, 10, 100], default: 0 });
    expect(schemas.BandCreate.required).to.deep.equal(["name"]);
    expect(JSON.stringify(doc)).not.to.include("password");
  });

  it("is served at the path given, over HTTP, and other paths fall through", async () => {
    const served = serveOpenApi(doc, "/docs/openapi.json");
    const server = await listen(served);
    try {
      const reply = await call(server.url, "GET", "/docs/openapi.json");
      expect(reply.status).to.equal(200);
      expect(reply.headers.get("content-type")).to.include("application/json");
      expect(reply.body).to.deep.equal(doc);
      expect((await call(server.url, "GET", "/docs/other")).status).to.equal(404);
    } finally {
      await server.close();
    }
  });

  it("checks its options", () => {
    expect(() => openApi([bands], { title: "x", version: "1", versoin: "2" } as never)).to.throw(
      /openApi\(\) has no option "versoin"/,
    );
  });
});
