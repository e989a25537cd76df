/**
 * One module per exporter the plugin reads, each with its metric names, label keys, the label
 * values queries select on, and what discovery tells it (or its generation) apart by. Every
 * backend module takes exporter names from here; exposition/ describes what each exporter prints,
 * for the test fixtures and the demo exporter.
 */
export * as cadvisor from './cadvisor';
export * as dcgm from './dcgm';
export * as kepler010 from './kepler010';
export * as kepler07 from './kepler07';
export * as kubeStateMetrics from './kubeStateMetrics';
export * as nodeExporter from './nodeExporter';
export * as opencost from './opencost';
export * as scaphandre from './scaphandre';
