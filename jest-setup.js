// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';
import { installComputedStyleCache } from './jest/computedStyleCache';

// jsdom has no IntersectionObserver; the @grafana/ui Select menu (ScrollContainer) needs one.
if (typeof window !== 'undefined' && !window.IntersectionObserver) {
  window.IntersectionObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  };
}

// jsdom's getComputedStyle is the frontend tests' main cost; answers are reused while nothing changes.
if (typeof window !== 'undefined') {
  installComputedStyleCache(window);
}

// An editor or page test renders Grafana's components in jsdom and clicks and types through user-event: 0.5 to
// 2 s of CPU. On a loaded machine (2 cores shared with other runs) that became 5 to 13 s, past jest's default
// 5 s, and a test that timed out went on typing into the next one. The cache above took the largest cost off;
// this is the margin. (Set here, the frontend project's only setup file: testTimeout cannot be set per project.)
jest.setTimeout(20_000);
