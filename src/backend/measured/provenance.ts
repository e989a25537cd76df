/** The provenance every measured-energy frame carries (engine/provenance.ts). */
import { estimateProvenance } from '../../engine/provenance';

export const MEASURED = estimateProvenance('measured');
