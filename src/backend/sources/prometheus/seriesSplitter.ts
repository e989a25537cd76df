/**
 * Splits a Prometheus API answer into its series while its bytes arrive: each object of
 * `data.result` (query, query_range) or of `data` itself (series) is parsed on its own as soon as
 * it is complete and handed on, and the rest of the document (status, warnings, resultType) is
 * kept with those arrays left empty. So an answer is never held whole, neither as bytes, as one
 * string (V8 cannot make one over ~512 MiB) nor as one JSON tree (several times the size of its
 * bytes): peak memory is what the caller keeps of each series, plus one series being read. The
 * count of series so far lets the caller hang up at the first series over its limit.
 *
 * Hand-written rather than a streaming JSON library: only this one split is needed, the series
 * themselves are small and go to JSON.parse, and the tokenizer (strings, escapes, nesting, key
 * order, which is not fixed across Prometheus, Thanos, Mimir and VictoriaMetrics) is short.
 */
import { downstreamError } from '../../core/errors';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
/** Longest key worth remembering: only `data` and `result` matter. */
const MAX_KEY = 16;

/** Paths of the arrays whose objects are series, in query and series answers. */
export const SERIES_PATHS = ['.data.result', '.data'];

interface Frame {
  array: boolean;
  /** Key path from the root, e.g. `.data.result`; array elements add `[]`. */
  path: string;
}

export class SeriesSplitter {
  /** Series seen so far. */
  count = 0;
  readonly #targets: ReadonlySet<string>;
  readonly #onSeries: (series: unknown) => void;
  /** Open arrays and objects outside any series. */
  readonly #stack: Frame[] = [];
  #inString = false;
  #escaped = false;
  #expectKey = false;
  #key = '';
  #keyBytes: number[] | undefined;
  /** Nesting depth inside the series being read; 0 outside one. */
  #depth = 0;
  /** The series being read, in pieces of chunks. */
  #series: Buffer[] = [];
  /** The document without its series. */
  readonly #rest: Buffer[] = [];
  /** A series was just split off: the comma after it goes too, so the rest stays valid JSON. */
  #afterSeries = false;
  /** The series list is complete: everything after it is kept as it is. */
  #done = false;

  /** `onSeries` gets each series parsed; what it throws, push throws. */
  constructor(onSeries: (series: unknown) => void, targets: readonly string[] = SERIES_PATHS) {
    this.#onSeries = onSeries;
    this.#targets = new Set(targets);
  }

  /** Feeds the next chunk; returns the series counted so far. */
  push(chunk: Buffer): number {
    let start = 0;
    for (let i = 0; i < chunk.length && !this.#done; i++) {
      const c = chunk[i];
      if (this.#inString) {
        this.#stringByte(c);
        continue;
      }
      if (this.#depth > 0) {
        if (c === QUOTE) {
          this.#inString = true;
          this.#keyBytes = undefined;
        } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
          this.#depth++;
        } else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --this.#depth === 0) {
          this.#series.push(chunk.subarray(start, i + 1));
          start = i + 1;
          this.#emit();
        }
        continue;
      }
      switch (c) {
        case QUOTE:
          this.#inString = true;
          this.#keyBytes = this.#expectKey ? [] : undefined;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (c === OPEN_OBJECT && this.#inSeriesList()) {
            this.#keep(chunk.subarray(start, i));
            start = i;
            this.#depth = 1;
            this.count++;
          } else {
            this.#open(c === OPEN_ARRAY);
          }
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY: {
          const closed = this.#stack.pop();
          this.#done = !!closed?.array && this.#targets.has(closed.path);
          this.#expectKey = false;
          break;
        }
        case COMMA:
          if (this.#afterSeries && this.#inSeriesList()) {
            this.#keep(chunk.subarray(start, i));
            start = i + 1;
          }
          this.#expectKey = this.#top()?.array === false;
          break;
        case COLON:
          this.#expectKey = false;
          break;
      }
      if (c !== COMMA && c > 0x20) {
        this.#afterSeries = false;
      }
    }
    if (this.#depth > 0) {
      this.#series.push(chunk.subarray(start));
    } else {
      this.#keep(chunk.subarray(start));
    }
    return this.count;
  }

  /** The document without its series (their arrays empty), once every chunk was pushed. */
  rest(): string {
    return Buffer.concat(this.#rest).toString('utf8');
  }

  #emit(): void {
    const text = Buffer.concat(this.#series).toString('utf8');
    this.#series = [];
    let series: unknown;
    try {
      series = JSON.parse(text);
    } catch {
      throw downstreamError(
        `Prometheus answered with a response this plugin cannot read: series ${this.count} is not JSON (starts with ${JSON.stringify(text.slice(0, 40))}).`,
        502
      );
    }
    this.#onSeries(series);
    this.#afterSeries = true;
  }

  /** Keeps bytes of the document outside the series, copied so the chunk they came in can go. */
  #keep(bytes: Buffer): void {
    if (bytes.length > 0) {
      this.#rest.push(Buffer.from(bytes));
    }
  }

  #inSeriesList(): boolean {
    const top = this.#top();
    return !!top?.array && this.#targets.has(top.path);
  }

  #stringByte(c: number): void {
    if (this.#escaped) {
      this.#escaped = false;
    } else if (c === BACKSLASH) {
      this.#escaped = true;
      return;
    } else if (c === QUOTE) {
      this.#inString = false;
      if (this.#keyBytes) {
        this.#key = String.fromCharCode(...this.#keyBytes);
        this.#keyBytes = undefined;
      }
      return;
    }
    if (this.#keyBytes && this.#keyBytes.length <= MAX_KEY) {
      this.#keyBytes.push(c);
    }
  }

  #open(array: boolean): void {
    const parent = this.#top();
    const path = !parent ? '' : parent.array ? `${parent.path}[]` : `${parent.path}.${this.#key}`;
    this.#stack.push({ array, path });
    this.#expectKey = !array;
  }

  #top(): Frame | undefined {
    return this.#stack[this.#stack.length - 1];
  }
}
