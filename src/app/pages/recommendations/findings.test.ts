import { dataFrameFromJSON } from '@grafana/data';

import { matches, NO_FILTERS, readNotices, readRecommendations, readZombies, zombieTotals } from './findings';
import { tableFrame } from '../shared/testFrames';

describe('readZombies', () => {
  it('reads table frames of its refId only, skipping summary frames that have no resourceId', () => {
    const frames = [
      tableFrame('zombies', [{ kind: 'volume', resourceId: 'pvc-1', monthlyCost: 4, currency: 'USD' }]),
      tableFrame('zombies', [{ kind: 'volume', count: 1, monthlyCost: 4 }]),
      tableFrame('other', [{ kind: 'volume', resourceId: 'pvc-2', monthlyCost: 9 }]),
    ].map(dataFrameFromJSON);
    const rows = readZombies(frames, 'zombies');
    expect(rows).toHaveLength(1);
    // Fields the frame lacks read as '' and null, never 0, so "unknown" never adds to a total.
    expect(rows[0]).toMatchObject({ resourceId: 'pvc-1', monthlyCost: 4, namespace: '', monthlyKWh: null });
    expect(zombieTotals(rows)).toMatchObject({
      count: 1,
      kWh: 0,
      kWhUnknown: 1,
      cost: [{ currency: 'USD', amount: 4 }],
    });
  });

  it('keeps costs in different currencies apart', () => {
    const frame = tableFrame('zombies', [
      { kind: 'cloudInstance', resourceId: 'a', monthlyCost: 10, currency: 'USD' },
      { kind: 'cloudInstance', resourceId: 'b', monthlyCost: 7, currency: 'EUR' },
      { kind: 'cloudInstance', resourceId: 'c', monthlyCost: 2.5, currency: 'USD' },
    ]);
    expect(zombieTotals(readZombies([dataFrameFromJSON(frame)], 'zombies')).cost).toEqual([
      { currency: 'USD', amount: 12.5 },
      { currency: 'EUR', amount: 7 },
    ]);
  });

  it("reads a terminated workload's window energy, which only its rows carry", () => {
    const frame = tableFrame('zombies', [
      { kind: 'terminatedWorkload', resourceId: 'shop/batch', windowKWh: 1.25, windowKgCO2e: 0.5, monthlyCost: null },
    ]);
    expect(readZombies([dataFrameFromJSON(frame)], 'zombies')[0]).toMatchObject({
      kind: 'terminatedWorkload',
      windowKWh: 1.25,
      windowKgCO2e: 0.5,
      monthlyCost: null,
      action: '',
    });
  });

  it('reads recommendation rows by their own column names', () => {
    const frame = tableFrame('recs', [
      {
        kind: 'regionSwitch',
        resourceId: 'm5',
        targetRegion: 'eu-north-1',
        monthlyKgCO2eSaved: 42,
        monthlyCostSaved: null,
      },
    ]);
    expect(readRecommendations([dataFrameFromJSON(frame)], 'recs')).toEqual([
      expect.objectContaining({
        id: 'recs-0',
        targetRegion: 'eu-north-1',
        targetInstanceType: '',
        monthlyKgCO2eSaved: 42,
        monthlyCostSaved: null,
        currentMonthlyKWh: null,
      }),
    ]);
  });

  it('collects the notices the backend attached', () => {
    const frame = tableFrame('zombies', [{ kind: 'volume', resourceId: 'pvc-1' }]);
    frame.schema!.meta = {
      notices: [{ severity: 'warning', text: 'Prometheus is not configured: nodes not checked' }],
    };
    expect(readNotices([dataFrameFromJSON(frame)], 'zombies')).toEqual([
      { severity: 'warning', text: 'Prometheus is not configured: nodes not checked' },
    ]);
  });
});

describe('matches', () => {
  const row = { kind: 'workload', provider: 'gcp', region: 'europe-west1', namespace: 'shop', resourceId: 'shop/cart' };

  it('searches names and ids, not the method prose', () => {
    expect(matches({ ...row, method: 'peak CPU under 5 %' }, { ...NO_FILTERS, search: 'CPU' })).toBe(false);
    expect(matches(row, { ...NO_FILTERS, search: 'SHOP/C' })).toBe(true);
  });

  it('needs every filter to match', () => {
    expect(matches(row, { ...NO_FILTERS, kinds: ['workload', 'volume'], provider: 'gcp' })).toBe(true);
    expect(matches(row, { ...NO_FILTERS, kinds: ['workload'], region: 'eu-west-1' })).toBe(false);
    expect(matches({ ...row, namespace: undefined }, { ...NO_FILTERS, namespace: 'shop' })).toBe(false);
  });
});
