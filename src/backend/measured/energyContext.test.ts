import type { FrameNotice } from '../frames/frame';
import { noticeCollector } from './energyContext';

describe('noticeCollector', () => {
  it('keeps each text once, in order, whatever its severity the second time', () => {
    const notices: FrameNotice[] = [];
    const notice = noticeCollector(notices);
    notice('warning', 'a');
    notice('info', 'b');
    notice('info', 'a');
    expect(notices).toEqual([
      { severity: 'warning', text: 'a' },
      { severity: 'info', text: 'b' },
    ]);
  });

  it('takes 100,000 distinct notices in linear time (the scan it replaces took 40 s)', () => {
    const notices: FrameNotice[] = [];
    const notice = noticeCollector(notices);
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) {
      notice('warning', `Prometheus: warning ${i}`);
      notice('warning', `Prometheus: warning ${i >> 1}`);
    }
    expect(performance.now() - started).toBeLessThan(1000);
    expect(notices).toHaveLength(100_000);
  });
});
