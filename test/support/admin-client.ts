/** A browser-like HTTP client for the admin tests: keeps cookies, reads the CSRF token of pages, posts forms. */
import { BaseUser } from "../../lib/auth";

export interface Page {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly setCookies: string[];
}

export class AdminClient {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that had one. */
  csrfToken = "";

  constructor(readonly base: string) {}

  async request(
    method: string,
    path: string,
    form?: URLSearchParams | Record<string, string | string[]>,
  ): Promise<Page> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (form !== undefined) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      const params = form instanceof URLSearchParams ? form : new URLSearchParams();
      if (!(form instanceof URLSearchParams))
        for (const [name, value] of Object.entries(form))
          for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
      body = params.toString();
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: "manual" });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(eq + 1));
    }
    const text = await res.text();
    const token = /name="csrfToken" value="([^"]+)"/.exec(text);
    if (token) this.csrfToken = token[1]!;
    return { status: res.status, headers: res.headers, text, setCookies };
  }

  get(path: string): Promise<Page> {
    return this.request("GET", path);
  }

  /** Posts a form with the CSRF token of the last page (unless the form has its own csrfToken). */
  post(path: string, form: Record<string, string | string[]> = {}): Promise<Page> {
    return this.request("POST", path, { csrfToken: this.csrfToken, ...form });
  }

  async login(prefix = "/admin", username = "root", password = "admin-password-1"): Promise<Page> {
    const page = await this.request("POST", `${prefix}/login`, { username, password });
    await this.get(`${prefix}/`); // picks up the CSRF token
    return page;
  }
}

/** Creates the admin tests' users: an active admin, a non-admin, an inactive admin. */
export async function createAdminUsers(): Promise<void> {
  await BaseUser.createUser({ username: "root", password: "admin-password-1", email: "root@example.com", admin: true });
  await BaseUser.createUser({ username: "plain", password: "plain-password-1", email: "plain@example.com" });
  await BaseUser.createUser({
    username: "gone",
    password: "gone-password-1",
    email: "gone@example.com",
    admin: true,
    active: false,
  });
}
