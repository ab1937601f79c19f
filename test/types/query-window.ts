/** Window functions: RowNumber, Rank, DenseRank, Lag, Lead and aggregates' over(). */
import { expectTypeOf } from "expect-type";
import { Avg, Count, DenseRank, Lag, Lead, Max, Rank, RowNumber, Sum, type Numeric } from "../../lib";
import { Band, Manager, Ticket } from "./schema";

export async function queryWindowTypes(): Promise<void> {
  // Ranks are numbers, under their own keys unless aliased.
  const ranked = await Band.select(
    Band.c.name,
    RowNumber().over({ partitionBy: [Band.c.manager], orderBy: [Band.c.popularity.desc()] }),
    Rank().over({ orderBy: [Band.c.popularity] }),
    DenseRank()
      .over({ orderBy: [Band.c.popularity] })
      .as("dense"),
  );
  expectTypeOf(ranked).toEqualTypeOf<{ name: string; rowNumber: number; rank: number; dense: number }[]>();

  // Lag/Lead: the column's type or null; with a non-null default, the column's type.
  const shifted = await Band.select(
    Lag(Band.c.name)
      .over({ orderBy: [Band.c.name] })
      .as("previous"),
    Lead(Band.c.popularity, 1, 0)
      .over({ orderBy: [Band.c.name] })
      .as("next"),
    Lag(Band.c.manager.name, 1, "nobody").as("managerBefore"),
  );
  expectTypeOf(shifted).toEqualTypeOf<{ previous: string | null; next: number; managerBefore: string | null }[]>();

  // over() keeps the aggregate's type.
  const totals = await Band.select(
    Sum(Band.c.popularity)
      .over({ partitionBy: [Band.c.manager] })
      .as("total"),
    Count().over({}).as("all"),
    Avg(Band.c.popularity).over({ partitionBy: [Band.c.manager.name] }),
    Max(Band.c.name).over({ orderBy: [Band.c.name] }),
  );
  expectTypeOf(totals).toEqualTypeOf<{ total: number | null; all: number; avg: number | null; max: string | null }[]>();
  expectTypeOf(await Ticket.select(Sum(Ticket.c.price).over({}).as("t"))).toEqualTypeOf<{ t: Numeric | null }[]>();

  // Usable in orderBy.
  void Band.select(Band.c.name).orderBy(
    RowNumber()
      .over({ orderBy: [Band.c.name] })
      .desc(),
  );

  // @ts-expect-error a non-null default must be of the column's type
  void Lead(Band.c.popularity, 1, "zero");
  // @ts-expect-error Lag takes an expression, not a value
  void Lag("name");
  // @ts-expect-error the window's columns belong to the query's table
  void Band.select(RowNumber().over({ orderBy: [Manager.c.name] }));
  // @ts-expect-error nor can an aggregate of one table run over another's columns
  void Sum(Band.c.popularity).over({ partitionBy: [Manager.c.name] });
  // @ts-expect-error over() knows partitionBy and orderBy only
  void RowNumber().over({ partition: [Band.c.manager] });
  // @ts-expect-error a window function is no update() value
  void Band.update({ popularity: Rank().over({}) }, { force: true });
}
