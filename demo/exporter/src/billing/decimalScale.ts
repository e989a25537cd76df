/**
 * Plain decimal cells (`0.00000080000`, `-2.5`, `12`) multiplied by a whole percentage exactly,
 * in integer arithmetic: no binary floating-point noise, so sums of the scaled file equal the
 * source's sums times the factor to the last digit. The result keeps at least the cell's own
 * number of decimals (the sample's fixed-width style) and adds only the digits it needs.
 */

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export function isPlainDecimal(cell: string): boolean {
  return PLAIN_DECIMAL.test(cell);
}

/** `cell × percent / 100`; throws on a cell that is not a plain decimal. */
export function scaleDecimal(cell: string, percent: number): string {
  const m = PLAIN_DECIMAL.exec(cell);
  if (!m || !Number.isInteger(percent) || percent < 0) {
    throw new Error(`cannot scale "${cell}" by ${percent} %: not a plain decimal`);
  }
  const [, sign, whole, fraction = ''] = m;
  // value = mantissa / 10^scale; × percent / 100 adds two decimals.
  const mantissa = BigInt(whole + fraction) * BigInt(percent);
  let digits = mantissa.toString().padStart(fraction.length + 3, '0');
  let scale = fraction.length + 2;
  while (scale > fraction.length && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale--;
  }
  const intPart = digits.slice(0, digits.length - scale).replace(/^0+(?=\d)/, '');
  const fracPart = digits.slice(digits.length - scale);
  return `${sign}${intPart}${fracPart ? `.${fracPart}` : ''}`;
}
