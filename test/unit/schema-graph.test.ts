import { expect } from "chai";
import { dotGraph, mermaidGraph } from "../../lib/cli/schema/graph";
import type { TableSchema } from "../../lib/migrations/schema";

// Two tables that reference each other (a band's manager, a manager's favourite band) and one with a space in its name.
const tables: TableSchema[] = [
  {
    name: "manager",
    columns: [
      { name: "id", type: "serial", null: false, primaryKey: true },
      { name: "name", type: "varchar", length: 50, null: false },
      {
        name: "favourite",
        type: "integer",
        null: true,
        unique: true,
        references: { table: "band", column: "id", onDelete: "set null", onUpdate: "cascade" },
      },
    ],
  },
  {
    name: "band",
    columns: [
      { name: "id", type: "serial", null: false, primaryKey: true },
      {
        name: "manager",
        type: "integer",
        null: false,
        references: { table: "manager", column: "id", onDelete: "cascade", onUpdate: "cascade" },
      },
      { name: "tags", type: "array", element: { type: "text", null: false }, null: false },
    ],
  },
  { name: "fan club", columns: [{ name: "id", type: "serial", null: false, primaryKey: true }] },
];

describe("schema graph: Mermaid and DOT text (no database)", () => {
  it("writes a Mermaid erDiagram with keys and one relationship per foreign key", () => {
    expect(mermaidGraph(tables)).to.equal(
      [
        "erDiagram",
        "  manager {",
        "    serial id PK",
        "    varchar_50_ name",
        "    integer favourite FK, UK",
        "  }",
        "  band {",
        "    serial id PK",
        "    integer manager FK",
        "    text_array tags",
        "  }",
        '  fan_club["fan club"] {',
        "    serial id PK",
        "  }",
        '  band |o--o| manager : "favourite"',
        '  manager ||--o{ band : "manager"',
        "",
      ].join("\n"),
    );
  });

  it("writes a DOT digraph with a node per table and an edge per foreign key, column to column", () => {
    const dot = dotGraph(tables);
    expect(dot.split("\n").slice(0, 4)).to.deep.equal([
      "digraph schema {",
      "  rankdir=LR;",
      '  node [shape=plaintext, fontname="Helvetica"];',
      '  edge [fontname="Helvetica"];',
    ]);
    expect(dot).to.contain(
      '  "manager" [label=<<table border="0" cellborder="1" cellspacing="0"><tr><td bgcolor="lightgrey"><b>manager</b></td></tr>' +
        '<tr><td port="id" align="left">id: serial (PK)</td></tr><tr><td port="name" align="left">name: varchar(50)</td></tr>' +
        '<tr><td port="favourite" align="left">favourite: integer (FK)</td></tr></table>>];',
    );
    expect(dot).to.contain("<b>fan club</b>");
    const edges = dot.split("\n").filter((l) => l.includes("->"));
    expect(edges).to.deep.equal(['  "manager":"favourite" -> "band":"id";', '  "band":"manager" -> "manager":"id";']);
    expect(dot.endsWith("}\n")).to.equal(true);
  });
});
