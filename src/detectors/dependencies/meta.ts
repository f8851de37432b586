import type { DetectorMeta } from '../define.js';
import type { IssueKind } from './types.js';

type DependencyMeta = Omit<DetectorMeta, 'id' | 'category'>;

/**
 * The rule of each dependency finding kind. Message data: `name`, `ecosystem`,
 * `oldSpec`, `newSpec`, `section` and `detail`. Default actions beyond these
 * severities live in rules/dependencies.yml.
 */
export const DEPENDENCY_META: Record<IssueKind, DependencyMeta> = {
  'new-dependency': {
    severity: 'info',
    confidence: 'high',
    description: 'Report a dependency added to a manifest from the package registry.',
    messages: {
      added:
        'New {{ecosystem}} dependency {{name}} {{newSpec}} in {{section}}. Check that it is needed and trusted, or remove it.',
    },
  },
  'lockfile-only': {
    severity: 'warn',
    confidence: 'medium',
    description: 'Report a package added to a lockfile while no manifest in the commit declares a change.',
    messages: {
      added:
        '{{name}} {{newSpec}} ({{ecosystem}}) was added to the lockfile with no matching manifest change, so it installs without being declared. Declare it in the manifest or regenerate the lockfile.',
    },
  },
  'range-loosened': {
    severity: 'warn',
    confidence: 'high',
    description: 'Report a version range that now admits versions the old range excluded.',
    messages: {
      unbounded:
        '{{ecosystem}} dependency {{name}} went from {{oldSpec}} to {{newSpec}}, which has no upper bound, so any future release installs. Restore a bounded range such as {{oldSpec}}.',
      widened:
        '{{ecosystem}} dependency {{name}} went from {{oldSpec}} to {{newSpec}}, which admits versions the old range excluded. Keep {{oldSpec}} unless the wider range is intended.',
    },
  },
  'major-upgrade': {
    severity: 'info',
    confidence: 'high',
    description: 'Report a dependency moved to a new major version.',
    messages: {
      upgraded:
        '{{ecosystem}} dependency {{name}} moved from {{oldSpec}} to the new major version {{newSpec}}, which may break its callers. Check the changelog and tests before merging.',
    },
  },
  'non-registry-source': {
    severity: 'block',
    confidence: 'high',
    description: 'Report a dependency installed from git, a URL, a local path or a GitHub shorthand instead of the registry.',
    messages: {
      source:
        '{{ecosystem}} dependency {{name}} installs from {{detail}} {{newSpec}} instead of the registry, so registry checks and advisories do not cover it. Use a registry version or allow the package in the dependency policy.',
    },
  },
  'go-module-replaced': {
    severity: 'warn',
    confidence: 'high',
    description: 'Report a go.mod replace directive that swaps a module for another source or version.',
    messages: {
      fork: 'Go module {{name}} {{oldSpec}} is replaced by the different module {{detail}} {{newSpec}}, so builds use that fork instead. Remove the replace directive or review the fork.',
      localPath:
        'Go module {{name}} {{oldSpec}} is replaced by the local path {{detail}} (local path replacement), so builds use unreviewed files outside the module cache. Remove the replace directive before merging.',
      samePath:
        'Go module {{name}} {{oldSpec}} is replaced by version {{newSpec}} of the same module; advisories apply to {{newSpec}}.',
    },
  },
  'custom-registry': {
    severity: 'warn',
    confidence: 'high',
    description: 'Report a package registry or index URL that the dependency policy does not list.',
    messages: {
      added:
        '{{detail}} points {{ecosystem}} installs at {{newSpec}}, which the dependency policy does not list, so packages may come from an unvetted index. Remove it or add it to dependencies.registries.',
    },
  },
  'lockfile-source': {
    severity: 'block',
    confidence: 'high',
    description: 'Report a lockfile entry resolved from a host outside the allowed registries or with a changed integrity hash.',
    messages: {
      resolvedHost:
        'Lockfile entry {{name}} {{newSpec}} ({{ecosystem}}) now downloads from {{detail}}, which is not an allowed registry. Regenerate the lockfile from the registry or add the host to dependencies.registries.',
      resolvedHostAndIntegrity:
        'Lockfile entry {{name}} {{newSpec}} ({{ecosystem}}) now downloads from {{detail}}, which is not an allowed registry, and its integrity hash changed while the version did not. Regenerate the lockfile from the registry.',
      integrity:
        'The integrity hash of lockfile entry {{name}} {{newSpec}} ({{ecosystem}}) changed while its version did not, so a different archive would install. Regenerate the lockfile from the registry.',
    },
  },
  'install-script': {
    severity: 'block',
    confidence: 'high',
    description: 'Report an install lifecycle script (preinstall, install, postinstall, prepare) added or changed.',
    messages: {
      added:
        'The {{name}} script now runs `{{newSpec}}` on every install, with the installing user\'s rights. Remove the script or run the step explicitly.',
    },
  },
  typosquat: {
    severity: 'block',
    confidence: 'medium',
    description: 'Report a new dependency whose name resembles a popular package of the same ecosystem.',
    messages: {
      lookAlike:
        'New {{ecosystem}} dependency {{name}} resembles the popular package {{detail}}, a common typosquatting pattern. Use the intended package, or allow {{name}} in the dependency policy if it is correct.',
    },
  },
  'denied-package': {
    severity: 'block',
    confidence: 'high',
    description: 'Report a dependency that the dependency policy denies.',
    messages: {
      denied:
        '{{ecosystem}} dependency {{name}} {{newSpec}} is denied by the dependency policy{{detail}}. Remove it or choose another package.',
    },
  },
  'unpinned-action': {
    severity: 'warn',
    confidence: 'high',
    description: 'Report a GitHub Action referenced by a branch or tag instead of a full commit SHA.',
    messages: {
      unpinned:
        'Action {{name}} is referenced by {{newSpec}}, a branch or tag that its owner can move to other code. Pin it to a full 40-character commit SHA.',
    },
  },
  'unpinned-version': {
    severity: 'warn',
    confidence: 'high',
    description: 'Report a dependency without an exact version when the policy requires pinned versions.',
    messages: {
      unpinned:
        '{{ecosystem}} dependency {{name}} uses {{newSpec}}, not one exact version, and the dependency policy sets requirePinned. Pin an exact version.',
    },
  },
  'too-many-new': {
    severity: 'block',
    confidence: 'high',
    description: 'Report a commit that adds more dependencies than the policy allows.',
    messages: {
      exceeded:
        'This commit adds {{detail}} new dependencies, more than dependencies.maxNewPerCommit allows ({{newSpec}}). Split the change or raise the limit.',
    },
  },
};
