import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { transactionWithPlugin, type Database, type Trx } from '../../src/db/database.js';

/**
 * Database work counted rather than timed: the transactions a request opens (each is a begin,
 * the council's role and context in one statement, and a commit) and the statements run
 * inside them. Used by the statement budget test and by `npm run bench`.
 */
class Counter implements KyselyPlugin {
  statements = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export interface CountedDatabase {
  /** The database to give the app: every tenant and system transaction is counted. */
  db: Database;
  reset(): void;
  read(): { transactions: number; statements: number };
}

export function counted(db: Database): CountedDatabase {
  const counter = new Counter();
  let transactions = 0;
  const wrapped = Object.create(db) as Database;
  wrapped.tenant = (<T>(councilId: string, fn: (trx: Trx) => Promise<T>) => {
    transactions++;
    return db.tenant(councilId, (trx) => fn(transactionWithPlugin(trx, counter)));
  });
  wrapped.system = (<T>(fn: (trx: Trx) => Promise<T>) => {
    transactions++;
    return db.system((trx) => fn(transactionWithPlugin(trx, counter)));
  });
  wrapped.open = async (councilId: string) => {
    transactions++;
    const open = await db.open(councilId);
    return { trx: transactionWithPlugin(open.trx, counter), commit: () => open.commit(), rollback: () => open.rollback() };
  };
  return {
    db: wrapped,
    reset: () => {
      counter.statements = 0;
      transactions = 0;
    },
    read: () => ({ transactions, statements: counter.statements }),
  };
}
