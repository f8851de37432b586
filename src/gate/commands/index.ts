import chmodWidening from './chmod-widening.js';
import type { GateDetector } from './define.js';
import forcePush from './force-push.js';
import guardianSettings from './guardian-settings.js';
import hooksPath from './hooks-path.js';
import hooksSkipped from './hooks-skipped.js';
import ownershipChange from './ownership-change.js';
import packageInstall from './package-install.js';
import privilegeEscalation from './privilege-escalation.js';
import protectedFileWrite from './protected-file-write.js';
import remoteScript from './remote-script.js';
import writeOutsideProject from './write-outside-project.js';

/** The gate's detectors of shell commands and write targets, in the order they run. */
export const gateDetectors: GateDetector[] = [
  privilegeEscalation,
  chmodWidening,
  ownershipChange,
  hooksSkipped,
  hooksPath,
  guardianSettings,
  forcePush,
  remoteScript,
  packageInstall,
  protectedFileWrite,
  writeOutsideProject,
];
