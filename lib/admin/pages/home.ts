import { html } from "../html";
import type { AdminTable } from "../model";
import { layout, type PageContext } from "./layout";

/** The home page: the managed tables grouped by app. */
export function homePage(ctx: PageContext, tables: Iterable<AdminTable>) {
  const byApp = new Map<string, AdminTable[]>();
  for (const table of tables) byApp.set(table.app, [...(byApp.get(table.app) ?? []), table]);
  return layout(
    ctx,
    "Home",
    html`<h1>Tables</h1>
      ${[...byApp].map(
        ([app, list]) =>
          html`<div class="card">
            <h2>${app}</h2>
            <ul class="tables">
              ${list.map(
                (t) =>
                  html`<li>
                    <a href="${ctx.prefix}/${t.slug}">${t.description.className}</a>
                    <span class="muted">${t.slug}</span>
                    <a class="button secondary" href="${ctx.prefix}/${t.slug}/new">Add</a>
                  </li>`,
              )}
            </ul>
          </div>`,
      )}`,
  );
}
