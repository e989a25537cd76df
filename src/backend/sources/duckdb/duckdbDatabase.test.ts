import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DuckDBDatabase } from './duckdbDatabase';

describe('DuckDBDatabase', () => {
  const zone = process.env.TZ;
  // DuckDB takes the process's zone as its default: a server far from UTC must not shift exports.
  beforeAll(() => (process.env.TZ = 'Pacific/Auckland'));
  afterAll(() => (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));

  it('runs with the limits it was given, locked, spilling into a private folder removed on close', async () => {
    const before = new Set(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('greenops-duckdb-')));
    const db = new DuckDBDatabase({ memoryLimitMB: 200, threads: 1 });
    const [row] = await db.query(
      `SELECT current_setting('memory_limit') AS memory, current_setting('threads') AS threads,
              current_setting('TimeZone') AS zone, current_setting('temp_directory') AS spill,
              current_setting('autoinstall_known_extensions') AS autoinstall`
    );
    // DuckDB shows 200 MB (200,000,000 bytes) in MiB.
    expect(row).toMatchObject({ memory: '190.7 MiB', threads: 1, zone: 'UTC', autoinstall: false });
    const spill = String(row.spill);
    expect(before.has(path.basename(spill))).toBe(false);
    expect(fs.existsSync(spill)).toBe(true);
    await expect(db.query("SET memory_limit = '8GB'")).rejects.toThrow(/configuration/i);
    // A zone-less date-time is UTC whatever the server's zone.
    const [time] = await db.query(`SELECT epoch_ms(CAST('2024-09-18 22:00:00' AS TIMESTAMPTZ)) AS ms`);
    expect(time.ms).toBe(Date.UTC(2024, 8, 18, 22));
    db.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fs.existsSync(spill)).toBe(false);
    await expect(db.query('SELECT 1')).rejects.toThrow(/closed/);
  });

  it('interrupts a statement when its signal aborts', async () => {
    const db = new DuckDBDatabase({ memoryLimitMB: 256, threads: 1 });
    const controller = new AbortController();
    const slow = db.query('SELECT count(*) FROM range(10000000000) a', [], controller.signal);
    setTimeout(() => controller.abort(), 200);
    await expect(slow).rejects.toThrow(/interrupt/i);
    db.close();
  });
});
