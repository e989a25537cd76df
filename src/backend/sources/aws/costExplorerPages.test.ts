import { badQuery } from '../../core/errors';
import { DatasourceInstance, InstanceManager } from '../../core/instance';
import { createLogger } from '../../core/logger';
import { Secrets, type DataSourceSettings } from '../../core/settings';
import { CostExplorerConnection } from './costExplorerConnection';
import { noRequests, pagedOperation, readAllPages, requestCostNotice, type RequestCounts } from './costExplorerPages';

interface TestInput {
  Ask: string;
  NextPageToken?: string;
}
interface TestPage {
  Items: string[];
  NextPageToken?: string;
}

const silent = createLogger(() => undefined);

const settings = (uid: string, lastUpdatedMS = 1): DataSourceSettings => ({
  uid,
  name: uid,
  jsonData: { aws: { authType: 'keys' } },
  secrets: new Secrets({ awsAccessKeyId: 'AKIATEST', awsSecretAccessKey: 'secret' }),
  lastUpdatedMS,
});

const connect = (instance: DatasourceInstance) =>
  new CostExplorerConnection(instance, { retry: { baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined } });

/** An operation answered by `answer`, recording the token of every request sent. */
function scripted(answer: (token: string | undefined) => TestPage, maxPages = 10) {
  const sent: Array<string | undefined> = [];
  const operation = pagedOperation<TestInput, TestPage>({
    name: 'Test',
    maxPages,
    cachedPages: 100,
    async send(_client, input) {
      sent.push(input.NextPageToken);
      return answer(input.NextPageToken);
    },
    tooManyPages: (pages, input) => badQuery(`${input.Ask}: over ${pages} pages`),
  });
  return { operation, sent };
}

const stale = () => Object.assign(new Error('token no longer valid'), { name: 'RequestChangedException' });

const THREE_PAGES = (token: string | undefined): TestPage =>
  token === undefined
    ? { Items: ['a'], NextPageToken: 't2' }
    : token === 't2'
      ? { Items: ['b'], NextPageToken: 't3' }
      : { Items: ['c'] };

describe('readAllPages', () => {
  it('follows NextPageToken and returns the pages in order, counting billed requests', async () => {
    const { operation, sent } = scripted(THREE_PAGES);
    const counts = noRequests();
    const pages = await readAllPages(connect(new DatasourceInstance(settings('a'))), operation, { Ask: 'x' }, counts);
    expect(pages.flatMap((p) => p.Items)).toEqual(['a', 'b', 'c']);
    expect(sent).toEqual([undefined, 't2', 't3']);
    expect(counts).toEqual<RequestCounts>({ requests: 3, cached: 0, retries: 0 });
    expect(requestCostNotice('Test', counts)).toBe('Test: 3 requests (3 billed, USD 0.03), 0 served from cache.');
  });

  it('serves a repeated read from the instance cache without a request', async () => {
    const { operation, sent } = scripted(THREE_PAGES);
    const connection = connect(new DatasourceInstance(settings('a')));
    await readAllPages(connection, operation, { Ask: 'x' }, noRequests());
    const counts = noRequests();
    const again = await readAllPages(connection, operation, { Ask: 'x' }, counts);
    expect(again.flatMap((p) => p.Items)).toEqual(['a', 'b', 'c']);
    expect(sent).toHaveLength(3);
    expect(counts).toMatchObject({ requests: 3, cached: 3 });
    // Another request is another cache entry.
    await readAllPages(connection, operation, { Ask: 'y' }, noRequests());
    expect(sent).toHaveLength(6);
  });

  it('asks again once the TTL from the settings has passed', async () => {
    const { operation, sent } = scripted(() => ({ Items: ['a'] }));
    const clock = { now: 0 };
    const instance = new DatasourceInstance(
      { ...settings('a'), jsonData: { aws: { authType: 'keys', cacheTtlSeconds: 60 } } },
      { now: () => clock.now }
    );
    await readAllPages(connect(instance), operation, { Ask: 'x' }, noRequests());
    clock.now += 59_000;
    await readAllPages(connect(instance), operation, { Ask: 'x' }, noRequests());
    expect(sent).toHaveLength(1);
    clock.now += 2_000;
    await readAllPages(connect(instance), operation, { Ask: 'x' }, noRequests());
    expect(sent).toHaveLength(2);
  });

  it('never serves one datasource from the cache of another', async () => {
    const { operation, sent } = scripted(() => ({ Items: ['a'] }));
    const manager = new InstanceManager({ log: silent });
    const a = manager.get('a', 1, () => settings('a'));
    const b = manager.get('b', 1, () => settings('b'));
    await readAllPages(connect(a), operation, { Ask: 'x' }, noRequests());
    const counts = noRequests();
    await readAllPages(connect(b), operation, { Ask: 'x' }, counts);
    expect(sent).toHaveLength(2);
    expect(counts.cached).toBe(0);
  });

  it('reads again from the first page, once, when a cached page carries a token CE no longer accepts', async () => {
    let firstPages = 0;
    const { operation, sent } = scripted((token) => {
      if (token === undefined) {
        return { Items: ['a'], NextPageToken: `tok-${++firstPages}` };
      }
      if (token === 'tok-1') {
        throw stale();
      }
      return { Items: ['b'] };
    });
    const connection = connect(new DatasourceInstance(settings('a')));
    // Nothing came from the cache: the error stands.
    await expect(readAllPages(connection, operation, { Ask: 'x' }, noRequests())).rejects.toThrow(stale().message);
    // The first page now comes from the cache with its stale token: dropped, and read again from the start.
    const pages = await readAllPages(connection, operation, { Ask: 'x' }, noRequests());
    expect(pages.flatMap((p) => p.Items)).toEqual(['a', 'b']);
    expect(sent).toEqual([undefined, 'tok-1', 'tok-1', undefined, 'tok-2']);
  });

  it('does not read again more than once', async () => {
    const { operation, sent } = scripted((token) => {
      if (token) {
        throw stale();
      }
      return { Items: ['a'], NextPageToken: 'always-stale' };
    });
    const connection = connect(new DatasourceInstance(settings('a')));
    await expect(readAllPages(connection, operation, { Ask: 'x' }, noRequests())).rejects.toThrow();
    await expect(readAllPages(connection, operation, { Ask: 'x' }, noRequests())).rejects.toThrow();
    // Read 1: page, token. Read 2: cached page, token, then once more from the start: page, token.
    expect(sent).toEqual([undefined, 'always-stale', 'always-stale', undefined, 'always-stale']);
  });

  it('retries a throttled page and counts the retry', async () => {
    let throttled = false;
    const { operation } = scripted(() => {
      if (!throttled) {
        throttled = true;
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      }
      return { Items: ['a'] };
    });
    const counts = noRequests();
    await readAllPages(connect(new DatasourceInstance(settings('a'))), operation, { Ask: 'x' }, counts);
    expect(counts).toEqual({ requests: 1, cached: 0, retries: 1 });
  });

  it('stops at the page limit, and on a token it has seen before', async () => {
    const endless = scripted((token) => ({ Items: [], NextPageToken: `${token ?? ''}+` }), 3);
    const connection = connect(new DatasourceInstance(settings('a')));
    await expect(readAllPages(connection, endless.operation, { Ask: 'x' }, noRequests())).rejects.toThrow(
      'x: over 3 pages'
    );
    expect(endless.sent).toHaveLength(3);
    const loop = scripted(() => ({ Items: [], NextPageToken: 'same' }));
    await expect(readAllPages(connection, loop.operation, { Ask: 'y' }, noRequests())).rejects.toThrow(
      'y: over 2 pages'
    );
  });
});

describe('CostExplorerConnection', () => {
  it("keeps one SDK client per instance and destroys it when the instance's settings change", () => {
    const manager = new InstanceManager({ log: silent });
    const old = manager.get('a', 1, () => settings('a', 1));
    const client = connect(old).client();
    expect(connect(old).client()).toBe(client);
    const destroy = jest.spyOn(client, 'destroy');
    const updated = manager.get('a', 2, () => settings('a', 2));
    expect(destroy).toHaveBeenCalledTimes(1);
    expect(connect(updated).client()).not.toBe(client);
  });
});
