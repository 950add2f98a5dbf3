import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DbNotification } from '../../../core/infra/db/db-pool.ts';
import { createPglitePool, type PglitePool } from '../../../core/infra/db/pglite-pool.ts';

describe('PGlite pool look-alike', () => {
  let pglite: PGlite;
  let pool: PglitePool;

  beforeEach(async () => {
    pglite = await PGlite.create();
    pool = createPglitePool(pglite);
    await pool.query('CREATE TABLE item (id int8 PRIMARY KEY, price numeric)');
  });

  afterEach(async () => {
    await pool.end();
    await pglite.close();
  });

  it('should hold other statements back when a session transaction is open', async () => {
    const session = await pool.connect();
    await session.query('BEGIN');
    await session.query('INSERT INTO item VALUES ($1, $2)', [1, '9.50']);
    let outsideAnswered = false;
    const outside = pool.query<{ n: string }>('SELECT count(*) AS n FROM item').then((result) => {
      outsideAnswered = true;
      return result.rows[0]?.n;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(outsideAnswered).toBe(false);
    await session.query('COMMIT');
    expect(await outside).toBe('1');
    session.release();
  });

  it('should keep nothing of a session transaction when it rolls back', async () => {
    const session = await pool.connect();
    await session.query('BEGIN');
    await session.query('INSERT INTO item VALUES (2, 1)');
    expect((await session.query('ROLLBACK')).command).toBe('ROLLBACK');
    session.release();
    expect((await pool.query('SELECT * FROM item')).rows).toEqual([]);
  });

  it('should answer COMMIT with ROLLBACK when a statement of the transaction failed', async () => {
    const session = await pool.connect();
    await session.query('BEGIN');
    await session.query('INSERT INTO item VALUES (3, 1)');
    await expect(session.query('SELECT 1 / 0')).rejects.toThrow('division by zero');
    expect((await session.query('COMMIT')).command).toBe('ROLLBACK');
    session.release();
    expect((await pool.query('SELECT * FROM item')).rows).toEqual([]);
  });

  it('should roll back and free the connection when a session is released mid-transaction', async () => {
    const session = await pool.connect();
    await session.query('BEGIN');
    await session.query('INSERT INTO item VALUES (4, 1)');
    session.release();
    expect((await pool.query('SELECT * FROM item')).rows).toEqual([]);
  });

  it('should deliver a notification only to the sessions that listen when one is sent', async () => {
    const listener = await pool.connect();
    const bystander = await pool.connect();
    const heard: DbNotification[] = [];
    const overheard: DbNotification[] = [];
    listener.on('notification', (message) => heard.push(message));
    bystander.on('notification', (message) => overheard.push(message));
    await listener.query('-- wake workers\nLISTEN "jobs";');
    await pool.query(`SELECT pg_notify('jobs', 'queue-a')`);
    await pool.query(`SELECT pg_notify('other', 'queue-b')`);
    expect(heard.map((message) => [message.channel, message.payload])).toEqual([['jobs', 'queue-a']]);
    expect(overheard).toEqual([]);
    listener.release();
    bystander.release();
  });

  it('should return int8 and numeric as strings when read, as node-postgres does', async () => {
    await pool.query('INSERT INTO item VALUES ($1, $2)', ['9007199254740993', '12.30']);
    const { rows } = await pool.query('SELECT id, price, ARRAY[id] AS ids FROM item');
    expect(rows).toEqual([{ id: '9007199254740993', price: '12.30', ids: ['9007199254740993'] }]);
  });

  it('should refuse transaction control when it is sent to the pool itself', async () => {
    await expect(pool.query('BEGIN')).rejects.toThrow('connect()');
  });

  it('should reject queries with pg wording when the pool has ended', async () => {
    await pool.end();
    await expect(pool.query('SELECT 1')).rejects.toThrow('Cannot use a pool after calling end on the pool');
  });
});
