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

// @grafana/ui's Combobox sizes its menu with a canvas 2D context's measureText; the scaffold's getContext answers
// nothing. A fixed 8 px per character is enough for layout code that only compares widths.
if (typeof window !== 'undefined') {
  HTMLCanvasElement.prototype.getContext = function getContext() {
    return { font: '', measureText: (text) => ({ width: String(text).length * 8 }) };
  };
}

// The Combobox menu renders only the options that fit its height (@tanstack/react-virtual reads the clientHeight
// of the scroll container inside the listbox), and jsdom lays nothing out, so every height is 0. A listbox and
// what it holds are given room for their options; other elements keep jsdom's 0.
if (typeof window !== 'undefined') {
  const listboxSize = (size) =>
    function () {
      return this.closest('[role="listbox"]') ? size : 0;
    };
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: listboxSize(2000) });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: listboxSize(400) });
}
