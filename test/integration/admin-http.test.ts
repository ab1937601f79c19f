import { expect } from "chai";
import type { MigrationRunner } from "../../lib";
import { createAdmin, type Admin } from "../../lib/admin";
import { ADMIN_SECRET, dropAdminTables, resetAdminTables, type AdminTables } from "../support/admin-tables";
import { AdminClient, createAdminUsers } from "../support/admin-client";
import { setUpAuthTables, tearDownAuthTables } from "../support/auth";
import { describeEachEngine } from "../support/engines";
import { listen, type Listening } from "../support/http";

const HOSTILE = [`<script>alert(1)</script>`, `"><img src=x onerror=alert(2)>`, `javascript:alert(3)`];

describeEachEngine(
  "admin: the web GUI over real HTTP (plain Node http)",
  (ctx) => {
    let runner: MigrationRunner | undefined;
    let t: AdminTables;
    let server: Listening;
    let admin: Admin;
    let client: AdminClient;

    before(async () => {
      runner = await setUpAuthTables(ctx.engine);
      await createAdminUsers();
    });
    after(async () => {
      await dropAdminTables(ctx);
      await tearDownAuthTables(runner);
    });
    beforeEach(async () => {
      t = await resetAdminTables(ctx);
      admin = createAdmin({
        tables: { music: [t.Manager, t.Band], tags: [t.Genre] },
        siteName: "Music <Admin>",
        secure: false,
        rateLimit: { maxAttempts: 3 },
      });
      server = await listen((req, res) => void admin(req, res, () => ((res.statusCode = 404), res.end("outside"))));
      client = new AdminClient(server.url);
    });
    afterEach(() => server.close());

    const loggedIn = async () => {
      const page = await client.login();
      expect(page.status, page.text).to.equal(303);
      return client;
    };

    describe("logging in", () => {
      it("sends anonymous users to the login page and leaves other paths to next()", async () => {
        const home = await client.get("/admin/");
        expect(home.status).to.equal(303);
        expect(home.headers.get("location")).to.equal("/admin/login?next=%2Fadmin%2F");
        expect((await client.get("/elsewhere")).text).to.equal("outside");
        const login = await client.get("/admin/login");
        expect(login.status).to.equal(200);
        expect(login.text).to.include("Music &lt;Admin&gt;");
      });

      it("logs an active admin in with an HttpOnly SameSite=Lax cookie on the admin path, and out again", async () => {
        const page = await client.login();
        expect(page.headers.get("location")).to.equal("/admin/");
        const session = page.setCookies.find((c) => c.startsWith("piccolo_admin_session="))!;
        expect(session)
          .to.match(/HttpOnly/)
          .and.match(/SameSite=Lax/)
          .and.match(/Path=\/admin/);
        expect(session).not.to.match(/Secure/); // secure: false in this suite
        const home = await client.get("/admin/");
        expect(home.status).to.equal(200);
        expect(home.text).to.include("Band").and.include("music").and.include("tags");
        const out = await client.post("/admin/logout");
        expect(out.status).to.equal(303);
        expect((await client.get("/admin/")).status).to.equal(303);
      });

      it("marks the cookie Secure by default", async () => {
        const secure = createAdmin({ tables: [t.Band], rateLimit: false });
        const other = await listen((req, res) => void secure(req, res));
        try {
          const page = await new AdminClient(other.url).login();
          expect(page.setCookies.find((c) => c.startsWith("piccolo_admin_session="))).to.match(/; Secure/);
        } finally {
          await other.close();
        }
      });

      for (const [who, password] of [
        ["root", "wrong-password"],
        ["plain", "plain-password-1"],
        ["gone", "gone-password-1"],
        ["nobody", "whatever-password"],
      ] as const)
        it(`refuses ${who} with ${password === "wrong-password" ? "a wrong password" : "that account"}`, async () => {
          const page = await client.request("POST", "/admin/login", { username: who, password });
          expect(page.status).to.equal(401);
          expect(page.setCookies).to.deep.equal([]);
          expect(page.text).to.include("Wrong username or password, or not an admin account.");
        });

      it("rate-limits failed logins (the right password is refused too while blocked)", async () => {
        for (let i = 0; i < 3; i++)
          expect(
            (await client.request("POST", "/admin/login", { username: "root", password: "nope-nope" })).status,
          ).to.equal(401);
        const blocked = await client.request("POST", "/admin/login", {
          username: "root",
          password: "admin-password-1",
        });
        expect(blocked.status).to.equal(429);
        expect(blocked.text).to.include("Too many failed logins");
      });

      it("never redirects outside the admin after login", async () => {
        const page = await client.request("POST", "/admin/login?next=https://evil.example/", {
          username: "root",
          password: "admin-password-1",
        });
        expect(page.headers.get("location")).to.equal("/admin/");
      });
    });

    describe("security headers, assets and CSRF", () => {
      it("sends CSP, frame and sniffing headers and serves hashed, immutable assets", async () => {
        await loggedIn();
        const home = await client.get("/admin/");
        expect(home.headers.get("content-security-policy"))
          .to.include("default-src 'self'")
          .and.include("frame-ancestors 'none'");
        expect(home.headers.get("x-frame-options")).to.equal("DENY");
        expect(home.headers.get("x-content-type-options")).to.equal("nosniff");
        expect(home.headers.get("referrer-policy")).to.equal("same-origin");
        expect(home.text)
          .not.to.match(/<script>[^<]/)
          .and.not.match(/ on[a-z]+=/);
        const css = /href="(\/admin\/assets\/admin\.[0-9a-f]{12}\.css)"/.exec(home.text)![1]!;
        const js = /src="(\/admin\/assets\/admin\.[0-9a-f]{12}\.js)"/.exec(home.text)![1]!;
        for (const path of [css, js]) {
          const asset = await client.get(path);
          expect(asset.status).to.equal(200);
          expect(asset.headers.get("cache-control")).to.include("immutable");
        }
        expect((await client.get("/admin/assets/admin.000000000000.js")).status).to.equal(404);
      });

      it("refuses a POST without the CSRF token (403) and changes nothing", async () => {
        await loggedIn();
        const form = { name: "Forged", popularity: "1", genre: "rock", tags: "" };
        for (const token of ["", "not-the-token"]) {
          const page = await client.request("POST", "/admin/adm_band/new", { ...form, csrfToken: token });
          expect(page.status).to.equal(403);
        }
        expect((await client.request("POST", "/admin/adm_band/1/delete", { confirm: "yes" })).status).to.equal(403);
        expect(await t.Band.count().where(t.Band.c.name.eq("Forged"))).to.equal(0);
        expect(await t.Band.count()).to.equal(3);
      });

      it("refuses writes without a session", async () => {
        const page = await client.request("POST", "/admin/adm_band/new", { name: "Anon", csrfToken: "x" });
        expect(page.status).to.equal(403);
        expect(await t.Band.count()).to.equal(3);
      });
    });

    describe("create, edit and delete through the forms", () => {
      it("creates a row with every widget kind, its foreign key and M2M, then edits and deletes it", async () => {
        await loggedIn();
        const form = await client.get("/admin/adm_band/new");
        expect(form.status).to.equal(200);
        for (const widget of [
          'type="number"',
          'type="checkbox"',
          'type="date"',
          'type="time"',
          'type="datetime-local"',
          "<textarea",
          'data-picker="/admin/adm_band/picker/manager"',
          'name="genres" multiple',
          "The band&#39;s stage name.",
        ])
          expect(form.text).to.include(widget);
        expect(form.text).to.match(/<option value="rock"\s*selected\s*>/);
        const created = await client.post("/admin/adm_band/new", {
          name: "Gophers",
          manager: "2",
          popularity: "77",
          genre: "jazz",
          active: "true",
          formed: "2009-11-10",
          rehearsal: "19:30",
          signedAt: "2020-05-06T07:08:09",
          notes: "two\nlines",
          tags: "go\nconcurrency",
          meta: '{"stars": 5}',
          genres: ["1", "2"],
        });
        expect(created.status, created.text).to.equal(303);
        expect(created.headers.get("location")).to.equal("/admin/adm_band?done=added");
        const row = (await t.Band.objects().get(t.Band.c.name.eq("Gophers")))!;
        expect(row.popularity).to.equal(77);
        expect(row.manager).to.equal(2);
        expect(row.tags).to.deep.equal(["go", "concurrency"]);
        expect(row.meta).to.deep.equal({ stars: 5 });
        expect(row.signedAt!.toISOString()).to.equal("2020-05-06T07:08:09.000Z");
        expect(row.formed).to.equal("2009-11-10");
        expect((await row.getM2M(t.Band.m2m.genres)).map((g) => g.name).sort()).to.deep.equal(["Jazz", "Rock"]);

        const list = await client.get("/admin/adm_band?done=added");
        expect(list.text).to.include("The row was added.").and.include("Gophers").and.include("Graydon");

        const edit = await client.get(`/admin/adm_band/${row.id}`);
        expect(edit.text)
          .to.include('value="Gophers"')
          .and.include("go\nconcurrency")
          .and.include('value="2020-05-06T07:08:09"');
        expect(edit.text).to.match(/<option value="2"\s*selected\s*>Graydon \(#2\)<\/option>/);
        const saved = await client.post(`/admin/adm_band/${row.id}`, {
          name: "Gophers 2",
          manager: "",
          popularity: "78",
          genre: "pop",
          tags: '["a","b"]',
          meta: "",
          genres: ["2"],
        });
        expect(saved.status, saved.text).to.equal(303);
        const after = (await t.Band.objects().get(t.Band.c.id.eq(row.id)))!;
        expect(after).to.include({
          name: "Gophers 2",
          manager: null,
          popularity: 78,
          genre: "pop",
          active: false,
          meta: null,
        });
        expect(after.tags).to.deep.equal(["a", "b"]);
        expect((await after.getM2M(t.Band.m2m.genres)).map((g) => g.name)).to.deep.equal(["Jazz"]);

        const confirm = await client.get(`/admin/adm_band/${row.id}/delete`);
        expect(confirm.text).to.include("Delete 1 Band row?").and.include("Gophers 2");
        expect(await t.Band.count().where(t.Band.c.id.eq(row.id))).to.equal(1);
        const deleted = await client.post(`/admin/adm_band/${row.id}/delete`, { confirm: "yes" });
        expect(deleted.status).to.equal(303);
        expect(await t.Band.count().where(t.Band.c.id.eq(row.id))).to.equal(0);
      });

      it("shows validation errors beside each field and keeps what was typed", async () => {
        await loggedIn();
        const page = await client.post("/admin/adm_band/new", {
          name: "x".repeat(60),
          popularity: "lots",
          genre: "rock",
          meta: "{not json",
        });
        expect(page.status).to.equal(422);
        expect(page.text).to.include('data-field="popularity">Enter a whole number.');
        expect(page.text).to.include('data-field="meta">Enter valid JSON.');
        expect(page.text).to.include("{not json");
        const tooLong = await client.post("/admin/adm_band/new", {
          name: "x".repeat(60),
          popularity: "1",
          genre: "rock",
        });
        expect(tooLong.status).to.equal(422);
        expect(tooLong.text).to.match(/data-field="name">[^<]*50/);
        expect(await t.Band.count()).to.equal(3);
      });

      it("shows database conflicts: a unique name, and a delete of a row others refer to is refused kindly", async () => {
        await loggedIn();
        const page = await client.post("/admin/adm_band/new", { name: "Rustaceans", popularity: "1", genre: "rock" });
        expect(page.status).to.equal(409);
        expect(page.text).to.include('class="alert error"').and.include('data-field="name"');
        expect(await t.Band.count()).to.equal(3);
      });

      it("deletes several rows after a confirmation page", async () => {
        await loggedIn();
        const confirm = await client.post("/admin/adm_band/delete", { ids: ["1", "3"] });
        expect(confirm.status).to.equal(200);
        expect(confirm.text).to.include("Delete 2 Band rows?").and.include("Pythonistas").and.include("C-Sharps");
        expect(await t.Band.count()).to.equal(3);
        const done = await client.post("/admin/adm_band/delete", { ids: ["1", "3"], confirm: "yes" });
        expect(done.status).to.equal(303);
        expect((await t.Band.select(t.Band.c.name)).map((r) => r.name)).to.deep.equal(["Rustaceans"]);
      });
    });

    describe("the list page", () => {
      const names = (text: string) =>
        [...text.matchAll(/<td>(Pythonistas|Rustaceans|C-Sharps)<\/td>/g)].map((m) => m[1]);

      it("filters per type, searches, sorts and shows foreign keys by name", async () => {
        await loggedIn();
        const all = await client.get("/admin/adm_band");
        expect(names(all.text)).to.deep.equal(["C-Sharps", "Rustaceans", "Pythonistas"]); // newest first
        expect(all.text).to.include('Guido <span class="muted">#1</span>');
        expect(all.text).to.include("1–3 of 3");
        const cases: [string, string[]][] = [
          ["popularity__gte=500&popularity__lte=1500", ["Pythonistas"]],
          ["active=false", ["Rustaceans"]],
          ["genre=pop", ["C-Sharps"]],
          ["name__contains=ACE", ["Rustaceans"]],
          ["manager=1", ["Pythonistas"]],
          ["q=sharp", ["C-Sharps"]],
          ["o=popularity", ["C-Sharps", "Pythonistas", "Rustaceans"]],
          ["o=-name", ["Rustaceans", "Pythonistas", "C-Sharps"]],
          ["name__contains=%25", []],
        ];
        for (const [query, expected] of cases) {
          const page = await client.get(`/admin/adm_band?${query}`);
          expect(page.status, `${query}: ${page.text}`).to.equal(200);
          expect(names(page.text), query).to.deep.equal(expected);
        }
      });

      it("pages rows with a size choice and refuses unknown parameters", async () => {
        await loggedIn();
        await t.Band.insert(...Array.from({ length: 30 }, (_, i) => ({ name: `Band ${i}`, popularity: i })));
        const first = await client.get("/admin/adm_band?size=10");
        expect(first.text).to.include("1–10 of 33").and.include('rel="next"');
        const last = await client.get("/admin/adm_band?size=10&page=4");
        expect(last.text).to.include("31–33 of 33").and.not.include('rel="next"');
        expect((await client.get("/admin/adm_band?size=7")).status).to.equal(400);
        expect((await client.get("/admin/adm_band?token=1")).status).to.equal(400);
        expect((await client.get("/admin/adm_band?o=token")).status).to.equal(400);
        expect((await client.get("/admin/nope")).status).to.equal(404);
      });

      it("exports the current filter as CSV, secrets left out", async () => {
        await loggedIn();
        const csv = await client.get("/admin/adm_band/export.csv?popularity__gte=500");
        expect(csv.status).to.equal(200);
        expect(csv.headers.get("content-type")).to.include("text/csv");
        expect(csv.headers.get("content-disposition")).to.include("adm_band.csv");
        const lines = csv.text.trim().split("\r\n");
        expect(lines[0]).to.equal(
          "id,name,manager,manager__readable,popularity,genre,active,formed,rehearsal,signedAt,notes,tags,meta",
        );
        expect(lines.slice(1).map((l) => l.split(",")[1])).to.deep.equal(["Pythonistas", "Rustaceans"]);
        expect(csv.text).not.to.include(ADMIN_SECRET);
      });

      it("answers the foreign key picker's search with a few matching rows, no secrets", async () => {
        await loggedIn();
        const found = await client.get("/admin/adm_band/picker/manager?q=gr");
        expect(JSON.parse(found.text)).to.deep.equal({ options: [{ value: "2", label: "Graydon" }] });
        const all = await client.get("/admin/adm_band/picker/manager");
        expect(JSON.parse(all.text).options).to.have.length(3);
        expect(all.text).not.to.include(ADMIN_SECRET);
        expect((await client.get("/admin/adm_band/picker/genres?q=ja")).text).to.include("Jazz");
        expect((await client.get("/admin/adm_band/picker/token")).status).to.equal(404);
      });
    });

    it("never shows a secret column anywhere", async () => {
      await loggedIn();
      for (const path of [
        "/admin/adm_band",
        "/admin/adm_band/1",
        "/admin/adm_manager",
        "/admin/adm_manager/1",
        "/admin/adm_band/new",
      ]) {
        const page = await client.get(path);
        expect(page.status).to.equal(200);
        expect(page.text, path).not.to.include(ADMIN_SECRET);
        expect(page.text, path).not.to.match(/name="(token|password)"/);
      }
    });

    it("escapes hostile values in every widget, list cell and picker", async () => {
      await loggedIn();
      const [a, b, c] = HOSTILE as [string, string, string];
      await t.Manager.insert({ name: a });
      const created = await client.post("/admin/adm_band/new", {
        name: b,
        manager: "4",
        popularity: "1",
        genre: "rock",
        notes: a,
        tags: `${a}\n${c}`,
        meta: JSON.stringify({ x: b }),
      });
      expect(created.status, created.text).to.equal(303);
      const id = (await t.Band.select(t.Band.c.id).where(t.Band.c.name.eq(b)).first())!.id;
      for (const path of [`/admin/adm_band/${id}`, "/admin/adm_band", `/admin/adm_band?q=${encodeURIComponent(b)}`]) {
        const page = await client.get(path);
        expect(page.status, path).to.equal(200);
        expect(page.text, path).not.to.include("<script>alert").and.not.include("<img src=x");
        expect(page.text, path).to.include("&lt;script&gt;alert(1)&lt;/script&gt;");
      }
      const edit = await client.get(`/admin/adm_band/${id}`);
      expect(edit.text).to.include('value="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"');
      expect(edit.text).not.to.include('href="javascript:');
      const confirm = await client.get(`/admin/adm_band/${id}/delete`);
      expect(confirm.text).to.include("&quot;&gt;&lt;img src=x").and.not.include("<img src=x");
      const picker = await client.get("/admin/adm_band/picker/manager?q=script");
      expect(JSON.parse(picker.text).options[0].label).to.equal(a); // JSON for the script, which sets .text (never innerHTML)
      const validation = await client.post("/admin/adm_band/new", { name: b, popularity: a, genre: "rock" });
      expect(validation.text).not.to.include("<script>alert").and.not.include("<img src=x");
    });
  },
  // The sample rows (test/support/admin-tables.ts) and the URLs and form values are literal keys 1, 2, 3.
  { requires: ["sequentialKeys"] },
);
