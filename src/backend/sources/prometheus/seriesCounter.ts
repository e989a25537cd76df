/**
 * Counts the series of a Prometheus API answer while its bytes arrive, so an answer with more
 * series than the limit is dropped at the first series over it instead of being buffered and
 * parsed whole (a careless `{__name__=~".+"}` can be hundreds of MB). It counts the objects in
 * `data.result` (query, query_range) or in `data` itself (series), wherever they sit in the
 * document: key order is not fixed across Prometheus, Thanos, Mimir and VictoriaMetrics.
 */
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

interface Frame {
  array: boolean;
  /** Key path from the root, e.g. `.data.result`; array elements add `[]`. */
  path: string;
}

export class SeriesCounter {
  count = 0;
  readonly #targets: ReadonlySet<string>;
  readonly #stack: Frame[] = [];
  #inString = false;
  #escaped = false;
  #expectKey = false;
  #key = '';
  #keyBytes: number[] | undefined;
  #done = false;

  /** `targets`: paths of the arrays whose elements are series (`.data.result`, `.data`). */
  constructor(targets: readonly string[]) {
    this.#targets = new Set(targets);
  }

  /** Feeds the next chunk; returns the series counted so far. */
  push(chunk: Uint8Array): number {
    if (this.#done) {
      return this.count;
    }
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.#inString) {
        this.#stringByte(c);
        continue;
      }
      switch (c) {
        case QUOTE:
          this.#inString = true;
          this.#keyBytes = this.#expectKey ? [] : undefined;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          this.#open(c === OPEN_ARRAY);
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY: {
          const closed = this.#stack.pop();
          if (closed && closed.array && this.#targets.has(closed.path)) {
            // The series list is complete; nothing after it can change the count.
            this.#done = true;
            return this.count;
          }
          this.#expectKey = false;
          break;
        }
        case COMMA:
          this.#expectKey = this.#top()?.array === false;
          break;
        case COLON:
          this.#expectKey = false;
          break;
      }
    }
    return this.count;
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
    if (parent?.array && !array && this.#targets.has(parent.path)) {
      this.count++;
    }
    this.#stack.push({ array, path });
    this.#expectKey = !array;
  }

  #top(): Frame | undefined {
    return this.#stack[this.#stack.length - 1];
  }
}
