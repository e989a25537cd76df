/**
 * User input quoted back in messages, cut so that a megabyte-long name cannot make a megabyte-long
 * error, and text cut to a bound with the number of characters left out said.
 */
import { MAX_ECHO_CHARS } from './limits';

/** `text` cut to `max` characters, saying how long it was when cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  // Never split a surrogate pair: half an emoji would be invalid UTF-16.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} characters, cut)`;
}

/** User input as a quoted string for a message: JSON-quoted so control characters show, and cut. */
export function echo(value: unknown, max = MAX_ECHO_CHARS): string {
  if (typeof value === 'string') {
    return JSON.stringify(cut(value, max));
  }
  // Not JSON.stringify: a deeply nested value would overflow the stack, a large one the message.
  if (value === null || typeof value !== 'object') {
    return cut(String(value), max);
  }
  return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
}
