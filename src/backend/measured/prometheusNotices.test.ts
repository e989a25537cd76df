import type { FrameNotice } from '../frames/frame';
import { MAX_PROMETHEUS_NOTICES, PrometheusNotices } from './prometheusNotices';

function collect(warnings: string[], infos: string[] = []): FrameNotice[] {
  const notices: FrameNotice[] = [];
  new PrometheusNotices((n) => notices.push(n)).take({ warnings, infos });
  return notices;
}
const texts = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('PrometheusNotices', () => {
  it('keeps up to 20 distinct texts, each once, and says how many more were left out', () => {
    expect(MAX_PROMETHEUS_NOTICES).toBe(20);
    expect(collect(texts(19))).toHaveLength(19);
    expect(collect([...texts(20), ...texts(20)])).toEqual(
      texts(20).map((t) => ({ severity: 'warning', text: `Prometheus: ${t}` }))
    );
    const over = collect(texts(20), ['i0']);
    expect(over).toHaveLength(21);
    expect(over[20]).toEqual({
      severity: 'warning',
      text: 'Prometheus: 1 more warnings and infos were left out (at most 20 are shown per query).',
    });
  });

  it('keeps counting into the same closing notice across answers', () => {
    const notices: FrameNotice[] = [];
    const prometheus = new PrometheusNotices((n) => notices.push(n));
    prometheus.take({ warnings: texts(25), infos: [] });
    prometheus.take({ warnings: texts(30), infos: texts(3, 'i') });
    expect(notices).toHaveLength(21);
    // 30 + 3 distinct texts, 20 kept.
    expect(notices[20].text).toBe(
      'Prometheus: 13 more warnings and infos were left out (at most 20 are shown per query).'
    );
  });

  it('takes 100,000 warnings in linear time', () => {
    const started = performance.now();
    expect(collect(texts(100_000))).toHaveLength(21);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
