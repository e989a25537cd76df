/**
 * Every energy column says which energy it is, the same way in every query type (issue 13, item 2):
 * measured query types with the energyBoundary field say "IT" and "facility"; billing types, whose
 * kWh include PUE, say "facility"; processPower says "measured" (RAPL as read, before the uplift)
 * and promqlEnergy "IT" (the user's expression, PUE added for CO2e only).
 */
import { QUERY_TYPE_DEFINITIONS } from '../../shared/queryTypes';
import { ENERGY_BOUNDARIES } from '../../shared/vocabulary';

const ENERGY_COLUMNS: Record<string, { columns: string[]; says: RegExp[] }> = {
  namespaceEnergy: { columns: ['power', 'energy', 'kWh', 'cpu', 'gpu', 'idle'], says: [/\bIT\b/, /facility/] },
  costVsCarbon: { columns: ['kWh'], says: [/\bIT\b/, /facility/] },
  carbonEfficiency: {
    columns: ['energy', 'idleShare', 'wastedEnergy', 'wastedKWh'],
    says: [/\bIT\b/, /facility/],
  },
  energyPerUnit: { columns: ['joules_per_unit', 'joules', 'kWh'], says: [/\bIT\b/, /facility/] },
  cloudEmissions: { columns: ['energy'], says: [/^Facility kWh/] },
  cloudTrend: { columns: ['energy', 'energy_previous', 'energy_growth'], says: [/facility kWh/] },
  zombieInstances: { columns: ['monthlyKWh', 'windowKWh'], says: [/^Facility kWh/] },
  processPower: {
    columns: ['power', 'joules', 'kWh', 'host_joules', 'processes_joules', 'unattributed_joules', 'watts'],
    says: [/^Measured/, /no PUE/],
  },
  promqlEnergy: { columns: ['power', 'energy', 'joules', 'kWh'], says: [/IT (energy|power)/, /PUE not included/] },
};

describe('energy columns name their boundary', () => {
  test.each(Object.entries(ENERGY_COLUMNS))('%s', (id, { columns, says }) => {
    const definition = QUERY_TYPE_DEFINITIONS[id as keyof typeof QUERY_TYPE_DEFINITIONS];
    for (const name of columns) {
      const column = definition.columns.find((c) => c.name === name);
      expect({ name, description: column?.description }).toEqual({ name, description: expect.any(String) });
      for (const pattern of says) {
        expect({ name, description: column!.description }).toEqual({
          name,
          description: expect.stringMatching(pattern),
        });
      }
    }
  });

  test('the measured query types take energyBoundary it (default), facility or measured', () => {
    expect(ENERGY_BOUNDARIES).toEqual(['it', 'facility', 'measured']);
    for (const id of ['namespaceEnergy', 'costVsCarbon', 'carbonEfficiency', 'energyPerUnit'] as const) {
      const schema = QUERY_TYPE_DEFINITIONS[id].schema;
      const minimal: Record<string, unknown> = {
        namespaceEnergy: { groupBy: 'namespace', metric: 'energy' },
        costVsCarbon: { groupBy: 'namespace' },
        carbonEfficiency: {},
        energyPerUnit: { scope: 'namespace', unitQuery: 'http_requests_total' },
      }[id] as Record<string, unknown>;
      expect(schema.parse({ ...minimal, queryType: id }).energyBoundary).toBe('it');
      expect(schema.parse({ ...minimal, queryType: id, energyBoundary: 'facility' }).energyBoundary).toBe('facility');
      expect(() => schema.parse({ ...minimal, queryType: id, energyBoundary: 'wall' })).toThrow();
    }
  });
});
