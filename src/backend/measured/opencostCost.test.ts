/** Windows between price changes, and the PromQL of one window. */
import { windowsBetween } from './opencostCost';
import { costSamplesSum, podNodes, priceChangeTimes, samplesBetween, windowOf } from './opencostCostPromql';

const FROM = 1_700_000_000_000;
const TO = FROM + 3_600_000;

describe('windows between price changes', () => {
  it('no change: the range, 1 ms short of its start (so 2.x and 3.x read (from, to])', () => {
    expect(windowsBetween(FROM, TO, [])).toEqual([{ endMs: TO, lengthMs: 3_599_999 }]);
  });

  it('cut 1 ms before each change, which opens the next window', () => {
    const c1 = FROM + 600_000;
    const c2 = FROM + 1_200_000;
    expect(windowsBetween(FROM, TO, [c1, c2])).toEqual([
      { endMs: c1 - 1, lengthMs: 599_998 },
      { endMs: c2 - 1, lengthMs: 600_000 },
      { endMs: TO, lengthMs: TO - (c2 - 1) },
    ]);
  });

  it('changes at the range edges: at to is a window of 1 ms, at or just after from is none', () => {
    expect(windowsBetween(FROM, TO, [TO])).toEqual([
      { endMs: TO - 1, lengthMs: 3_599_998 },
      { endMs: TO, lengthMs: 1 },
    ]);
    expect(windowsBetween(FROM, TO, [FROM, FROM + 1])).toEqual([{ endMs: TO, lengthMs: 3_599_999 }]);
    expect(windowsBetween(FROM, TO, [FROM + 2])).toEqual([{ endMs: TO, lengthMs: 3_599_999 }]);
    expect(windowsBetween(FROM, TO, [FROM + 3])).toEqual([
      { endMs: FROM + 2, lengthMs: 1 },
      { endMs: TO, lengthMs: 3_599_998 },
    ]);
    expect(windowsBetween(FROM, TO, [TO + 1])).toEqual([{ endMs: TO, lengthMs: 3_599_999 }]);
  });
});

describe('PromQL of one window', () => {
  const w = { endMs: FROM + 60_000, lengthMs: 60_000 };

  it('`[length] @ end` in milliseconds', () => {
    expect(windowOf(w)).toBe('[1m] @ 1700000060.000');
    expect(windowOf({ endMs: FROM + 59_999, lengthMs: 59_998 })).toBe('[59998ms] @ 1700000059.999');
  });

  it('raw sums joined once to the prices: per namespace, node and job, storage per pod', () => {
    const W = '[1m] @ 1700000060.000';
    const ns = '{namespace=~"shop"}';
    expect(costSamplesSum(['shop'], w)).toBe(
      'sum by (namespace, node, job) (' +
        `label_replace(sum by (namespace, node, job) (sum_over_time(container_cpu_allocation${ns}${W})) * on (node) group_left () max by (node) (last_over_time(node_cpu_hourly_cost${W})), "part", "cpu", "__name__", ".*")` +
        ` or label_replace(sum by (namespace, node, job) (sum_over_time(container_memory_allocation_bytes${ns}${W})) / 1073741824 * on (node) group_left () max by (node) (last_over_time(node_ram_hourly_cost${W})), "part", "ram", "__name__", ".*")` +
        ` or label_replace(sum by (namespace, node, job) (sum_over_time(container_gpu_allocation${ns}${W})) * on (node) group_left () max by (node) (last_over_time(node_gpu_hourly_cost${W})), "part", "gpu", "__name__", ".*")` +
        `) or sum by (namespace, pod, job) (sum by (namespace, pod, persistentvolume, job) (sum_over_time(pod_pvc_allocation${ns}${W})) / 1073741824` +
        ` * on (persistentvolume) group_left () max by (persistentvolume) (last_over_time(pv_hourly_cost${W})))`
    );
  });

  it("a pod's node: where it has the most CPU allocation samples, for the listed pods only", () => {
    expect(
      podNodes(
        [
          { namespace: 'db', pod: 'pg-0' },
          { namespace: 'db', pod: 'pg.1' },
        ],
        w
      )
    ).toBe(
      'topk by (namespace, pod) (1, count by (namespace, pod, node) (count_over_time(container_cpu_allocation{namespace=~"db",pod=~"pg-0|pg\\\\.1"}[1m] @ 1700000060.000)))'
    );
  });

  it('change times: a sample whose value differs from the one a scrape interval before', () => {
    expect(priceChangeTimes('node_cpu_hourly_cost', 'opencost', 60_000)).toBe(
      'timestamp(node_cpu_hourly_cost{job="opencost"}) and (node_cpu_hourly_cost{job="opencost"} != node_cpu_hourly_cost{job="opencost"} offset 1m)'
    );
  });

  it('samples of one series between two of its samples, both included, labels quoted', () => {
    expect(samplesBetween({ __name__: 'x', node: 'a"b', job: 'oc' }, FROM, FROM + 3_600_000)).toBe(
      'count_over_time(node_cpu_hourly_cost{job="oc",node="a\\"b"}[3600001ms] @ 1700003600.000)'
    );
  });
});
