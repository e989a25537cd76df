import { someOf } from './noticeText';

const items = (n: number) => Array.from({ length: n }, (_, i) => `n${i + 1}`);

it('lists up to the limit as they are, and says how many more beyond it', () => {
  expect(someOf(items(2), 3)).toBe('n1, n2');
  expect(someOf(items(3), 3)).toBe('n1, n2, n3');
  expect(someOf(items(4), 3)).toBe('n1, n2, n3 and 1 more');
  expect(someOf(items(12))).toBe('n1, n2, n3, n4, n5, n6, n7, n8, n9, n10 and 2 more');
  expect(someOf(['a', 'b'], 1, '; ')).toBe('a and 1 more');
  expect(someOf([], 3)).toBe('');
});
