/**
 * Sequelize 6 as its docs set it up: `new Sequelize({ dialect })` with `logging: false`, models
 * from `define()` (timestamps off, the FK attribute mapped to the "manager" column with a
 * belongsTo association), `raw: true` for plain-object reads, model instances for
 * select-1000-objects, managed transactions passing `{ transaction: t }`. Its SQLite dialect is
 * built on node-sqlite3 only, so it runs on the sqlite3 engine and not on better-sqlite3.
 */
import { DataTypes, Sequelize, type Options } from "sequelize";
import {
  BAND_TABLE,
  Inputs,
  MANAGER_TABLE,
  POOL_SIZE,
  THOUSAND_ROWS,
  type AdapterFactory,
  type NewBand,
} from "../common";

const toModelValues = (row: NewBand) => ({ name: row.name, managerId: row.manager, popularity: row.popularity });

export const sequelize: AdapterFactory = async (engine, env) => {
  if (engine === "sqlite")
    return { unsupported: "Sequelize's SQLite dialect runs on node-sqlite3 only (see the sqlite3 engine)" };
  const options: Options =
    engine === "postgres"
      ? {
          dialect: "postgres",
          host: env.pg.host,
          port: env.pg.port,
          username: env.pg.user,
          ...(env.pg.password ? { password: env.pg.password } : {}),
          database: env.pg.database,
          pool: { max: POOL_SIZE },
          logging: false,
        }
      : { dialect: "sqlite", storage: env.sqlitePath.sqlite3, logging: false };
  const db = new Sequelize(options);
  // journal_mode = WAL is a property of the file (set by the fixture); synchronous is per connection.
  // Sequelize opens a new sqlite3 connection per transaction, which keeps SQLite's default (FULL).
  if (engine === "sqlite3") await db.query("PRAGMA synchronous = NORMAL");

  const Manager = db.define(
    "Manager",
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(50), allowNull: false },
    },
    { tableName: MANAGER_TABLE, timestamps: false },
  );
  const Band = db.define(
    "Band",
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      managerId: { type: DataTypes.INTEGER, allowNull: true, field: "manager" },
      popularity: { type: DataTypes.INTEGER, allowNull: false },
    },
    { tableName: BAND_TABLE, timestamps: false },
  );
  Band.belongsTo(Manager, { foreignKey: "managerId", as: "manager", onDelete: "CASCADE", onUpdate: "CASCADE" });
  await db.authenticate();

  const inputs = new Inputs();
  const thousand = THOUSAND_ROWS.map(toModelValues);
  const pkGet = () => Band.findByPk(inputs.bandId(), { raw: true });
  return {
    ops: {
      "pk-get": pkGet,
      ...(engine === "postgres" ? { "pk-get-concurrent": pkGet } : {}),
      "select-1000": () => Band.findAll({ limit: 1000, raw: true }),
      "select-1000-objects": () => Band.findAll({ limit: 1000 }),
      "join-100": () =>
        Band.findAll({
          attributes: ["name"],
          include: [{ model: Manager, as: "manager", attributes: ["name"] }],
          limit: 100,
          raw: true,
        }),
      "insert-one": () => Band.create(toModelValues(inputs.band())),
      "insert-1000": () => Band.bulkCreate(thousand),
      "update-one": () => {
        const popularity = inputs.popularity();
        return Band.update({ popularity }, { where: { id: inputs.bandId() } });
      },
      "tx-2i1u": () =>
        db.transaction(async (transaction) => {
          await Band.create(toModelValues(inputs.band()), { transaction });
          await Band.create(toModelValues(inputs.band()), { transaction });
          const popularity = inputs.popularity();
          await Band.update({ popularity }, { where: { id: inputs.bandId() }, transaction });
        }),
    },
    close: () => db.close(),
  };
};
