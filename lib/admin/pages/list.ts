import type { ColumnDescription } from "../../index";
import { html, type SafeHtml } from "../html";
import { COUNT_CAP, filterKind, readableAlias, type ListState } from "../list-query";
import type { AdminTable } from "../model";
import { PAGE_SIZES } from "../options";
import { displayText } from "../values";
import { csrfField, layout, type PageContext } from "./layout";

/** What the list page shows. */
export interface ListView {
  readonly admin: AdminTable;
  readonly state: ListState;
  readonly rows: readonly Record<string, unknown>[];
  readonly total: number;
  readonly capped: boolean;
  readonly readable: ReadonlyMap<string, string>;
  /** The labels of the keys the foreign key filters hold (to show the chosen row by name). */
  readonly notice?: string;
}

/** The query string of the current state with some parameters changed (undefined removes one). */
export function stateQuery(state: ListState, changes: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  if (state.search !== "") params.set("q", state.search);
  for (const [name, value] of state.filters) params.set(name, value);
  params.set("o", `${state.order.desc ? "-" : ""}${state.order.property}`);
  params.set("size", String(state.pageSize));
  params.set("page", String(state.page));
  for (const [name, value] of Object.entries(changes))
    if (value === undefined) params.delete(name);
    else params.set(name, value);
  return params.toString();
}

function header(ctx: PageContext, view: ListView, column: ColumnDescription): SafeHtml {
  const { order } = view.state;
  const sortable = !["json", "jsonb", "bytea", "array"].includes(column.dataType.kind);
  if (!sortable) return html`<th>${column.property}</th>`;
  const current = order.property === column.property;
  const next = current && !order.desc ? `-${column.property}` : column.property;
  const arrow = current ? (order.desc ? " ▼" : " ▲") : "";
  const title = column.helpText ?? undefined;
  return html`<th${current ? html` aria-sort="${order.desc ? "descending" : "ascending"}"` : ""}><a href="?${stateQuery(
    view.state,
    { o: next, page: "1" },
  )}"${title === undefined ? "" : html` title="${title}"`}>${column.property}${arrow}</a></th>`;
}

function cell(ctx: PageContext, view: ListView, row: Record<string, unknown>, column: ColumnDescription): SafeHtml {
  const value = row[column.property];
  if (value === null || value === undefined) return html`<td class="muted">—</td>`;
  if (column.references !== null) {
    const label = row[readableAlias(column.property)];
    return html`<td>${label === null || label === undefined ? value : label} <span class="muted">#${value}</span></td>`;
  }
  if (column.primaryKey)
    return html`<td><a href="${ctx.prefix}/${view.admin.slug}/${encodeURIComponent(String(value))}">${value}</a></td>`;
  return html`<td>${displayText(value, column.dataType)}</td>`;
}

function filterInput(view: ListView, column: ColumnDescription): SafeHtml {
  const kind = filterKind(column);
  const get = (name: string) => view.state.filters.get(name) ?? "";
  const p = column.property;
  const type = ["date"].includes(column.dataType.kind)
    ? "date"
    : ["timestamp", "timestamptz"].includes(column.dataType.kind)
      ? "datetime-local"
      : column.dataType.kind === "time"
        ? "time"
        : "number";
  switch (kind) {
    case "contains":
      return html`<label for="f-${p}">${p} contains</label
        ><input type="text" id="f-${p}" name="${p}__contains" value="${get(`${p}__contains`)}" />`;
    case "range":
      return html`<label>${p}</label>
        <div class="range">
          <input
            type="${type}"
            step="any"
            name="${p}__gte"
            aria-label="${p} from"
            placeholder="from"
            value="${get(`${p}__gte`)}"
          /><input
            type="${type}"
            step="any"
            name="${p}__lte"
            aria-label="${p} to"
            placeholder="to"
            value="${get(`${p}__lte`)}"
          />
        </div>`;
    case "boolean":
      return html`<label for="f-${p}">${p}</label
        ><select id="f-${p}" name="${p}">
          <option value="">any</option>
          ${["true", "false"].map(
            (v) =>
              html`<option value="${v}" ${get(p) === v ? " selected" : ""}>${v === "true" ? "yes" : "no"}</option>`,
          )}
        </select>`;
    case "choice":
      return html`<label for="f-${p}">${p}</label
        ><select id="f-${p}" name="${p}">
          <option value="">any</option>
          ${column.dataType.choices!.map(
            (v) => html`<option value="${String(v)}" ${get(p) === String(v) ? " selected" : ""}>${String(v)}</option>`,
          )}
        </select>`;
    case "key":
      return html`<label for="f-${p}">${p} (id)</label><input type="text" id="f-${p}" name="${p}" value="${get(p)}" />`;
    default:
      return html``;
  }
}

/** The list page: search, filters, sortable headers, pages, bulk delete and CSV export. */
export function listPage(ctx: PageContext, view: ListView): SafeHtml {
  const { admin, state } = view;
  const first = view.total === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  const last = (state.page - 1) * state.pageSize + view.rows.length;
  const of = view.capped ? `more than ${COUNT_CAP.toLocaleString("en")}` : String(view.total);
  const more = view.capped || last < view.total;
  const filterable = admin.visible.filter((c) => filterKind(c) !== undefined);
  const hidden = (names: string[]) =>
    names.map((name) => {
      const value =
        name === "o"
          ? `${state.order.desc ? "-" : ""}${state.order.property}`
          : name === "size"
            ? String(state.pageSize)
            : state.search;
      return html`<input type="hidden" name="${name}" value="${value}" />`;
    });
  const filterHidden = [...state.filters].map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  const content = html`<div class="crumbs"><a href="${ctx.prefix}/">Home</a> › ${admin.app}</div>
    <h1>${admin.description.className}</h1>
    ${view.notice === undefined ? "" : html`<div class="alert ok" role="status">${view.notice}</div>`}
    <div class="layout">
      <div class="content">
        <div class="toolbar">
          <form method="get" action="${ctx.prefix}/${admin.slug}" class="search">
            <input type="search" name="q" value="${state.search}" placeholder="Search" aria-label="Search" />
            ${filterHidden}${hidden(["o", "size"])}
            <button type="submit" class="secondary">Search</button>
          </form>
          <span class="spacer"></span>
          <a
            class="button secondary"
            href="${ctx.prefix}/${admin.slug}/export.csv?${stateQuery(state, { page: undefined, size: undefined })}"
            data-testid="export"
            >Export CSV</a
          >
          <a class="button" href="${ctx.prefix}/${admin.slug}/new">Add ${admin.description.className}</a>
        </div>
        <form method="post" action="${ctx.prefix}/${admin.slug}/delete" id="bulk">${csrfField(ctx)}</form>
        <table class="rows">
          <thead>
            <tr>
              <th><input type="checkbox" data-select-all aria-label="Select all rows" /></th>
              ${admin.visible.map((c) => header(ctx, view, c))}
            </tr>
          </thead>
          <tbody>
            ${
              view.rows.length === 0
                ? html`<tr>
                    <td colspan="${admin.visible.length + 1}" class="muted">No rows.</td>
                  </tr>`
                : view.rows.map(
                    (row) =>
                      html`<tr>
                        <td>
                          <input
                            type="checkbox"
                            name="ids"
                            form="bulk"
                            value="${String(row[admin.key.property])}"
                            aria-label="Select row ${String(row[admin.key.property])}"
                          />
                        </td>
                        ${admin.visible.map((c) => cell(ctx, view, row, c))}
                      </tr>`,
                  )
            }
          </tbody>
        </table>
        <div class="pager">
          <span>${first}–${last} of ${of}</span>
          ${state.page > 1 ? html`<a href="?${stateQuery(state, { page: String(state.page - 1) })}" rel="prev">‹ Previous</a>` : ""}
          ${more ? html`<a href="?${stateQuery(state, { page: String(state.page + 1) })}" rel="next">Next ›</a>` : ""}
          <span class="spacer"></span>
          <button type="submit" form="bulk" class="danger">Delete selected</button>
          <form method="get" action="${ctx.prefix}/${admin.slug}">
            ${filterHidden}${hidden(state.search === "" ? ["o"] : ["o", "q"])}
            <label
              >Rows per page
              <select name="size" data-autosubmit>
                ${[...new Set([...PAGE_SIZES, state.pageSize])]
                  .sort((a, b) => a - b)
                  .map((n) => html`<option value="${n}" ${n === state.pageSize ? " selected" : ""}>${n}</option>`)}
              </select></label
            >
          </form>
        </div>
      </div>
      <aside class="filters card">
        <form method="get" action="${ctx.prefix}/${admin.slug}">
          <strong>Filters</strong>
          ${filterable.map((c) => filterInput(view, c))}
          ${hidden(state.search === "" ? ["o", "size"] : ["o", "size", "q"])}
          <p><button type="submit">Apply</button> <a href="${ctx.prefix}/${admin.slug}">Clear</a></p>
        </form>
      </aside>
    </div>`;
  return layout(ctx, admin.description.className, content);
}
