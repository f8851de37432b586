import type { Detector } from '../define.js';
import encodedSecret from './encoded-secret.js';
import hiddenUnicode from './hidden-unicode.js';
import secretInPath from './secret-in-path.js';
import submoduleSource from './submodule-url.js';
import unscannedContent from './unscanned-content.js';

/**
 * Detectors for ways of routing around the other detectors: encoded secrets,
 * characters that make code read differently from how it runs, and submodules
 * repointed to another source. They keep their own categories.
 */
export const evasionDetectors: Detector[] = [encodedSecret, secretInPath, unscannedContent, hiddenUnicode, submoduleSource];
