/** Dashboard variables (`$name`) as picker options, marked so they stand apart from the listed values. */
export function variableOptions(names: string[] = []): Array<{ value: string; label: string; description: string }> {
  return names.map((v) => ({ value: v, label: v, description: 'Variable' }));
}
