import { assets } from "../assets";
import { html, type SafeHtml } from "../html";

/** What every page knows: where the admin lives, its name, and the logged-in user's CSRF token. */
export interface PageContext {
  readonly prefix: string;
  readonly siteName: string;
  readonly username?: string;
  readonly csrfToken?: string;
}

/** The hidden field that carries the CSRF token in every form that changes something. */
export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="csrfToken" value="${ctx.csrfToken ?? ""}" />`;
}

/** A whole page: header with the site name and logout, the content, the one script. */
export function layout(ctx: PageContext, title: string, content: SafeHtml): SafeHtml {
  const user =
    ctx.username === undefined
      ? ""
      : html`<span class="muted">${ctx.username}</span>
          <form method="post" action="${ctx.prefix}/logout">
            ${csrfField(ctx)}<button type="submit" class="secondary" data-testid="logout">Log out</button>
          </form>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} | ${ctx.siteName}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="${ctx.prefix}/assets/${assets.css.name}" />
        <script src="${ctx.prefix}/assets/${assets.js.name}" defer></script>
      </head>
      <body>
        <header class="top">
          <a class="site" href="${ctx.prefix}/">${ctx.siteName}</a><span class="spacer"></span>${user}
        </header>
        <main>${content}</main>
      </body>
    </html>`;
}

/** A page that only says what went wrong. */
export function errorPage(ctx: PageContext, status: number, message: string): SafeHtml {
  return layout(
    ctx,
    `Error ${status}`,
    html`<h1>Error ${status}</h1>
      <div class="alert error">${message}</div>
      <p><a href="${ctx.prefix}/">Back to the admin home</a></p>`,
  );
}
