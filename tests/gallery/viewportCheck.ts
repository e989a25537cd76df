/**
 * Controls a person cannot reach: every visible input, button, select, textarea and element with a control's
 * role whose box reaches past the viewport's left or right edge (the page scrolls down, never sideways).
 */
import type { Page } from 'playwright-core';

export interface Outside {
  /** Tag, id, aria-label or text: enough to find it. */
  control: string;
  left: number;
  right: number;
  viewportWidth: number;
}

const CONTROLS =
  'input, button, select, textarea, [role="combobox"], [role="button"], [role="switch"], [role="checkbox"]';

export function controlsOutside(page: Page): Promise<Outside[]> {
  return page.evaluate((selector) => {
    const width = document.documentElement.clientWidth;
    const found: Outside[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const box = el.getBoundingClientRect();
      const style = window.getComputedStyle(el);
      const visible = box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
      // Half a pixel for sub-pixel layout.
      if (visible && (box.left < -0.5 || box.right > width + 0.5)) {
        // The first that says something: an empty id or label is no name.
        const name =
          el.getAttribute('aria-label') ||
          el.id ||
          el.getAttribute('placeholder') ||
          el.textContent?.trim().slice(0, 40);
        found.push({
          control: `${el.tagName.toLowerCase()} ${JSON.stringify(name || '')}`,
          left: Math.round(box.left),
          right: Math.round(box.right),
          viewportWidth: width,
        });
      }
    }
    return found;
  }, CONTROLS);
}
