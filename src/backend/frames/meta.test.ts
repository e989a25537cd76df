import type { Frame, FrameNotice } from './frame';
import { addToMeta, runProvenance, seriesMeta, tableMeta } from './meta';

const NOTICE: FrameNotice = { severity: 'info', text: 'n' };

describe('frame meta', () => {
  it('writes the keys of a table in the order the frames were always encoded with', () => {
    const provenance = { notices: [NOTICE], executedQueryString: 'up' };
    expect(JSON.stringify(tableMeta(provenance))).toBe(
      '{"type":"numeric-long","typeVersion":[0,1],"preferredVisualisationType":"table","notices":[{"severity":"info","text":"n"}],"executedQueryString":"up"}'
    );
    expect(JSON.stringify(tableMeta(provenance, 'hintLast'))).toBe(
      '{"type":"numeric-long","typeVersion":[0,1],"notices":[{"severity":"info","text":"n"}],"executedQueryString":"up","preferredVisualisationType":"table"}'
    );
    expect(JSON.stringify(seriesMeta(provenance))).toBe(
      '{"type":"timeseries-multi","typeVersion":[0,1],"notices":[{"severity":"info","text":"n"}],"executedQueryString":"up"}'
    );
  });

  it('leaves out what the run did not give, as keys and not as undefined values', () => {
    expect(tableMeta()).toStrictEqual({
      type: 'numeric-long',
      typeVersion: [0, 1],
      preferredVisualisationType: 'table',
    });
    expect(Object.keys(seriesMeta({ notices: [], executedQueryString: undefined }))).toEqual([
      'type',
      'typeVersion',
      'notices',
    ]);
  });

  it("holds the run's notices array, so a notice added after the frame is built still shows", () => {
    const run = { notices: [] as FrameNotice[], executed: ['a', 'b'] };
    const meta = tableMeta(runProvenance(run), 'hintLast');
    run.notices.push(NOTICE);
    expect(meta.notices).toEqual([NOTICE]);
    expect(meta.executedQueryString).toBe('a\n\nb');
  });

  it('adds to a built meta after the keys it has, keeping those in place', () => {
    const frame: Frame = { name: 'f', meta: tableMeta({ notices: [NOTICE] }), fields: [] };
    addToMeta(frame, { executedQueryString: 'q' });
    addToMeta(frame, { notices: [] });
    expect(Object.keys(frame.meta!)).toEqual([
      'type',
      'typeVersion',
      'preferredVisualisationType',
      'notices',
      'executedQueryString',
    ]);
    expect(frame.meta!.notices).toEqual([]);
  });
});
