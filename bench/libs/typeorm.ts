/**
 * TypeORM as its docs set it up: a DataSource with decorated entities (type "postgres" with a
 * pool of 10, or "better-sqlite3" with WAL), repositories for writes, the query builder's
 * getRawOne/getRawMany for plain-object reads, entities from `find()` for select-1000-objects.
 * TypeORM 1.x dropped its node-sqlite3 driver ("sqlite"), so the sqlite3 engine is left out.
 */
import "reflect-metadata";
import { Column, DataSource, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Repository } from "typeorm";
import {
  BAND_TABLE,
  Inputs,
  MANAGER_TABLE,
  POOL_SIZE,
  THOUSAND_ROWS,
  type AdapterFactory,
  type NewBand,
} from "../common";

@Entity(MANAGER_TABLE)
class ManagerEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "varchar", length: 50 }) name!: string;
}

@Entity(BAND_TABLE)
class BandEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "varchar", length: 100 }) name!: string;
  @Column({ type: "integer", name: "manager", nullable: true }) managerId!: number | null;
  @ManyToOne(() => ManagerEntity, { nullable: true, onDelete: "CASCADE", onUpdate: "CASCADE" })
  @JoinColumn({ name: "manager" })
  manager!: ManagerEntity | null;
  @Column({ type: "integer" }) popularity!: number;
}

const toEntityValues = (row: NewBand) => ({ name: row.name, managerId: row.manager, popularity: row.popularity });

export const typeorm: AdapterFactory = async (engine, env) => {
  if (engine === "sqlite3")
    return { unsupported: 'TypeORM 1.x removed its node-sqlite3 driver (type "sqlite"); only better-sqlite3 remains' };
  const entities = [ManagerEntity, BandEntity];
  const dataSource =
    engine === "postgres"
      ? new DataSource({
          type: "postgres",
          host: env.pg.host,
          port: env.pg.port,
          username: env.pg.user,
          ...(env.pg.password ? { password: env.pg.password } : {}),
          database: env.pg.database,
          poolSize: POOL_SIZE,
          entities,
          synchronize: false,
          logging: false,
        })
      : new DataSource({
          type: "better-sqlite3",
          database: env.sqlitePath.sqlite,
          enableWAL: true,
          prepareDatabase: (db: { pragma(text: string): unknown }) => {
            db.pragma("synchronous = NORMAL");
          },
          entities,
          synchronize: false,
          logging: false,
        });
  await dataSource.initialize();
  const bands: Repository<BandEntity> = dataSource.getRepository(BandEntity);
  const inputs = new Inputs();

  const plain = () =>
    bands
      .createQueryBuilder("b")
      .select("b.id", "id")
      .addSelect("b.name", "name")
      .addSelect("b.managerId", "manager")
      .addSelect("b.popularity", "popularity");
  const pkGet = () => plain().where("b.id = :id", { id: inputs.bandId() }).getRawOne();
  return {
    ops: {
      "pk-get": pkGet,
      ...(engine === "postgres" ? { "pk-get-concurrent": pkGet } : {}),
      "select-1000": () => plain().limit(1000).getRawMany(),
      "select-1000-objects": () => bands.find({ take: 1000 }),
      "join-100": () =>
        bands
          .createQueryBuilder("b")
          .leftJoin("b.manager", "m")
          .select("b.name", "name")
          .addSelect("m.name", "managerName")
          .limit(100)
          .getRawMany(),
      "insert-one": () => bands.insert(toEntityValues(inputs.band())),
      // insert() writes the generated ids back into the objects it is given: fresh objects each time.
      "insert-1000": () => bands.insert(THOUSAND_ROWS.map(toEntityValues)),
      "update-one": () => {
        const popularity = inputs.popularity();
        return bands.update({ id: inputs.bandId() }, { popularity });
      },
      "tx-2i1u": () =>
        dataSource.transaction(async (manager) => {
          await manager.insert(BandEntity, toEntityValues(inputs.band()));
          await manager.insert(BandEntity, toEntityValues(inputs.band()));
          const popularity = inputs.popularity();
          await manager.update(BandEntity, { id: inputs.bandId() }, { popularity });
        }),
    },
    close: () => dataSource.destroy(),
  };
};
