import { Command, CommanderError } from "commander";
import type { AppCommand } from "../../apps/app-config";
import { passwordsDiffer, userCommandUsage, userInputNeeded, userNotFound } from "../../errors/auth-factories";
import type { BaseUser } from "../base-user";
import { ask, askHidden, onTerminal, readStdin } from "./prompt";

type UserTable = typeof BaseUser;

const print = (line = "") => process.stdout.write(`${line}\n`);

/**
 * Parses a command's arguments with commander, without letting it exit the process: --help prints
 * and returns undefined, a usage error becomes an OrmError that the CLI prints once.
 */
async function parse<TOptions>(
  command: Command,
  args: string[],
): Promise<{ options: TOptions; operands: string[] } | undefined> {
  let parsed: { options: TOptions; operands: string[] } | undefined;
  command
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: () => undefined })
    .action((...params: unknown[]) => {
      const cmd = params.at(-1) as Command;
      parsed = { options: cmd.opts() as TOptions, operands: cmd.args };
    });
  try {
    await command.parseAsync(args, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.help") return undefined;
      throw userCommandUsage(`${error.message.replace(/^error: /, "")} (see ${command.name()} --help)`);
    }
    throw error;
  }
  return parsed;
}

/** The new password: from stdin (--password-stdin), the --password flag, or asked twice with echo off. */
async function newPassword(options: { password?: string; passwordStdin?: boolean }, prompt: string): Promise<string> {
  if (options.passwordStdin) return readStdin();
  if (options.password !== undefined) return options.password;
  if (!onTerminal()) throw userInputNeeded("A password", "--password-stdin (and pipe it in)");
  const first = await askHidden(`${prompt}: `);
  const second = await askHidden("Confirm password: ");
  if (first !== second) throw passwordsDiffer();
  return first;
}

/** A value from its flag, else asked on a terminal. */
async function valueOf(given: string | undefined, question: string, what: string, flag: string): Promise<string> {
  if (given !== undefined) return given;
  if (!onTerminal()) throw userInputNeeded(what, flag);
  return ask(question);
}

const passwordFlags = (command: Command) =>
  command
    .option("--password-stdin", "read the password from stdin (for scripts)")
    .option("--password <password>", "the password (visible in `ps` and shell history: prefer --password-stdin)");

function createCommand(users: () => UserTable): AppCommand {
  return {
    name: "create",
    description: "Create a user (asks on a terminal; flags for scripts)",
    async run(...args: string[]) {
      type Options = {
        username?: string;
        email?: string;
        firstName?: string;
        lastName?: string;
        admin?: boolean;
        superuser?: boolean;
        active: boolean;
        password?: string;
        passwordStdin?: boolean;
      };
      const command = passwordFlags(
        new Command("piccolo user create")
          .description("Create a user")
          .option("--username <username>")
          .option("--email <email>")
          .option("--first-name <name>")
          .option("--last-name <name>")
          .option("--admin", "may log into the admin GUI")
          .option("--superuser", "may manage other users' passwords")
          .option("--no-active", "create the user inactive (cannot log in)"),
      );
      const parsed = await parse<Options>(command, args);
      if (parsed === undefined) return;
      const o = parsed.options;
      const username = await valueOf(o.username, "Username: ", "A username", "--username");
      const email = await valueOf(o.email, "Email: ", "An email address", "--email");
      const password = await newPassword(o, "Password");
      const user = await users().createUser({
        username,
        email,
        password,
        firstName: o.firstName ?? null,
        lastName: o.lastName ?? null,
        admin: o.admin ?? false,
        superuser: o.superuser ?? false,
        active: o.active,
      });
      print(`Created user ${user.username} (id ${user.id}).`);
    },
  };
}

function changePasswordCommand(users: () => UserTable): AppCommand {
  return {
    name: "change-password",
    description: "Set a user's password (asks on a terminal; --password-stdin for scripts)",
    async run(...args: string[]) {
      const command = passwordFlags(
        new Command("piccolo user change-password").description("Set a user's password"),
      ).argument("[username]");
      const parsed = await parse<{ password?: string; passwordStdin?: boolean }>(command, args);
      if (parsed === undefined) return;
      const username = await valueOf(parsed.operands[0], "Username: ", "A username", "the username argument");
      const table = users();
      if ((await table.find(username)) === null) throw userNotFound(username);
      await table.updatePassword(username, await newPassword(parsed.options, "New password"));
      print(`Changed the password of ${username}.`);
    },
  };
}

function changePermissionsCommand(users: () => UserTable): AppCommand {
  return {
    name: "change-permissions",
    description: "Set a user's admin, superuser and active flags",
    async run(...args: string[]) {
      type Options = { admin?: boolean; superuser?: boolean; active?: boolean };
      const command = new Command("piccolo user change-permissions")
        .description("Set a user's admin, superuser and active flags")
        .argument("<username>")
        .option("--admin", "may log into the admin GUI")
        .option("--no-admin")
        .option("--superuser", "may manage other users' passwords")
        .option("--no-superuser")
        .option("--active", "may log in")
        .option("--no-active");
      const parsed = await parse<Options>(command, args);
      if (parsed === undefined) return;
      const username = parsed.operands[0]!;
      const { admin, superuser, active } = parsed.options;
      const changes = Object.fromEntries(
        Object.entries({ admin, superuser, active }).filter(([, v]) => v !== undefined),
      ) as Options;
      if (Object.keys(changes).length === 0)
        throw userCommandUsage(
          "Nothing to change: pass --admin/--no-admin, --superuser/--no-superuser or --active/--no-active.",
        );
      const table = users();
      const user = await table.find(username);
      if (user === null) throw userNotFound(username);
      await table.update(changes).where(table.c.id.eq(user.id));
      const said = Object.entries(changes).map(([k, v]) => `${k} ${v ? "on" : "off"}`);
      print(`Changed ${username}: ${said.join(", ")}.`);
    },
  };
}

function listCommand(users: () => UserTable): AppCommand {
  return {
    name: "list",
    description: "List the users (never their passwords)",
    async run(...args: string[]) {
      const parsed = await parse<{ json?: boolean }>(
        new Command("piccolo user list").description("List the users").option("--json", "one JSON array"),
        args,
      );
      if (parsed === undefined) return;
      const table = users();
      const c = table.c;
      const rows = await table
        .select(c.id, c.username, c.email, c.active, c.admin, c.superuser, c.lastLogin)
        .orderBy(c.username.asc());
      if (parsed.options.json) return print(JSON.stringify(rows));
      const lines = rows.map((r) => [
        String(r.id),
        r.username,
        r.email,
        r.active ? "yes" : "no",
        r.admin ? "yes" : "no",
        r.superuser ? "yes" : "no",
        r.lastLogin?.toISOString() ?? "never",
      ]);
      const header = ["id", "username", "email", "active", "admin", "superuser", "last login"];
      const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
      for (const line of [header, ...lines])
        print(
          line
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join("  ")
            .trimEnd(),
        );
      if (rows.length === 0) print("(no users)");
    },
  };
}

/** The commands of the `user` app; `users` gives the user table (BaseUser, or a subclass). */
export function userCommands(users: () => UserTable): AppCommand[] {
  return [createCommand(users), changePasswordCommand(users), listCommand(users), changePermissionsCommand(users)];
}
