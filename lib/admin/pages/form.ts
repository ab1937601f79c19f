import type { ColumnDescription } from "../../index";
import { html, type SafeHtml } from "../html";
import type { AdminM2M, AdminTable } from "../model";
import { inputText } from "../values";
import { csrfField, layout, type PageContext } from "./layout";

/** An option of a select: the value sent and the label shown. */
export interface PickerOption {
  readonly value: string;
  readonly label: string;
}

/** What the create/edit form shows. */
export interface FormView {
  readonly admin: AdminTable;
  /** The row's key text when editing; undefined when creating. */
  readonly key?: string;
  /** The values to show: the row's, or what was submitted. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The raw text submitted per field, shown as typed when it could not be read. */
  readonly texts?: ReadonlyMap<string, string>;
  /** Messages per field. */
  readonly errors: ReadonlyMap<string, readonly string[]>;
  /** A message for the whole form (a conflict, a failed check). */
  readonly message?: string;
  /** The first options of each foreign key and M2M picker, the chosen ones included. */
  readonly options: ReadonlyMap<string, readonly PickerOption[]>;
  /** The chosen keys of each M2M field. */
  readonly m2mValues: ReadonlyMap<string, readonly string[]>;
}

function widget(ctx: PageContext, view: FormView, column: ColumnDescription): SafeHtml {
  const p = column.property;
  const type = column.dataType;
  const text = view.texts?.get(p) ?? inputText(view.values[p], type);
  const id = `field-${p}`;
  const described = column.helpText === null ? "" : html` aria-describedby="help-${p}"`;
  if (column.references !== null) {
    const options = view.options.get(p) ?? [];
    return html`<div class="picker" data-picker="${ctx.prefix}/${view.admin.slug}/picker/${p}">
      <input type="search" placeholder="Search…" aria-label="Search ${p}" />
      <select id="${id}" name="${p}" data-nullable="${column.nullable ? "true" : "false"}" ${described}>
        ${column.nullable || text === "" ? html`<option value="">---</option>` : ""}
        ${options.map((o) => html`<option value="${o.value}" ${o.value === text ? " selected" : ""}>${o.label} (#${o.value})</option>`)}
      </select>
    </div>`;
  }
  if (type.choices !== null)
    return html`<select id="${id}" name="${p}" ${described}>
      ${column.nullable ? html`<option value="">---</option>` : ""}${type.choices.map(
        (v) => html`<option value="${String(v)}" ${String(v) === text ? " selected" : ""}>${String(v)}</option>`,
      )}
    </select>`;
  switch (type.kind) {
    case "boolean":
      return html`<input
        type="checkbox"
        id="${id}"
        name="${p}"
        value="true"
        ${view.values[p] === true || text === "true" ? " checked" : ""}${described}
      />`;
    case "text":
    case "json":
    case "jsonb":
    case "array":
      return html`<textarea id="${id}" name="${p}" ${described}>${text}</textarea>${
          type.kind === "array" ? html`<div class="help">One value per line (or a JSON array).</div>` : ""
        }`;
    case "integer":
    case "smallint":
    case "bigint":
    case "serial":
    case "bigserial":
      return html`<input type="number" step="1" id="${id}" name="${p}" value="${text}" ${described} />`;
    case "real":
    case "double":
    case "numeric":
      return html`<input type="number" step="any" id="${id}" name="${p}" value="${text}" ${described} />`;
    case "date":
      return html`<input type="date" id="${id}" name="${p}" value="${text}" ${described} />`;
    case "time":
      return html`<input type="time" step="1" id="${id}" name="${p}" value="${text}" ${described} />`;
    case "timestamp":
    case "timestamptz":
      return html`<input type="datetime-local" step="1" id="${id}" name="${p}" value="${text}" ${described} />
        <span class="muted">UTC</span>`;
    default:
      return html`<input
        type="text"
        id="${id}"
        name="${p}"
        value="${text}"
        ${type.length === null ? "" : html` maxlength="${type.length}"`}${described}
      />`;
  }
}

function m2mWidget(ctx: PageContext, view: FormView, m2m: AdminM2M): SafeHtml {
  const chosen = new Set(view.m2mValues.get(m2m.field) ?? []);
  const options = view.options.get(m2m.field) ?? [];
  return html`<div class="field">
    <label for="field-${m2m.field}">${m2m.field}</label>
    <div class="picker" data-picker="${ctx.prefix}/${view.admin.slug}/picker/${m2m.field}">
      <input type="search" placeholder="Search…" aria-label="Search ${m2m.field}" />
      <select id="field-${m2m.field}" name="${m2m.field}" multiple size="6">
        ${options.map(
          (o) => html`<option value="${o.value}" ${chosen.has(o.value) ? " selected" : ""}>${o.label}</option>`,
        )}
      </select>
    </div>
    <div class="help">${m2m.other.description.className} rows; hold Ctrl (⌘) to pick several.</div>
    ${(view.errors.get(m2m.field) ?? []).map((e) => html`<div class="error">${e}</div>`)}
  </div>`;
}

/** The create or edit form: a widget per column, errors beside each field. */
export function formPage(ctx: PageContext, view: FormView): SafeHtml {
  const { admin } = view;
  const editing = view.key !== undefined;
  const base = `${ctx.prefix}/${admin.slug}`;
  const action = editing ? `${base}/${encodeURIComponent(view.key)}` : `${base}/new`;
  const title = editing ? `Edit ${admin.description.className} ${view.key}` : `Add ${admin.description.className}`;
  const fields = admin.form.map((column) => {
    const errors = view.errors.get(column.property) ?? [];
    return html`<div class="field${errors.length > 0 ? " invalid" : ""}">
      <label for="field-${column.property}"
        >${column.property}${column.nullable || column.dataType.kind === "boolean" ? "" : " *"}</label
      >
      ${widget(ctx, view, column)}
      ${column.helpText === null ? "" : html`<div class="help" id="help-${column.property}">${column.helpText}</div>`}
      ${errors.map((e) => html`<div class="error" data-field="${column.property}">${e}</div>`)}
    </div>`;
  });
  const content = html`<div class="crumbs">
      <a href="${ctx.prefix}/">Home</a> › <a href="${base}">${admin.description.className}</a>
    </div>
    <h1>${title}</h1>
    ${view.message === undefined ? "" : html`<div class="alert error" role="alert">${view.message}</div>`}
    <form method="post" action="${action}" class="edit card" novalidate>
      ${csrfField(ctx)} ${fields} ${admin.m2m.map((m) => m2mWidget(ctx, view, m))}
      <p>
        <button type="submit">Save</button>
        ${editing ? html` <a class="button danger" href="${base}/${encodeURIComponent(view.key)}/delete">Delete</a>` : ""}
        <a href="${base}">Cancel</a>
      </p>
    </form>`;
  return layout(ctx, title, content);
}

/** The confirmation page of a delete (one row, or the rows chosen on the list page). */
export function deletePage(
  ctx: PageContext,
  admin: AdminTable,
  rows: readonly { key: string; label: string }[],
  action: string,
  message?: string,
): SafeHtml {
  const content = html`<div class="crumbs">
      <a href="${ctx.prefix}/">Home</a> › <a href="${ctx.prefix}/${admin.slug}">${admin.description.className}</a>
    </div>
    <h1>Delete ${rows.length} ${admin.description.className} ${rows.length === 1 ? "row" : "rows"}?</h1>
    ${message === undefined ? "" : html`<div class="alert error" role="alert">${message}</div>`}
    <div class="card">
      <ul>
        ${rows.map((r) => html`<li>${r.label} <span class="muted">#${r.key}</span></li>`)}
      </ul>
      <form method="post" action="${action}">
        ${csrfField(ctx)} ${rows.map((r) => html`<input type="hidden" name="ids" value="${r.key}" />`)}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="danger">Yes, delete</button> <a href="${ctx.prefix}/${admin.slug}">No, go back</a>
      </form>
    </div>`;
  return layout(ctx, "Delete", content);
}
