import { QueryError } from '../../core/errors';
import { gzipError, scanError } from './focusErrors';

const FILES = ['/data/focus/a.csv', '/data/focus/b.csv'];
const messageOf = (error: unknown) => (error as Error).message;

describe('scanError', () => {
  // The messages are DuckDB 1.5.6's own, observed: the permission one running as nobody on a 0600 file.
  it('names the file DuckDB names, and what to do', () => {
    const denied = scanError(new Error('IO Error: Cannot open file "/data/focus/b.csv": Permission denied'), FILES);
    expect(denied).toBeInstanceOf(QueryError);
    expect(messageOf(denied)).toBe(
      'FOCUS export /data/focus/b.csv is not readable by the Grafana server (EACCES): grant the grafana user read access.'
    );
    expect(
      messageOf(scanError(new Error('IO Error: No files found that match the pattern "/data/focus/a.csv"'), FILES))
    ).toMatch(/^FOCUS export \/data\/focus\/a\.csv does not exist on the Grafana server \(ENOENT\)/);
    expect(messageOf(scanError(new Error('Out of Memory Error: failed to allocate'), FILES))).toMatch(
      /^Reading one of 2 files \(\/data\/focus\/a\.csv, …\) needs more memory .* jsonData\.focus\.memoryLimitMB/
    );
  });

  it('keeps only the class of an unknown error, never the data it may quote', () => {
    const error = scanError(
      new Error('Conversion Error: CSV Error on Line: 7\nOriginal Line: 2024-09-01,Usage,AKIASECRET,12\n'),
      ['/data/focus/a.csv']
    );
    expect(messageOf(error)).toBe('/data/focus/a.csv: could not be read as a FOCUS export (DuckDB: Conversion Error).');
  });

  it('passes an interruption and its own errors through', () => {
    const interrupted = new Error('INTERRUPT Error: Interrupted!');
    expect(scanError(interrupted, FILES)).toBe(interrupted);
    const own = new QueryError('already clear', 503, 'downstream');
    expect(scanError(own, FILES)).toBe(own);
  });
});

describe('gzipError', () => {
  it('tells a truncated stream from a file that is not gzip', () => {
    const truncated = Object.assign(new Error('unexpected end of file'), { code: 'Z_BUF_ERROR' });
    expect(messageOf(gzipError(truncated, '/x.csv.gz'))).toMatch(/^\/x\.csv\.gz: the gzip stream is truncated/);
    const notGzip = Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR' });
    expect(messageOf(gzipError(notGzip, '/x.csv.gz'))).toMatch(
      /^\/x\.csv\.gz: not a gzip file, or a corrupt one \(Z_DATA_ERROR\)/
    );
  });
});
