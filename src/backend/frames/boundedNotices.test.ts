import type { FrameNotice } from './frame';
import { boundedNotices } from './noticeText';

const info = (i: number): FrameNotice => ({ severity: 'info', text: `info ${i}` });

describe('boundedNotices', () => {
  it('keeps up to 20 notices as they are', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => info(i));
    expect(boundedNotices(twenty)).toEqual(twenty);
  });

  it('past 20, keeps 19, the most severe first, in their order, and says how many more there were', () => {
    const notices = [
      ...Array.from({ length: 30 }, (_, i) => info(i)),
      { severity: 'warning', text: 'w' } as FrameNotice,
    ];
    const kept = boundedNotices(notices);
    expect(kept).toHaveLength(20);
    // The warning is kept (though last), then the first 18 infos; 31 - 19 = 12 left out.
    expect(kept.slice(0, 18)).toEqual(notices.slice(0, 18));
    expect(kept[18]).toEqual({ severity: 'warning', text: 'w' });
    expect(kept[19]).toEqual({ severity: 'info', text: '12 more notices not shown.' });
  });

  it('cuts a notice over 1,000 characters and says how long it was', () => {
    const [n] = boundedNotices([{ severity: 'warning', text: 'x'.repeat(1_001) }]);
    expect(n.text).toBe(`${'x'.repeat(1_000)}… (1,001 characters, cut)`);
    expect(boundedNotices([{ severity: 'info', text: 'y'.repeat(1_000) }])[0].text).toHaveLength(1_000);
  });
});
