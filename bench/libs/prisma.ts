/**
 * Prisma 7 as its docs set it up for Node: the generated client over a driver adapter
 * (`@prisma/adapter-pg` with a pg pool of 10, `@prisma/adapter-better-sqlite3`), no Rust query
 * engine. The client is generated at bench time into build/prisma/<provider>/ (see generate()
 * below for why no network is needed). Prisma has no node-sqlite3 adapter, and no entities
 * (select-1000-objects is left out). update-one uses `updateMany`, which returns a count as raw
 * does (`update` would read the row back); insert-one asks for the id only, as the others do.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  BAND_TABLE,
  Inputs,
  MANAGER_TABLE,
  POOL_SIZE,
  SQLITE_PRAGMAS,
  THOUSAND_ROWS,
  type AdapterFactory,
} from "../common";

type Provider = "postgresql" | "sqlite";

/** The part of the generated client the bench uses (it is generated at run time, so not imported for its types). */
interface BandDelegate {
  findUnique(args: { where: { id: number } }): Promise<unknown>;
  findMany(args: { take: number; select?: object }): Promise<unknown[]>;
  create(args: { data: object; select: { id: true } }): Promise<{ id: number }>;
  createMany(args: { data: readonly object[] }): Promise<{ count: number }>;
  updateMany(args: { where: { id: number }; data: { popularity: number } }): Promise<{ count: number }>;
}
interface Client {
  band: BandDelegate;
  $transaction<TResult>(fn: (tx: { band: BandDelegate }) => Promise<TResult>): Promise<TResult>;
  $queryRawUnsafe(sql: string): Promise<unknown>;
  $disconnect(): Promise<void>;
}
type ClientClass = new (options: { adapter: unknown }) => Client;

function schema(provider: Provider): string {
  const varchar = (length: number) => (provider === "postgresql" ? ` @db.VarChar(${length})` : "");
  return `generator client {
  provider = "prisma-client-js"
  output   = "./client"
}

datasource db {
  provider = "${provider}"
}

model Manager {
  id    Int    @id @default(autoincrement())
  name  String${varchar(50)}
  bands Band[]

  @@map("${MANAGER_TABLE}")
}

model Band {
  id         Int      @id @default(autoincrement())
  name       String${varchar(100)}
  manager    Int?
  popularity Int
  mgr        Manager? @relation(fields: [manager], references: [id], onDelete: Cascade, onUpdate: Cascade)

  @@map("${BAND_TABLE}")
}
`;
}

/**
 * Runs `prisma generate` for this provider once per build. Generating a client needs no engine
 * binary (Prisma 7 parses the schema with the Wasm module shipped in the npm package), but the CLI
 * first makes sure a schema-engine binary exists and downloads it from Prisma's binary host when it
 * does not; an engine path given in PRISMA_SCHEMA_ENGINE_BINARY (any existing file: generate never
 * runs it) skips that download. CHECKPOINT_DISABLE turns off the CLI's version check.
 */
function generate(provider: Provider): ClientClass {
  const dir = resolve(__dirname, "..", "..", "prisma", provider);
  const client = join(dir, "client");
  if (!existsSync(join(client, "index.js"))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "schema.prisma"), schema(provider));
    const cli = require.resolve("prisma/build/index.js");
    const result = spawnSync(process.execPath, [cli, "generate", "--schema", join(dir, "schema.prisma")], {
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`prisma generate failed:\n${result.stdout}${result.stderr}`);
  }
  return (require(client) as { PrismaClient: ClientClass }).PrismaClient;
}

export const prisma: AdapterFactory = async (engine, env) => {
  if (engine === "sqlite3") return { unsupported: "Prisma ships no node-sqlite3 driver adapter" };
  const inputs = new Inputs();
  const thousand = THOUSAND_ROWS.map((row) => ({ ...row }));
  let db: Client;
  if (engine === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    db = new (generate("postgresql"))({ adapter: new PrismaPg({ ...env.pg, max: POOL_SIZE }) });
  } else {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    db = new (generate("sqlite"))({ adapter: new PrismaBetterSqlite3({ url: `file:${env.sqlitePath.sqlite}` }) });
    // One connection: the same settings as every other library's.
    for (const pragma of SQLITE_PRAGMAS) await db.$queryRawUnsafe(pragma);
  }
  const pkGet = () => db.band.findUnique({ where: { id: inputs.bandId() } });
  // The new popularity is drawn before the id, as every library does.
  const updateOne = (band: BandDelegate) => {
    const popularity = inputs.popularity();
    return band.updateMany({ where: { id: inputs.bandId() }, data: { popularity } });
  };
  return {
    ops: {
      "pk-get": pkGet,
      ...(engine === "postgres" ? { "pk-get-concurrent": pkGet } : {}),
      "select-1000": () => db.band.findMany({ take: 1000 }),
      "join-100": () => db.band.findMany({ take: 100, select: { name: true, mgr: { select: { name: true } } } }),
      "insert-one": () => db.band.create({ data: inputs.band(), select: { id: true } }),
      "insert-1000": () => db.band.createMany({ data: thousand }),
      "update-one": () => updateOne(db.band),
      "tx-2i1u": () =>
        db.$transaction(async (tx) => {
          await tx.band.create({ data: inputs.band(), select: { id: true } });
          await tx.band.create({ data: inputs.band(), select: { id: true } });
          await updateOne(tx.band);
        }),
    },
    skipped: { "select-1000-objects": "no entities: rows are plain objects" },
    close: () => db.$disconnect(),
  };
};
