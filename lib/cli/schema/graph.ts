import { tableKey, type ColumnSchema, type TableSchema } from "../../migrations/schema";

const typeName = (c: ColumnSchema) =>
  c.type === "array" ? `${c.element?.type ?? "unknown"}[]` : c.length !== undefined ? `${c.type}(${c.length})` : c.type;

// Mermaid entity and attribute names are words: anything else becomes "_", and the entity keeps
// its real name as a quoted alias.
const mermaidWord = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, "_") || "_";

/** A Mermaid `erDiagram` of the tables, their columns and foreign keys. */
export function mermaidGraph(tables: readonly TableSchema[]): string {
  const ids = new Map(tables.map((t) => [tableKey(t.name, t.schema), mermaidWord(tableKey(t.name, t.schema))]));
  const lines = ["erDiagram"];
  for (const t of tables) {
    const key = tableKey(t.name, t.schema);
    const alias = ids.get(key) === key ? "" : `["${key.replace(/"/g, "'")}"]`;
    lines.push(`  ${ids.get(key)!}${alias} {`);
    for (const c of t.columns) {
      const marks = [c.primaryKey ? "PK" : "", c.references ? "FK" : "", c.unique && !c.primaryKey ? "UK" : ""]
        .filter(Boolean)
        .join(", ");
      lines.push(
        `    ${mermaidWord(typeName(c).replace(/[()]/g, "_").replace(/\[\]/g, "_array"))} ` +
          `${mermaidWord(c.name)}${marks ? ` ${marks}` : ""}`,
      );
    }
    lines.push("  }");
  }
  for (const t of tables)
    for (const c of t.columns) {
      if (!c.references) continue;
      const target = ids.get(tableKey(c.references.table, c.references.schema));
      if (target === undefined) continue;
      // parent ||--o{ child: a child row references one parent (|o when the key may be NULL); a unique key has at most one child.
      const parent = c.null ? "|o" : "||";
      const children = c.unique || (c.primaryKey && t.columns.filter((x) => x.primaryKey).length === 1) ? "o|" : "o{";
      lines.push(
        `  ${target} ${parent}--${children} ${ids.get(tableKey(t.name, t.schema))!} : "${c.name.replace(/"/g, "'")}"`,
      );
    }
  return `${lines.join("\n")}\n`;
}

const html = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const dotId = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** A Graphviz DOT digraph: one record-like node per table, one edge per foreign key (column to column). */
export function dotGraph(tables: readonly TableSchema[]): string {
  const lines = [
    "digraph schema {",
    "  rankdir=LR;",
    '  node [shape=plaintext, fontname="Helvetica"];',
    '  edge [fontname="Helvetica"];',
  ];
  const keys = new Set(tables.map((t) => tableKey(t.name, t.schema)));
  for (const t of tables) {
    const key = tableKey(t.name, t.schema);
    const rows = t.columns.map((c) => {
      const mark = c.primaryKey ? " (PK)" : c.references ? " (FK)" : "";
      return `<tr><td port=${dotId(c.name)} align="left">${html(c.name)}: ${html(typeName(c))}${mark}</td></tr>`;
    });
    lines.push(
      `  ${dotId(key)} [label=<<table border="0" cellborder="1" cellspacing="0">` +
        `<tr><td bgcolor="lightgrey"><b>${html(key)}</b></td></tr>${rows.join("")}</table>>];`,
    );
  }
  for (const t of tables)
    for (const c of t.columns) {
      if (!c.references) continue;
      const target = tableKey(c.references.table, c.references.schema);
      if (!keys.has(target)) continue;
      lines.push(
        `  ${dotId(tableKey(t.name, t.schema))}:${dotId(c.name)} -> ${dotId(target)}:${dotId(c.references.column)};`,
      );
    }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
