import { allDetectors } from '../detectors/index.js';

/**
 * Gitleaks rule ids and the diff-guardian rules that report the same
 * credential. Ids are those of gitleaks' default config (config/gitleaks.toml,
 * gitleaks v8 series, read at commit 009e025a). Entries naming a gitleaks id
 * missing here acknowledge nothing (see gitleaksRuleTargets).
 */
const GITLEAKS_TO_OURS: Readonly<Record<string, readonly string[]>> = {
  'aws-access-token': ['secret/aws-access-key'],
  'github-pat': ['secret/github-token'],
  'github-fine-grained-pat': ['secret/github-token'],
  'github-oauth': ['secret/github-token'],
  'github-app-token': ['secret/github-token'],
  'github-refresh-token': ['secret/github-token'],
  'gitlab-pat': ['secret/gitlab-token'],
  'gitlab-pat-routable': ['secret/gitlab-token'],
  'gitlab-oauth-app-secret': ['secret/gitlab-token'],
  'gitlab-deploy-token': ['secret/gitlab-token'],
  'gitlab-runner-authentication-token': ['secret/gitlab-token'],
  'gitlab-runner-authentication-token-routable': ['secret/gitlab-token'],
  'gitlab-cicd-job-token': ['secret/gitlab-token'],
  'gitlab-ptt': ['secret/gitlab-token'],
  'gitlab-feed-token': ['secret/gitlab-token'],
  'gitlab-incoming-mail-token': ['secret/gitlab-token'],
  'gitlab-kubernetes-agent-token': ['secret/gitlab-token'],
  'gitlab-scim-token': ['secret/gitlab-token'],
  'gitlab-rrt': ['secret/gitlab-token'],
  'private-key': ['secret/private-key'],
  'slack-app-token': ['secret/slack'],
  'slack-bot-token': ['secret/slack'],
  'slack-config-access-token': ['secret/slack'],
  'slack-config-refresh-token': ['secret/slack'],
  'slack-legacy-bot-token': ['secret/slack'],
  'slack-legacy-token': ['secret/slack'],
  'slack-legacy-workspace-token': ['secret/slack'],
  'slack-user-token': ['secret/slack'],
  'slack-webhook-url': ['secret/slack'],
  'stripe-access-token': ['secret/stripe-live-key'],
  // Gitleaks reports any keyword-named value under this id; diff-guardian
  // reports the same values as named assignments or as random-looking values.
  'generic-api-key': ['secret/generic-assignment', 'secret/high-entropy-value'],
  jwt: ['secret/jwt'],
  'npm-access-token': ['secret/npm-token'],
  'openai-api-key': ['secret/openai-api-key'],
  'anthropic-api-key': ['secret/anthropic-api-key'],
  'anthropic-admin-api-key': ['secret/anthropic-api-key'],
  'pypi-upload-token': ['secret/pypi-token'],
  'sendgrid-api-token': ['secret/sendgrid-api-key'],
  'twilio-api-key': ['secret/twilio'],
  'kubernetes-secret-yaml': ['secret/kubernetes-secret'],
};

let secretRuleIds: Set<string> | undefined;

/** Returns the ids of every secret detector diff-guardian ships, experimental ones included. */
function ourSecretRuleIds(): Set<string> {
  secretRuleIds ??= new Set(
    allDetectors()
      .filter((detector) => detector.meta.category === 'secret')
      .map((detector) => detector.meta.id),
  );
  return secretRuleIds;
}

/**
 * Returns the diff-guardian rule ids a `.gitleaksignore` rule field means:
 * the mapped rules for a gitleaks id, the id itself for one of our secret
 * rules, and null for any other id, which must acknowledge nothing.
 */
export function gitleaksRuleTargets(rule: string): readonly string[] | null {
  if (Object.hasOwn(GITLEAKS_TO_OURS, rule)) return GITLEAKS_TO_OURS[rule]!;
  if (ourSecretRuleIds().has(rule)) return [rule];
  return null;
}
