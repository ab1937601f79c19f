/** Builder state is typed: a subclass's with({...}) accepts only its builder's state fields, with their types. */
import {
  CountQuery,
  DeleteQuery,
  InsertQuery,
  ObjectsQuery,
  Query,
  RawQuery,
  SelectQuery,
  UpdateQuery,
} from "../../lib";

/** A select with a shortcut built on with(). */
export class TopSelect<T, R> extends SelectQuery<T, R> {
  top(n: number): this {
    return this.with({ limitCount: n, isDistinct: true, groupByItems: [] });
  }

  misspelt(n: number): this {
    // @ts-expect-error limitCont is not a select state field (limitCount is)
    return this.with({ limitCont: n });
  }

  wrongType(): this {
    // @ts-expect-error limitCount is a number
    return this.with({ limitCount: "10" });
  }

  notOfSelect(): this {
    // @ts-expect-error prefetchPaths belongs to objects(), not select()
    return this.with({ prefetchPaths: [] });
  }
}

export class FirstObjects<T> extends ObjectsQuery<T> {
  firstOne(): this {
    return this.with({ firstOnly: true, prefetchPaths: [["manager"]] });
  }

  misspelt(): this {
    // @ts-expect-error prefetch is not an objects state field (prefetchPaths is)
    return this.with({ prefetch: [] });
  }
}

export class QuietInsert<T, R> extends InsertQuery<T, R> {
  skipAll(): this {
    return this.with({ conflict: { action: "doNothing" } });
  }

  misspelt(): this {
    // @ts-expect-error onConflict is a method; the state field is conflict
    return this.with({ onConflict: { action: "doNothing" } });
  }
}

export class KeyedUpdate<T> extends UpdateQuery<T> {
  noReturning(): this {
    return this.with({ returningColumns: [] });
  }

  misspelt(): this {
    // @ts-expect-error returning is a method; the state field is returningColumns
    return this.with({ returning: [] });
  }
}

export class KeyedDelete<T> extends DeleteQuery<T> {
  misspelt(): this {
    // @ts-expect-error where is a method; the state field is whereClause
    return this.with({ where: undefined });
  }
}

export class PlainCount<T> extends CountQuery<T> {
  unfiltered(): this {
    return this.with({ whereClause: undefined });
  }

  misspelt(): this {
    // @ts-expect-error a count has no limit
    return this.with({ limitCount: 1 });
  }
}

export class LoggedRaw extends RawQuery {
  noCallbacks(): this {
    return this.with({ callbacks: [] });
  }

  misspelt(): this {
    // @ts-expect-error callback is a method; the state field is callbacks
    return this.with({ callback: [] });
  }
}

/** A builder outside the library: the base with() takes only the callbacks. */
export abstract class OwnQuery extends Query<number> {
  misspelt(): this {
    // @ts-expect-error callbackz is not a query state field
    return this.with({ callbackz: [] });
  }
}
