import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';

/**
 * Logical backup of Taiwa's tables (ADR 0211), for the embedded database where no `pg_dump` ships:
 * gzip'd JSON lines — a header (format, the migrations applied, row counts), then per table a
 * `{"table": name}` line followed by one `to_jsonb` line per row, then an end line repeating the
 * counts so a cut-off file is detected. Holds data only, never the server secret.
 */
export const BACKUP_FORMAT = 'taiwa-backup';
const FORMAT_VERSION = 1;
const FETCH_ROWS = 1000;
const INSERT_ROWS = 1000;

interface Header {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  migrations: string[];
  tables: Record<string, number>;
}

/** A backup that cannot be restored here, with the reason. Nothing was changed. */
export class BackupError extends Error {}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function tablesOf(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
  return rows.map((r) => r.name);
}

async function migrationsOf(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ hash: string }>(`select hash from drizzle.__drizzle_migrations order by id`);
  return rows.map((r) => r.hash);
}

async function countsOf(client: pg.ClientBase, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${ident(t)}`);
    counts[t] = Number(rows[0]!.n);
  }
  return counts;
}

/** The rows per table of the database at `url` (for checks after a restore). */
export async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await countsOf(client, await tablesOf(client));
  } finally {
    await client.end();
  }
}

/**
 * Writes a backup of the database at `url` to `file` from one consistent snapshot (a repeatable-read,
 * read-only transaction), so it may run while the server writes. The file appears only when complete.
 */
export async function backupDatabase(props: { url: string; file: string; onTable?: (table: string, rows: number) => void }): Promise<Header> {
  const { url, file, onTable } = props;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const partial = `${file}.partial`;
  const lines = new PassThrough();
  const written = pipeline(lines, createGzip(), createWriteStream(partial, { mode: 0o600 }));
  const put = async (value: unknown) => {
    if (!lines.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`)) await once(lines, 'drain');
  };
  try {
    await client.query('begin transaction isolation level repeatable read read only');
    const tables = await tablesOf(client);
    const header: Header = {
      format: BACKUP_FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      migrations: await migrationsOf(client),
      tables: await countsOf(client, tables),
    };
    await put(header);
    for (const table of tables) {
      await put({ table });
      await client.query(`declare rows_cursor no scroll cursor for select to_jsonb(t)::text as j from ${ident(table)} t`);
      let n = 0;
      for (;;) {
        const { rows } = await client.query<{ j: string }>(`fetch ${FETCH_ROWS} from rows_cursor`);
        for (const r of rows) await put(r.j);
        n += rows.length;
        if (rows.length < FETCH_ROWS) break;
      }
      await client.query('close rows_cursor');
      onTable?.(table, n);
    }
    await put({ end: true, tables: header.tables });
    await client.query('commit');
    lines.end();
    await written;
    await rename(partial, file);
    return header;
  } catch (e) {
    lines.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw e;
  } finally {
    await client.end();
  }
}

/** The file's decompressed bytes; a read error (missing file) surfaces as the stream's error. */
function gunzipped(file: string) {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  return source.pipe(gunzip);
}

/** Reads a backup's header only (to check it before anything is changed). */
export async function readBackupHeader(file: string): Promise<Header> {
  const input = createInterface({ input: gunzipped(file), crlfDelay: Infinity });
  try {
    for await (const line of input) return parseHeader(line, file);
    throw new BackupError(`${file} is empty.`);
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`${file} is not a Taiwa backup (${(e as Error).message}).`);
  } finally {
    input.close();
  }
}

function parseHeader(line: string, file: string): Header {
  let header: Partial<Header>;
  try {
    header = JSON.parse(line) as Partial<Header>;
  } catch {
    throw new BackupError(`${file} is not a Taiwa backup.`);
  }
  if (header.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a Taiwa backup.`);
  if (header.formatVersion !== FORMAT_VERSION) throw new BackupError(`${file} has backup format ${header.formatVersion}; this version of Taiwa reads format ${FORMAT_VERSION}.`);
  return header as Header;
}

/**
 * Replaces every row of the database at `url` (already migrated by this version of Taiwa) with the
 * backup's, in one transaction: a backup made at another schema version, a cut-off file or any
 * failure leaves the database as it was. Foreign keys and triggers are not fired while loading
 * (`session_replication_role = replica`, which needs a superuser — the embedded database's user is one).
 */
export async function restoreDatabase(props: { url: string; file: string; onTable?: (table: string, rows: number) => void }): Promise<Record<string, number>> {
  const { url, file, onTable } = props;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let input: ReturnType<typeof createInterface> | null = null;
  try {
    await client.query('begin');
    const here = await migrationsOf(client);
    const tables = await tablesOf(client);
    let header: Header | null = null;
    let table: string | null = null;
    let batch: string[] = [];
    const loaded: Record<string, number> = {};
    let ended = false;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      await client.query(`insert into ${ident(table)} select * from jsonb_populate_recordset(null::${ident(table)}, $1::jsonb)`, [`[${batch.join(',')}]`]);
      loaded[table] = (loaded[table] ?? 0) + batch.length;
      batch = [];
    };
    // Opened only now: lines read before the loop starts would be lost.
    input = createInterface({ input: gunzipped(file), crlfDelay: Infinity });
    for await (const line of input) {
      if (line === '') continue;
      if (!header) {
        header = parseHeader(line, file);
        if (header.migrations.length !== here.length || header.migrations.some((h, i) => h !== here[i])) {
          throw new BackupError(
            `${file} was made at another schema version (${header.migrations.length} migrations; this Taiwa has ${here.length}). ` +
              `Restore it with the Taiwa version that made it, then upgrade.`,
          );
        }
        const unknown = Object.keys(header.tables).filter((t) => !tables.includes(t));
        if (unknown.length) throw new BackupError(`${file} has tables this database does not: ${unknown.join(', ')}.`);
        try {
          await client.query('set local session_replication_role = replica');
        } catch (e) {
          throw new BackupError(`Restoring needs a superuser connection (${(e as Error).message}). For an external database use pg_dump and pg_restore.`);
        }
        await client.query(`truncate table ${tables.map(ident).join(', ')}`);
        continue;
      }
      if (line.startsWith('{"table":') || line.startsWith('{"end":')) {
        const marker = JSON.parse(line) as { table?: string; end?: boolean };
        await flush();
        if (table) onTable?.(table, loaded[table] ?? 0);
        if (marker.end) {
          ended = true;
          break;
        }
        table = marker.table ?? null;
        if (!table || !(table in header.tables)) throw new BackupError(`${file} names an unexpected table ${table}.`);
        continue;
      }
      if (!table) throw new BackupError(`${file} is damaged: a row before any table.`);
      batch.push(line);
      if (batch.length >= INSERT_ROWS) await flush();
    }
    if (!header) throw new BackupError(`${file} is empty.`);
    if (!ended) throw new BackupError(`${file} is cut off (no end marker); nothing was restored.`);
    for (const [t, n] of Object.entries(header.tables)) {
      if ((loaded[t] ?? 0) !== n) throw new BackupError(`${file} is damaged: ${t} should have ${n} rows, found ${loaded[t] ?? 0}; nothing was restored.`);
    }
    // Serial columns (if any) continue after the restored rows.
    const serials = await client.query<{ table_name: string; column_name: string; seq: string }>(
      `select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
         from information_schema.columns
        where table_schema = 'public' and pg_get_serial_sequence(quote_ident(table_name), column_name) is not null`,
    );
    for (const s of serials.rows) {
      await client.query(`select setval($1, coalesce((select max(${ident(s.column_name)}) from ${ident(s.table_name)}), 0) + 1, false)`, [s.seq]);
    }
    await client.query('commit');
    return header.tables;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    if (e instanceof BackupError || e instanceof Error && /incorrect header check|unexpected end of file/.test(e.message)) {
      throw e instanceof BackupError ? e : new BackupError(`${file} is not a complete gzip'd Taiwa backup (${e.message}); nothing was restored.`);
    }
    throw e;
  } finally {
    input?.close();
    await client.end();
  }
}
