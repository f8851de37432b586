/**
 * Coding agents recognised without any config, by the names, bot e-mails and
 * GitHub bot accounts their trailers and identities use. Sources: the
 * defaults these tools write, as seen in public repositories and issue
 * threads in 2025 and 2026 (for example `Claude Opus 4.5 <noreply@anthropic.com>`,
 * `Codex <noreply@openai.com>`, `Cursor Agent <cursoragent@cursor.com>`,
 * `aider (<model>) <noreply@aider.chat>` and `Copilot <198982749+Copilot@users.noreply.github.com>`).
 * A team whose agent is missing here adds a matcher under `agents:` in its config.
 */
export interface KnownAgent {
  name: string;
  /**
   * Lower-case names that mark the agent when they stand alone, after
   * `agentNameOf` drops a vendor in front and model or version words behind.
   * A first name followed by a surname (`Claude Dupont`) is not one of them.
   */
  names: readonly string[];
  /** Lower-case e-mail addresses the agent commits or co-authors with. */
  emails?: readonly string[];
  /** Matches an e-mail address of the agent that varies, such as a domain. */
  emailPattern?: RegExp;
  /** Lower-case GitHub logins whose `users.noreply.github.com` address is the agent's. */
  githubLogins?: readonly string[];
  /** Matches a line the agent writes into the message body by default. */
  footer?: RegExp;
}

export const KNOWN_AGENTS: readonly KnownAgent[] = [
  {
    name: 'claude-code',
    names: ['claude', 'claude code', 'claude-code', 'claude[bot]'],
    emails: ['noreply@anthropic.com'],
    githubLogins: ['claude[bot]'],
    footer: /^(?:\uD83E\uDD16 )?Generated with \[?Claude Code\]?/m,
  },
  {
    name: 'github-copilot',
    names: ['copilot', 'copilot[bot]', 'copilot-swe-agent', 'copilot-swe-agent[bot]'],
    githubLogins: ['copilot', 'copilot[bot]', 'copilot-swe-agent[bot]'],
  },
  {
    name: 'openai-codex',
    names: ['codex', 'chatgpt', 'chatgpt codex', 'chatgpt-codex-connector', 'chatgpt-codex-connector[bot]'],
    emails: ['noreply@openai.com', 'codex@openai.com'],
    githubLogins: ['chatgpt-codex-connector[bot]'],
  },
  {
    name: 'cursor',
    names: ['cursor', 'cursoragent', 'cursor[bot]'],
    emails: ['cursoragent@cursor.com', 'cursor@cursor.com'],
    githubLogins: ['cursor[bot]'],
  },
  {
    name: 'devin',
    names: ['devin', 'devin-ai-integration', 'devin-ai-integration[bot]'],
    emailPattern: /^devin@cognition[a-z0-9.-]*$/,
    githubLogins: ['devin-ai-integration[bot]'],
  },
  { name: 'aider', names: ['aider'], emails: ['noreply@aider.chat', 'noreply@aider.dev'] },
  {
    name: 'google-jules',
    names: ['jules', 'google-labs-jules', 'google-labs-jules[bot]'],
    githubLogins: ['google-labs-jules[bot]'],
  },
  {
    name: 'gemini',
    names: ['gemini', 'gemini code assist', 'gemini-code-assist', 'gemini-code-assist[bot]'],
    githubLogins: ['gemini-code-assist[bot]'],
  },
  {
    name: 'amazon-q',
    names: ['amazon q', 'amazon q developer', 'amazon-q', 'amazon-q-developer', 'amazon-q-developer[bot]'],
    githubLogins: ['amazon-q-developer[bot]'],
  },
  {
    name: 'openhands',
    names: ['openhands', 'openhands-agent'],
    emails: ['openhands@all-hands.dev'],
    githubLogins: ['openhands-agent'],
  },
  { name: 'sweep', names: ['sweep', 'sweep-ai', 'sweep-ai[bot]'], githubLogins: ['sweep-ai[bot]'] },
  { name: 'windsurf', names: ['windsurf', 'codeium'] },
  { name: 'cline', names: ['cline', 'cline[bot]'] },
];
