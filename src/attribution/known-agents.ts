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
    footer: /^(?:\uD83E\uDD16 )?Generated with \[?Claude Code\]?/m,
  },
  {
    name: 'github-copilot',
    trailer: trailerFor('copilot'),
    identity: /copilot(?:-swe-agent)?(?:\[bot\])?.*<[^>]*copilot[^>]*@users\.noreply\.github\.com>|^copilot\b/i,
  },
  {
    name: 'openai-codex',
    trailer: trailerFor('\\bcodex\\b|chatgpt'),
    identity: /\bcodex\b.*<|chatgpt-codex-connector\[bot\]/i,
  },
  {
    name: 'cursor',
    trailer: trailerFor('cursor(?:agent)?@cursor\\.com|\\bcursor agent\\b'),
    identity: /<cursoragent@cursor\.com>|cursor\[bot\]/i,
  },
  {
    name: 'devin',
    trailer: trailerFor('devin-ai-integration|\\bdevin\\b'),
    identity: /devin-ai-integration(?:\[bot\])?|<devin@cognition/i,
  },
  { name: 'aider', trailer: trailerFor('\\baider\\b'), identity: /\(aider\)\s*</i },
  {
    name: 'google-jules',
    trailer: trailerFor('google-labs-jules|\\bjules\\b'),
    identity: /google-labs-jules(?:\[bot\])?/i,
  },
  { name: 'gemini', trailer: trailerFor('gemini-code-assist|gemini cli|\\bgemini\\b'), identity: /gemini-code-assist(?:\[bot\])?/i },
  { name: 'amazon-q', trailer: trailerFor('amazon q|amazon-q'), identity: /amazon-q-developer(?:\[bot\])?/i },
  { name: 'openhands', trailer: trailerFor('openhands'), identity: /openhands(?:-agent)?.*<|<openhands@all-hands\.dev>/i },
  { name: 'sweep', trailer: trailerFor('sweep-ai|sweep ai'), identity: /sweep-ai(?:\[bot\])?/i },
  { name: 'windsurf', trailer: trailerFor('windsurf|codeium'), identity: /\b(?:windsurf|codeium)\b.*</i },
  { name: 'cline', trailer: trailerFor('\\bcline\\b'), identity: /\bcline\b.*</i },
];
