import { defineTokenDetector } from './token-detector.js';

// Prefixes GitLab gives its tokens (GitLab 14.5 and later), and what each is.
const KINDS: Record<string, string> = {
  'glpat-': 'personal access token',
  'gloas-': 'OAuth application secret',
  'gldt-': 'deploy token',
  'glrt-': 'runner authentication token',
  'glcbt-': 'CI/CD job token',
  'glptt-': 'pipeline trigger token',
  'glft-': 'feed token',
  'glimt-': 'incoming mail token',
  'glagent-': 'agent token',
  'glsoat-': 'service account token',
  GR1348941: 'runner registration token',
};

export default defineTokenDetector({
  meta: {
    id: 'secret/gitlab-token',
    severity: 'block',
    confidence: 'high',
    description: 'Report GitLab access, deploy, runner, trigger and CI tokens.',
    messages: {
      found: 'GitLab {{kind}} committed. It grants access to the GitLab instance; revoke it there and read it from the environment.',
    },
  },
  keywords: ['glpat-', 'gloas-', 'gldt-', 'glrt-', 'glcbt-', 'glptt-', 'glft-', 'glimt-', 'glagent-', 'glsoat-', 'gr1348941'],
  patterns: [
    {
      regex:
        /(?<![A-Za-z0-9_-])(?<secret>(?<prefix>glpat-|gloas-|gldt-|glrt-|glcbt-|glptt-|glft-|glimt-|glagent-|glsoat-|GR1348941)[A-Za-z0-9_\-.]{20,64})(?![A-Za-z0-9_-])/g,
      anchor: /glpat-|gloas-|gldt-|glrt-|glcbt-|glptt-|glft-|glimt-|glagent-|glsoat-|GR1348941/g,
      messageId: 'found',
      check: (_value, match) => ({ data: { kind: KINDS[match.groups!.prefix!]! } }),
    },
  ],
});
