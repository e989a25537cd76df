import { createLogger } from './logger';

describe('logger', () => {
  it('writes one JSON line with @level and @message and no @timestamp', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l)).info('hello', { port: 1234 });
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0])).toEqual({ '@level': 'info', '@message': 'hello', port: 1234 });
  });

  it('never writes values of secret-looking fields', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    log.warn('x', { awsSecretAccessKey: 's3cr3t', password: 'p4ss', apiToken: 't0k', region: 'eu-west-1' });
    expect(lines[0]).not.toMatch(/s3cr3t|p4ss|t0k/);
    expect(JSON.parse(lines[0]).region).toBe('eu-west-1');
  });

  it('serialises errors by name and message', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l)).error('boom', { error: new TypeError('bad thing') });
    expect(JSON.parse(lines[0]).error).toEqual({ name: 'TypeError', message: 'bad thing' });
  });

  it('a child logger adds its fields to every line, and a line field wins over them', () => {
    const lines: string[] = [];
    const child = createLogger((l) => lines.push(l)).child({ dsUID: 'abc', component: 'x' });
    child.info('hi', { component: 'y' });
    expect(JSON.parse(lines[0])).toEqual({ '@level': 'info', '@message': 'hi', dsUID: 'abc', component: 'y' });
  });

  it('drops levels below the minimum', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l), 'warn').info('quiet');
    expect(lines).toHaveLength(0);
  });
});
