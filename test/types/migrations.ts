/** Migration files: raw JavaScript steps get the engine; MigrationError's fields. */
import { expectTypeOf } from "expect-type";
import { defineMigration, MigrationError, MigrationStepError, type Engine, type Migration } from "../../lib";

export function migrationTypes(): Migration {
  // @ts-expect-error a raw step needs its run function
  defineMigration({ id: "1", app: "music", forwards: [{ op: "raw", description: "no run" }], backwards: [] });
  // @ts-expect-error run gets the engine, not a string
  defineMigration({ id: "1", app: "music", forwards: [{ op: "raw", run: (db: string) => db }], backwards: [] });

  const error = new MigrationStepError("m", "music", "1", "forwards", 1, "create table band", undefined, null);
  expectTypeOf(error).toMatchTypeOf<MigrationError>();
  expectTypeOf(new MigrationError("m").direction).toEqualTypeOf<"forwards" | "backwards" | undefined>();
  expectTypeOf(error.direction).toEqualTypeOf<"forwards" | "backwards">();
  expectTypeOf(error.sql).toEqualTypeOf<string | undefined>();

  return defineMigration({
    id: "2025-06-01T12:00:00:000000",
    app: "music",
    forwards: [
      {
        op: "raw",
        description: "fill slugs",
        run: async (db) => {
          expectTypeOf(db).toEqualTypeOf<Engine>();
          await db.rawQuery("UPDATE band SET slug = lower(name)");
        },
      },
    ],
    backwards: [{ op: "raw", run: () => undefined }],
  });
}
