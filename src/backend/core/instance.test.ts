import { DatasourceInstance, InstanceManager, perInstance } from './instance';
import { createLogger } from './logger';
import { Secrets, type DataSourceSettings } from './settings';

const settings = (uid: string, lastUpdatedMS = 1): DataSourceSettings => ({
  uid,
  name: uid,
  jsonData: {},
  secrets: new Secrets(),
  lastUpdatedMS,
});

/** A per-instance value that records when it is closed. */
function closable() {
  const closed: string[] = [];
  const part = perInstance(
    'test part',
    (instance) => ({ uid: instance.settings.uid, version: instance.settings.lastUpdatedMS }),
    (value) => closed.push(`${value.uid}@${value.version}`)
  );
  return { part, closed };
}

const silent = createLogger(() => undefined);

describe('InstanceManager', () => {
  it('hands out the same instance for the same datasource and version, parsing once', () => {
    const manager = new InstanceManager({ log: silent });
    const parse = jest.fn(() => settings('a'));
    const first = manager.get('a', 1, parse);
    expect(manager.get('a', 1, parse)).toBe(first);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(first.settings.uid).toBe('a');
  });

  it('opens a new instance for a new lastUpdated and disposes the old one', () => {
    const manager = new InstanceManager({ log: silent });
    const { part, closed } = closable();
    const old = manager.get('a', 1, () => settings('a', 1));
    old.get(part);
    const updated = manager.get('a', 2, () => settings('a', 2));
    expect(updated).not.toBe(old);
    expect(old.disposed).toBe(true);
    expect(closed).toEqual(['a@1']);
    expect(updated.get(part)).toEqual({ uid: 'a', version: 2 });
    expect(manager.size).toBe(1);
  });

  it('keeps the live instance when the new version fails to parse', () => {
    const manager = new InstanceManager({ log: silent });
    const live = manager.get('a', 1, () => settings('a', 1));
    expect(() =>
      manager.get('a', 2, () => {
        throw new Error('broken settings');
      })
    ).toThrow('broken settings');
    expect(live.disposed).toBe(false);
    expect(manager.get('a', 1, () => settings('a', 1))).toBe(live);
  });

  it('gives each datasource its own values: two datasources never share one', () => {
    const manager = new InstanceManager({ log: silent });
    const cache = perInstance('test cache', () => new Map<string, string>());
    const cacheOf = (uid: string) => manager.get(uid, 1, () => settings(uid)).get(cache);
    cacheOf('a').set('key', 'from a');
    expect(cacheOf('b').get('key')).toBeUndefined();
    expect(cacheOf('a').get('key')).toBe('from a');
  });

  it('keeps at most maxInstances, disposing the least recently used', () => {
    const manager = new InstanceManager({ maxInstances: 2, log: silent });
    const a = manager.get('a', 1, () => settings('a'));
    const b = manager.get('b', 1, () => settings('b'));
    manager.get('a', 1, () => settings('a')); // a is now the most recent
    const c = manager.get('c', 1, () => settings('c'));
    expect(manager.size).toBe(2);
    expect(b.disposed).toBe(true);
    expect(a.disposed).toBe(false);
    expect(c.disposed).toBe(false);
    // An evicted datasource is opened again when asked for.
    const b2 = manager.get('b', 1, () => settings('b'));
    expect(b2).not.toBe(b);
    expect(a.disposed).toBe(true);
  });
});

describe('DatasourceInstance', () => {
  it('opens each part once, on first use', () => {
    const open = jest.fn(() => ({}));
    const part = perInstance('lazy part', open);
    const instance = new DatasourceInstance(settings('a'), { log: silent });
    expect(open).not.toHaveBeenCalled();
    expect(instance.get(part)).toBe(instance.get(part));
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('waits for running calls before closing what it holds', async () => {
    const { part, closed } = closable();
    const instance = new DatasourceInstance(settings('a'), { log: silent });
    let finish: () => void = () => undefined;
    const running = instance.use(async (inst) => {
      inst.get(part);
      await new Promise<void>((resolve) => (finish = resolve));
      return 'done';
    });
    instance.dispose();
    expect(closed).toEqual([]);
    finish();
    expect(await running).toBe('done');
    expect(closed).toEqual(['a@1']);
  });

  it('refuses to open parts once disposed, and closes a part that fails to close without stopping the rest', () => {
    const lines: string[] = [];
    const instance = new DatasourceInstance(settings('a'), { log: createLogger((l) => lines.push(l)) });
    const { part, closed } = closable();
    const failing = perInstance(
      'failing part',
      () => 1,
      () => {
        throw new Error('cannot close');
      }
    );
    instance.get(failing);
    instance.get(part);
    instance.dispose();
    expect(closed).toEqual(['a@1']);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ '@level': 'warn', dsUID: 'a', part: 'failing part' }),
    ]);
    expect(() => instance.get(part)).toThrow(/disposed/);
  });

  it('logs with the datasource uid', () => {
    const lines: string[] = [];
    new DatasourceInstance(settings('uid-7'), { log: createLogger((l) => lines.push(l)) }).log.info('hello');
    expect(JSON.parse(lines[0])).toMatchObject({ dsUID: 'uid-7', '@message': 'hello' });
  });
});
