/**
 * Prometheus's own warnings and infos over one query, as frame notices: each text once, at most
 * MAX_PROMETHEUS_NOTICES of them, then one notice saying how many more were left out. The client
 * already keeps at most 20 of each kind per answer; a query sends many expressions, and a panel
 * with hundreds of notices hides the data it is about.
 */
import type { FrameNotice } from '../frames/frame';

export const MAX_PROMETHEUS_NOTICES = 20;

export interface PrometheusMessages {
  warnings: string[];
  infos: string[];
}

export class PrometheusNotices {
  readonly #seen = new Set<string>();
  readonly #add: (notice: FrameNotice) => void;
  #kept = 0;
  #dropped = 0;
  /** The closing notice, its count updated in place as more are left out. */
  #closing: FrameNotice | undefined;

  /** `add` receives each notice kept, and the closing one once (then changed in place). */
  constructor(add: (notice: FrameNotice) => void) {
    this.#add = add;
  }

  take(messages: PrometheusMessages): void {
    messages.warnings.forEach((text) => this.#take('warning', text));
    messages.infos.forEach((text) => this.#take('info', text));
  }

  #take(severity: FrameNotice['severity'], message: string): void {
    const text = `Prometheus: ${message}`;
    if (this.#seen.has(text)) {
      return;
    }
    this.#seen.add(text);
    if (this.#kept < MAX_PROMETHEUS_NOTICES) {
      this.#kept++;
      this.#add({ severity, text });
      return;
    }
    this.#dropped++;
    if (!this.#closing) {
      this.#closing = { severity: 'warning', text: '' };
      this.#add(this.#closing);
    }
    this.#closing.text = `Prometheus: ${this.#dropped} more warnings and infos were left out (at most ${MAX_PROMETHEUS_NOTICES} are shown per query).`;
  }
}
