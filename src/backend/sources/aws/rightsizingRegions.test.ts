import { regionCodeOfLocation } from './rightsizingRegions';

describe('regionCodeOfLocation', () => {
  it.each([
    ['US East (N. Virginia)', 'us-east-1'],
    ['US West (Oregon)', 'us-west-2'],
    ['Europe (Ireland)', 'eu-west-1'],
    // Older names rightsizing still prints.
    ['EU (Ireland)', 'eu-west-1'],
    ['EU (Frankfurt)', 'eu-central-1'],
    ['EU (Stockholm)', 'eu-north-1'],
    ['South America (Sao Paulo)', 'sa-east-1'],
    ['South America (São Paulo)', 'sa-east-1'],
    ['AWS GovCloud (US)', 'us-gov-west-1'],
    ['Asia Pacific (Osaka-Local)', 'ap-northeast-3'],
    ['  asia pacific  (tokyo) ', 'ap-northeast-1'],
  ])('maps "%s" to %s', (name, code) => {
    expect(regionCodeOfLocation(name)).toBe(code);
  });

  it.each(['Asia Pacific (Malaysia)', 'EU', '', undefined])('keeps %p unknown', (name) => {
    expect(regionCodeOfLocation(name)).toBe('');
  });
});
