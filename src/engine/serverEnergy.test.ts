import teads from './data/teads-aws-instances.json';
import { facilityEnergy, itEnergy, readingOf, serverUplift, upliftSpread, zoneWeight } from './serverEnergy';

describe('whole-server energy from RAPL zones', () => {
  it('reads psys where the node has it, else package + dram, else package', () => {
    expect(readingOf(['package', 'core', 'uncore', 'dram', 'psys'])).toBe('platform');
    expect(readingOf(['package', 'core', 'uncore', 'dram'])).toBe('packageDram');
    expect(readingOf(['package', 'core'])).toBe('packageOnly');
    expect(readingOf(['core', 'uncore'])).toBeUndefined();
  });

  it('never counts overlapping zones: a psys node counts psys only, a package node never core or uncore', () => {
    const psys = serverUplift('platform').central;
    expect(['package', 'dram', 'core', 'uncore', 'psys'].map((z) => zoneWeight('platform', z))).toEqual([
      0,
      0,
      0,
      0,
      psys,
    ]);
    const pd = serverUplift('packageDram').central;
    expect(['package', 'dram', 'core', 'uncore', 'psys'].map((z) => zoneWeight('packageDram', z))).toEqual([
      pd,
      pd,
      0,
      0,
      0,
    ]);
    expect(zoneWeight('packageOnly', 'dram')).toBe(0);
  });

  it('takes the package + DRAM uplift as the median of Teads instance / (pkg + ram) over instances without GPU', () => {
    // Recomputed here from the Teads curves: median of 2,388 points (597 instances × 4 loads).
    const ratios: number[] = [];
    for (const i of Object.values(teads.instances)) {
      if (i.gpu.every((w) => w === 0)) {
        i.instance.forEach((w, k) => i.pkg[k] > 0 && ratios.push(w / (i.pkg[k] + i.ram[k])));
      }
    }
    ratios.sort((a, b) => a - b);
    expect(ratios).toHaveLength(2388);
    expect(serverUplift('packageDram').central).toBeCloseTo(ratios[Math.round(0.5 * 2387)], 3);
    // m5.large at 50 %: 14.1 W / (7.16 + 4.96) W = 1.163, inside the stated range.
    const m5 = 14.1 / (7.16 + 4.96);
    expect(m5).toBeGreaterThanOrEqual(serverUplift('packageDram').low);
    expect(m5).toBeLessThanOrEqual(serverUplift('packageDram').high);
  });

  it('covers memory too when no DRAM zone is read: a larger factor with a wider range', () => {
    const pd = serverUplift('packageDram');
    const p = serverUplift('packageOnly');
    expect(p.central).toBeGreaterThan(pd.central);
    expect(p.high - p.low).toBeGreaterThan(pd.high - pd.low);
    // m5.large, package 27-51 % of the instance (Teads): 1/0.51 = 1.97 and 14.1/7.16 inside the range.
    expect(14.1 / 7.16).toBeGreaterThanOrEqual(p.low);
    expect(4.4 / 1.21).toBeLessThanOrEqual(p.high);
  });

  it('adds power supply loss to psys: 1 / 94 % (80 PLUS Platinum, 230 V redundant, 50 % load)', () => {
    expect(serverUplift('platform')).toEqual({ central: 1.064, low: 1.042, high: 1.136 });
  });

  it('multiplies IT energy by PUE for facility energy', () => {
    // 100 J of package + DRAM → 100 × uplift J at the wall; × PUE 1.135 at the facility.
    const it = itEnergy(100, 'packageDram');
    expect(it).toBeCloseTo(100 * serverUplift('packageDram').central, 9);
    expect(facilityEnergy(it, 1.135)).toBeCloseTo(it * 1.135, 9);
  });

  it("gives the uplift's 90 % range as log half-widths below and above the central value", () => {
    // Package only: central 2.426, 5th-95th percentile 1.523-6.027 (measured-server-uplift.json).
    const s = upliftSpread('packageOnly');
    expect(s.lnLow).toBeCloseTo(Math.log(2.426 / 1.523), 12);
    expect(s.lnHigh).toBeCloseTo(Math.log(6.027 / 2.426), 12);
    // psys: 1.064 (1.042-1.136), far narrower.
    expect(upliftSpread('platform').lnHigh).toBeCloseTo(Math.log(1.136 / 1.064), 12);
  });
});
