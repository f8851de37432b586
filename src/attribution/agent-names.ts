import { memoizeBounded } from '../util/bounded-memo.js';
import type { KnownAgent } from './known-agents.js';

/** A person or tool named in an identity or trailer value: `Name <email>`, or a bare name. */
export interface NamedParty {
  /** The display name, as written. */
  name: string;
  /** The lower-case e-mail address, or '' when the value has none. */
  email: string;
}

// Names and addresses are chosen by whoever writes the commit, so each is cut to a length no real one reaches.
const MAX_VALUE_CHARS = 256;

// Keys under which a trailer names a co-author or the tool that wrote the change.
const COAUTHOR_KEYS = new Set([
  'co-authored-by',
  'generated-by',
  'assisted-by',
  'authored-by',
  'ai-assisted-by',
  'made-with',
  'created-by',
]);

// Vendor words that may precede an agent's name (`OpenAI Codex`, `GitHub Copilot`).
const VENDOR_WORDS = new Set(['anthropic', 'openai', 'github', 'google', 'cognition']);

// Words that may follow an agent's name without making it a person's name:
// model families and product words (`Claude Opus 4.5`, `Devin AI`, `Copilot coding agent`).
const MODEL_WORDS = new Set(['ai', 'agent', 'cli', 'assistant', 'coding', 'opus', 'sonnet', 'haiku', 'instant']);

/** Splits `Name <email>` into its parts. A value without `<…>` at its end is a bare name. */
export function parseParty(value: string): NamedParty {
  const text = value.slice(0, MAX_VALUE_CHARS).trim();
  const open = text.lastIndexOf('<');
  if (open < 0 || !text.endsWith('>')) return { name: text, email: '' };
  return { name: text.slice(0, open).trim(), email: text.slice(open + 1, -1).trim().toLowerCase() };
}

/**
 * Returns the party named by a co-author trailer line (`Co-authored-by: Name <email>`),
 * or null when the line's key names no co-author or tool.
 */
export function coauthorOf(line: string): NamedParty | null {
  const colon = line.indexOf(':');
  if (colon <= 0) return null;
  if (!COAUTHOR_KEYS.has(line.slice(0, colon).trim().toLowerCase())) return null;
  return parseParty(line.slice(colon + 1));
}

// Attribution compares each party's name with every known agent, and a range repeats the same
// few names over its commits, so each name is reduced once. The cache empties past its limit.
const AGENT_NAME_CACHE_LIMIT = 1024;

/**
 * Reduces a display name to the words that could be an agent's name: lower
 * case, without parenthesised notes, text after a colon, a leading vendor
 * word, or trailing model and version words. `Claude Opus 4.7 (1M context)`
 * becomes `claude` and `OpenAI Codex` becomes `codex`, while `Claude Dupont`
 * stays `claude dupont`.
 */
export const agentNameOf: (name: string) => string = memoizeBounded(agentNameOfUncached, AGENT_NAME_CACHE_LIMIT);

function agentNameOfUncached(name: string): string {
  const words = name
    .slice(0, MAX_VALUE_CHARS)
    .toLowerCase()
    .replace(/\([^()]*\)/g, ' ')
    .split(':')[0]!
    .split(/\s+/)
    .filter((word) => word.length > 0);
  while (words.length > 1 && VENDOR_WORDS.has(words[0]!)) words.shift();
  while (words.length > 1 && isModelWord(words.at(-1)!)) words.pop();
  return words.join(' ');
}

function isModelWord(word: string): boolean {
  return MODEL_WORDS.has(word) || /^v?\d/.test(word);
}

/** Returns the lower-case note in parentheses that ends a name, as in `Dana Developer (aider)`, or ''. */
function closingNoteOf(name: string): string {
  const text = name.slice(0, MAX_VALUE_CHARS).trim();
  if (!text.endsWith(')')) return '';
  const open = text.lastIndexOf('(');
  return open < 0 ? '' : text.slice(open + 1, -1).trim().toLowerCase();
}

function githubLoginOf(email: string): string | null {
  const suffix = '@users.noreply.github.com';
  if (!email.endsWith(suffix)) return null;
  const local = email.slice(0, -suffix.length);
  const plus = local.indexOf('+');
  return plus >= 0 && /^\d+$/.test(local.slice(0, plus)) ? local.slice(plus + 1) : local;
}

/**
 * Decides whether `party` is the agent `known`: by its bot e-mail or GitHub
 * bot account, by its name standing alone, or by the agent's name in
 * parentheses at the end of a person's name (aider marks its commits so).
 */
export function isKnownAgent(party: NamedParty, known: KnownAgent): boolean {
  const { email } = party;
  if (email) {
    if (known.emails?.includes(email)) return true;
    if (known.emailPattern?.test(email)) return true;
    const login = githubLoginOf(email);
    if (login !== null && known.githubLogins?.includes(login)) return true;
  }
  if (known.names.includes(agentNameOf(party.name))) return true;
  const note = closingNoteOf(party.name);
  return note !== '' && known.names.includes(note);
}
