/**
 * The greenops data files: values as published (checked against the upstream numbers written out
 * here), every value with a source and a year, and the derived grid band reproducible from data.
 */
import gridData from '../data/grid-intensity.json';
import greenopsJson from '../data/greenops.json';
import teadsJson from '../data/teads-aws-instances.json';
import uncertaintyJson from '../data/uncertainty.json';
import { COEFFICIENTS } from './coefficients';

type Curve = {
  vCpus: number;
  memoryGb: number;
  instance: number[];
  pkg: number[];
  ram: number[];
  gpu: number[];
  delta: number;
};
const curves = teadsJson.instances as Record<string, Curve>;

describe('Teads power curves (ccf-coefficients data/aws-instances.csv, 2021)', () => {
  it('m5.large is 4.4 / 7.0 / 14.1 / 20.0 W, idle 1.21 + 1.20 + 2.0', () => {
    expect(curves['m5.large']).toEqual({
      vCpus: 2,
      memoryGb: 8,
      instance: [4.4, 7.0, 14.1, 20.0],
      pkg: [1.21, 3.05, 7.16, 9.96],
      ram: [1.2, 1.92, 4.96, 8.0],
      gpu: [0, 0, 0, 0],
      delta: 2.0,
    });
  });

  it('p4d.24xlarge is 744.8 / 1687.5 / 3781.8 / 5245 W', () => {
    expect(curves['p4d.24xlarge'].instance).toEqual([744.8, 1687.5, 3781.8, 5245]);
  });

  it('holds the 621 rows of the dataset, each consistent and rising with load', () => {
    expect(Object.keys(curves)).toHaveLength(621);
    for (const [name, c] of Object.entries(curves)) {
      c.instance.forEach((w, i) => {
        expect([name, Math.abs(c.pkg[i] + c.ram[i] + c.gpu[i] + c.delta - w) <= 0.12]).toEqual([name, true]);
        if (i > 0) {
          expect([name, w >= c.instance[i - 1]]).toEqual([name, true]);
        }
      });
    }
  });

  it('names its source, licence and year', () => {
    expect(teadsJson.source).toMatchObject({ year: 2021, licence: expect.stringContaining('Apache-2.0') });
    expect(teadsJson.source.url).toContain('ccf-coefficients');
    expect(teadsJson.loadPercent).toEqual([0, 10, 50, 100]);
  });
});

describe('greenops.json and uncertainty.json', () => {
  it('every greenops coefficient has a source and a year', () => {
    const { description, vCpusPerUnit, ...single } = greenopsJson;
    expect(description).toBeTruthy();
    for (const v of [...Object.values(single), ...Object.values(vCpusPerUnit.values)]) {
      expect(v).toMatchObject({ value: expect.any(Number), source: expect.any(String), year: expect.any(Number) });
    }
  });

  it('every uncertainty band has sources and a year', () => {
    const { description, ...bands } = uncertaintyJson;
    expect(description).toBeTruthy();
    for (const band of Object.values(bands)) {
      expect(band).toMatchObject({ sources: expect.any(Array), year: expect.any(Number) });
      expect((band as { sources: string[] }).sources.length).toBeGreaterThan(0);
    }
  });

  it('Lambda: 1,769 MB per vCPU over 1,024 MB per billed GB', () => {
    expect(COEFFICIENTS.lambdaGbPerVCpu).toBe(1769 / 1024);
  });

  it("the grid band is the median year-on-year change of Google's yearly factors", () => {
    const changes: number[] = [];
    for (const region of gridData.regions.filter((r) => r.provider === 'gcp')) {
      const f = [...region.factors].sort((a, b) => a.year - b.year);
      for (let i = 1; i < f.length; i++) {
        if (f[i].year === f[i - 1].year + 1 && f[i - 1].gCO2ePerKWh > 0) {
          changes.push(Math.abs(f[i].gCO2ePerKWh / f[i - 1].gCO2ePerKWh - 1));
        }
      }
    }
    changes.sort((a, b) => a - b);
    const mid = changes.length / 2;
    const median = changes.length % 2 ? changes[Math.floor(mid)] : (changes[mid - 1] + changes[mid]) / 2;
    expect(changes.length).toBe(152);
    expect(Math.abs(median - uncertaintyJson.gridFactor.relativeBandPerYear)).toBeLessThan(0.0005);
  });

  it('embodied low factor is 4 / 6 years', () => {
    expect(COEFFICIENTS.embodiedLowFactor).toBe(4 / 6);
  });
});
