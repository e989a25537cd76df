/**
 * jsdom computes every getComputedStyle call from scratch: each CSS rule (Grafana's components inject
 * a few hundred through emotion) is matched against the element, and against its ancestors for
 * inherited properties. Testing Library's role queries (visibility, accessible names), user-event's
 * pointer-events check, react-aria and floating-ui call it thousands of times per test: measured,
 * 40 % of the frontend tests' CPU time, which pushed tests past their timeout on a loaded machine.
 *
 * An answer can only change when the DOM, a style sheet, the focus or a form control's state
 * changes, so answers are reused until one of those happens (a DOM mutation, a rule inserted or
 * deleted, any event dispatched), and never past the current synchronous stretch of code (the next
 * microtask): a cached answer is always the one jsdom would give.
 */
function installComputedStyleCache(window) {
  const compute = window.getComputedStyle.bind(window);
  const document = window.document;
  let cache = new Map();

  const clear = () => {
    if (cache.size > 0) {
      cache = new Map();
    }
  };

  const mutations = new window.MutationObserver(() => {});
  mutations.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });

  window.getComputedStyle = function getComputedStyle(element, pseudoElement) {
    if (mutations.takeRecords().length > 0) {
      clear();
    }
    let byPseudo = cache.get(element);
    if (!byPseudo) {
      if (cache.size === 0) {
        queueMicrotask(clear);
      }
      byPseudo = new Map();
      cache.set(element, byPseudo);
    }
    const key = pseudoElement ?? '';
    let style = byPseudo.get(key);
    if (!style) {
      style = compute(element, pseudoElement);
      byPseudo.set(key, style);
    }
    return style;
  };

  // Events change focus, checkedness and values (state selectors) and run handlers that change the DOM.
  const dispatchEvent = window.EventTarget.prototype.dispatchEvent;
  window.EventTarget.prototype.dispatchEvent = function (event) {
    clear();
    try {
      return dispatchEvent.call(this, event);
    } finally {
      clear();
    }
  };
  // jsdom dispatches focus changes and a click's activation itself, past the method above.
  for (const type of ['focus', 'blur', 'click', 'input', 'change']) {
    document.addEventListener(type, clear, true);
  }
  for (const method of ['insertRule', 'deleteRule']) {
    const original = window.CSSStyleSheet.prototype[method];
    window.CSSStyleSheet.prototype[method] = function (...args) {
      clear();
      return original.apply(this, args);
    };
  }
}

module.exports = { installComputedStyleCache };
