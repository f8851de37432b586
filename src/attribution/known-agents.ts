/**
 * Coding agents recognised without any config. Each pattern is tested against
 * trailers as `Key: value` and against identities as `Name <email>`.
 * Sources: the commit trailers and bot accounts these tools write by default,
 * as seen in public repositories in 2025 and 2026. A team whose agent is
 * missing here adds a matcher under `agents:` in its config.
 */
export interface KnownAgent {
  name: string;
  /** Matches a trailer line whose key names a co-author or generator. */
  trailer?: RegExp;
  /** Matches the author or committer identity. */
  identity?: RegExp;
  /** Lower-case words of which `identity` needs one: an identity with none of them is not tested. */
  identityWords?: readonly string[];
  /** Matches a line the agent writes into the message body by default. */
  footer?: RegExp;
}

const COAUTHOR_KEYS = '(?:co-authored-by|generated-by|assisted-by|authored-by|ai-assisted-by|made-with|created-by)';

function trailerFor(value: string): RegExp {
  return new RegExp(`^${COAUTHOR_KEYS}:\\s*.*(?:${value})`, 'i');
}

export const KNOWN_AGENTS: readonly KnownAgent[] = [
  {
    name: 'claude-code',
    trailer: trailerFor('noreply@anthropic\\.com|\\bclaude\\b'),
    identity: /\bclaude\b.*<|<noreply@anthropic\.com>|claude\[bot\]/i,
    identityWords: ['claude', 'anthropic'],
    footer: /^(?:\uD83E\uDD16 )?Generated with \[?Claude Code\]?/m,
  },
  {
    name: 'github-copilot',
    trailer: trailerFor('copilot'),
    identity: /copilot(?:-swe-agent)?(?:\[bot\])?.*<[^>]*copilot[^>]*@users\.noreply\.github\.com>|^copilot\b/i,
    identityWords: ['copilot'],
  },
  {
    name: 'openai-codex',
    trailer: trailerFor('\\bcodex\\b|chatgpt'),
    identity: /\bcodex\b.*<|chatgpt-codex-connector\[bot\]/i,
    identityWords: ['codex'],
  },
  {
    name: 'cursor',
    trailer: trailerFor('cursor(?:agent)?@cursor\\.com|\\bcursor agent\\b'),
    identity: /<cursoragent@cursor\.com>|cursor\[bot\]/i,
    identityWords: ['cursor'],
  },
  {
    name: 'devin',
    trailer: trailerFor('devin-ai-integration|\\bdevin\\b'),
    identity: /devin-ai-integration(?:\[bot\])?|<devin@cognition/i,
    identityWords: ['devin'],
  },
  { name: 'aider', trailer: trailerFor('\\baider\\b'), identity: /\(aider\)\s*</i, identityWords: ['aider'] },
  {
    name: 'google-jules',
    trailer: trailerFor('google-labs-jules|\\bjules\\b'),
    identity: /google-labs-jules(?:\[bot\])?/i,
    identityWords: ['jules'],
  },
  { name: 'gemini', trailer: trailerFor('gemini-code-assist|gemini cli|\\bgemini\\b'), identity: /gemini-code-assist(?:\[bot\])?/i, identityWords: ['gemini'] },
  { name: 'amazon-q', trailer: trailerFor('amazon q|amazon-q'), identity: /amazon-q-developer(?:\[bot\])?/i, identityWords: ['amazon-q'] },
  { name: 'openhands', trailer: trailerFor('openhands'), identity: /openhands(?:-agent)?.*<|<openhands@all-hands\.dev>/i, identityWords: ['openhands'] },
  { name: 'sweep', trailer: trailerFor('sweep-ai|sweep ai'), identity: /sweep-ai(?:\[bot\])?/i, identityWords: ['sweep-ai'] },
  { name: 'windsurf', trailer: trailerFor('windsurf|codeium'), identity: /\b(?:windsurf|codeium)\b.*</i, identityWords: ['windsurf', 'codeium'] },
  { name: 'cline', trailer: trailerFor('\\bcline\\b'), identity: /\bcline\b.*</i, identityWords: ['cline'] },
];
