import { html } from "../html";
import { layout, type PageContext } from "./layout";

/** The login form; `error` says why the last attempt failed. */
export function loginPage(ctx: PageContext, username = "", error?: string) {
  return layout(
    ctx,
    "Log in",
    html`<div class="card login">
      <h1>${ctx.siteName}</h1>
      ${error === undefined ? "" : html`<div class="alert error" role="alert">${error}</div>`}
      <form method="post" action="${ctx.prefix}/login">
        <label for="username">Username</label>
        <input
          type="text"
          id="username"
          name="username"
          value="${username}"
          autocomplete="username"
          required
          autofocus
        />
        <label for="password">Password</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <button type="submit">Log in</button>
      </form>
    </div>`,
  );
}
