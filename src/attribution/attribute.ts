import type { AgentAttribution, CommitChange } from '../model/types.js';
import type { AgentMatcherSpec } from '../packs/types.js';
import { coauthorOf, isKnownAgent } from './agent-names.js';
import { KNOWN_AGENTS } from './known-agents.js';

export interface AttributionInput {
  commit: Pick<CommitChange, 'author' | 'committer' | 'trailers'> & { message?: string };
  matchers: readonly AgentMatcherSpec[];
  /** Runtime signals captured by a client hook (environment, parent process). */
  runtime?: { agent: string; signal: string } | null;
  /** Set by `settings.agentByDefault`: every commit counts as agent-authored. */
  agentByDefault?: boolean;
}

function identity(who: { name: string; email: string }): string {
  return `${who.name} <${who.email}>`;
}

/**
 * Decides whether a commit is agent-authored and records every matcher that
 * fired. Trailers and identities are both evidence, because either can be
 * forged or stripped alone.
 */
export function attribute(input: AttributionInput): AgentAttribution {
  const { commit } = input;
  const matchedBy: string[] = [];
  let name: string | undefined;
  // Trailer-shaped lines anywhere in the message count too: git only parses the
  // last paragraph, but a co-author line moved above it still names the agent.
  const trailerLines = (commit.message ?? '').split('\n').filter((l) => /^[A-Za-z][A-Za-z-]*:\s/.test(l));
  const trailers = [...new Set([...commit.trailers.map((t) => `${t.key}: ${t.value}`), ...trailerLines])];
  const author = identity(commit.author);
  const committer = identity(commit.committer);
  const coauthors = trailers.map(coauthorOf).filter((party) => party !== null);
  const authorParty = { name: commit.author.name, email: commit.author.email.toLowerCase() };
  const committerParty = { name: commit.committer.name, email: commit.committer.email.toLowerCase() };

  for (const known of KNOWN_AGENTS) {
    if (coauthors.some((party) => isKnownAgent(party, known))) {
      matchedBy.push(`trailer:${known.name}`);
      name ??= known.name;
    }
    if (isKnownAgent(authorParty, known)) {
      matchedBy.push(`author:${known.name}`);
      name ??= known.name;
    }
    if (isKnownAgent(committerParty, known)) {
      matchedBy.push(`committer:${known.name}`);
      name ??= known.name;
    }
  }

  for (const known of KNOWN_AGENTS) {
    if (known.footer && commit.message && known.footer.test(commit.message)) {
      matchedBy.push(`message:${known.name}`);
      name ??= known.name;
    }
  }

  // Config patterns run on names the pusher chooses; a bounded subject bounds their cost.
  const clip = (text: string) => text.slice(0, 512);
  input.matchers.forEach((matcher, index) => {
    const label = `config:agents[${index}]:${matcher.name}`;
    const hit =
      (matcher.trailer !== undefined && trailers.some((t) => safeRegExp(matcher.trailer!).test(clip(t)))) ||
      (matcher.author !== undefined && safeRegExp(matcher.author).test(clip(author))) ||
      (matcher.committer !== undefined && safeRegExp(matcher.committer).test(clip(committer)));
    if (hit) {
      matchedBy.push(label);
      name ??= matcher.name;
    }
  });

  if (input.runtime) {
    matchedBy.push(`runtime:${input.runtime.signal}`);
    name ??= input.runtime.agent;
  }
  if (matchedBy.length === 0 && input.agentByDefault) matchedBy.push('config:settings.agentByDefault');
  return { agent: matchedBy.length > 0, matchedBy, ...(name ? { name } : {}) };
}

const regexCache = new Map<string, RegExp>();

function safeRegExp(source: string): RegExp {
  let re = regexCache.get(source);
  if (!re) {
    re = new RegExp(source, 'i');
    regexCache.set(source, re);
  }
  return re;
}
