/** crud(): options that name columns are checked against the table; hooks see the table's values. */
import { expectTypeOf } from "expect-type";
import express from "express";
import {
  crud,
  expressCrud,
  openApi,
  reject,
  tableJsonSchema,
  type CrudAction,
  type CrudHandler,
  type JsonSchema,
  type PrimaryKeyValues,
} from "../../lib/crud";
import { Band } from "./schema";

export function crudTypes(): void {
  const bands = crud(Band, { writable: ["name", "popularity"], readable: { manager: "name" } });
  expectTypeOf(bands).toEqualTypeOf<CrudHandler<Band>>();
  expectTypeOf(bands.prefix).toEqualTypeOf<string>();

  // @ts-expect-error a column the table does not have
  crud(Band, { writable: ["nmae"] });
  // @ts-expect-error readable is keyed by the table's columns
  crud(Band, { readable: { mgr: "name" } });
  // @ts-expect-error totalCount is body, header or none
  crud(Band, { totalCount: "sometimes" });
  // @ts-expect-error not a table class
  crud(Date);

  crud(Band, {
    authorize: async (request, action) => {
      expectTypeOf(action).toEqualTypeOf<CrudAction>();
      expectTypeOf(request.headers).toEqualTypeOf<Readonly<Record<string, string | string[] | undefined>>>();
      return action === "list";
    },
    hooks: {
      beforeCreate: (values) => {
        expectTypeOf(values.popularity).toEqualTypeOf<number | undefined>();
        if (values.name === "x") throw reject("no", 403);
        return { ...values, popularity: 1 };
      },
      beforeDelete: (key) => {
        expectTypeOf(key).toEqualTypeOf<PrimaryKeyValues>();
      },
    },
  });
  crud(Band, {
    hooks: {
      // @ts-expect-error a before hook returns the table's values
      beforeCreate: () => ({ popularity: "high" }),
    },
  });

  expectTypeOf(openApi([bands, crud(Band)], { title: "t", version: "1" })).toEqualTypeOf<Record<string, unknown>>();
  expectTypeOf(tableJsonSchema(Band, { variant: "create" })).toEqualTypeOf<JsonSchema>();
  // @ts-expect-error variants are read, create and update
  tableJsonSchema(Band, { variant: "patch" });

  const app = express();
  app.use(express.json(), expressCrud(bands));
}
