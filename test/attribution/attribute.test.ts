import { describe, expect, it } from 'vitest';
import { attribute } from '../../src/attribution/attribute.js';

const human = { name: 'Dana Developer', email: 'dana@example.com', date: '2026-01-01T00:00:00Z' };

function commit(options: { author?: typeof human; committer?: typeof human; trailers?: Array<[string, string]> }) {
  return {
    author: options.author ?? human,
    committer: options.committer ?? human,
    trailers: (options.trailers ?? []).map(([key, value]) => ({ key, value })),
  };
}

describe('agent attribution', () => {
  const agentCases: Array<[string, Parameters<typeof commit>[0], string]> = [
    ['claude trailer', { trailers: [['Co-Authored-By', 'Claude <noreply@anthropic.com>']] }, 'trailer:claude-code'],
    ['copilot bot author', { author: { ...human, name: 'Copilot', email: '198982749+Copilot@users.noreply.github.com' } }, 'author:github-copilot'],
    ['aider author suffix', { author: { ...human, name: 'Dana Developer (aider)' } }, 'author:aider'],
    ['cursor agent committer', { committer: { ...human, name: 'Cursor Agent', email: 'cursoragent@cursor.com' } }, 'committer:cursor'],
    ['devin bot author', { author: { ...human, name: 'devin-ai-integration[bot]', email: '158243242+devin-ai-integration[bot]@users.noreply.github.com' } }, 'author:devin'],
    ['generated-by trailer', { trailers: [['Generated-by', 'OpenAI Codex']] }, 'trailer:openai-codex'],
    ['claude bot committer in capitals', { committer: { ...human, name: 'CLAUDE[BOT]', email: 'bot@example.com' } }, 'committer:claude-code'],
    ['codex connector author', { author: { ...human, name: 'chatgpt-codex-connector[bot]', email: 'x@example.com' } }, 'author:openai-codex'],
    ['jules bot author', { author: { ...human, name: 'google-labs-jules[bot]', email: 'x@example.com' } }, 'author:google-jules'],
    ['gemini bot author', { author: { ...human, name: 'gemini-code-assist[bot]', email: 'x@example.com' } }, 'author:gemini'],
    ['amazon q bot author', { author: { ...human, name: 'amazon-q-developer[bot]', email: 'x@example.com' } }, 'author:amazon-q'],
    ['openhands author', { author: { ...human, name: 'OpenHands', email: 'openhands@all-hands.dev' } }, 'author:openhands'],
    ['sweep bot author', { author: { ...human, name: 'sweep-ai[bot]', email: 'x@example.com' } }, 'author:sweep'],
    ['codeium author', { author: { ...human, name: 'Codeium', email: 'x@example.com' } }, 'author:windsurf'],
    ['cline author', { author: { ...human, name: 'Cline', email: 'x@example.com' } }, 'author:cline'],
  ];
  for (const [name, input, matcher] of agentCases) {
    it(`marks ${name} as an agent`, () => {
      const result = attribute({ commit: commit(input), matchers: [] });
      expect(result.agent).toBe(true);
      expect(result.matchedBy).toContain(matcher);
    });
  }

  it('keeps a plain human commit human', () => {
    const result = attribute({ commit: commit({ trailers: [['Signed-off-by', 'Dana <dana@example.com>']] }), matchers: [] });
    expect(result).toEqual({ agent: false, matchedBy: [] });
  });

  it('treats a human author with an agent trailer as an agent', () => {
    const result = attribute({ commit: commit({ trailers: [['Co-authored-by', 'Claude <noreply@anthropic.com>']] }), matchers: [] });
    expect(result.agent).toBe(true);
  });

  it('treats an agent identity without trailers as an agent', () => {
    const result = attribute({ commit: commit({ author: { ...human, name: 'Claude', email: 'noreply@anthropic.com' } }), matchers: [] });
    expect(result.agent).toBe(true);
    expect(result.matchedBy).toEqual(['author:claude-code']);
  });

  it('applies config matchers and names them', () => {
    const result = attribute({
      commit: commit({ author: { ...human, name: 'house-bot', email: 'bot@example.com' } }),
      matchers: [{ name: 'house-bot', author: '^house-bot <bot@example\\.com>$' }],
    });
    expect(result.matchedBy).toEqual(['config:agents[0]:house-bot']);
    expect(result.name).toBe('house-bot');
  });

  it('records runtime signals from a client hook', () => {
    const result = attribute({ commit: commit({}), matchers: [], runtime: { agent: 'claude-code', signal: 'env:CLAUDECODE' } });
    expect(result.agent).toBe(true);
    expect(result.matchedBy).toEqual(['runtime:env:CLAUDECODE']);
  });

  it('marks every commit an agent under agentByDefault', () => {
    const result = attribute({ commit: commit({}), matchers: [], agentByDefault: true });
    expect(result.matchedBy).toEqual(['config:settings.agentByDefault']);
  });

  it('does not mistake words like claude in a human name', () => {
    const result = attribute({ commit: commit({ author: { ...human, name: 'Claudette Smith', email: 'claudette@example.com' } }), matchers: [] });
    expect(result.agent).toBe(false);
  });
});

describe('agent attribution from the message body', () => {
  it('recognises the Claude Code footer', () => {
    const result = attribute({ commit: { ...commit({}), message: 'Fix export\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n' }, matchers: [] });
    expect(result.matchedBy).toContain('message:claude-code');
  });

  it('reads a co-author line above the last paragraph', () => {
    const message = 'Fix export\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\nMore notes after the trailer.\n';
    const result = attribute({ commit: { ...commit({}), message }, matchers: [] });
    expect(result.agent).toBe(true);
  });
});

describe('agent attribution by co-author name', () => {
  // Each value is the text after `Co-authored-by:` unless it names its own key.
  const humanCoauthors: Array<[string, string]> = [
    ['Co-authored-by', 'Claude Dupont <claude.dupont@example.fr>'],
    ['Co-authored-by', 'claude dupont <claude@example.fr>'],
    ['Co-authored-by', 'Claude-Marie Lefèvre <cm@example.fr>'],
    ['Co-authored-by', 'Jean-Claude Van Damme <jcvd@example.com>'],
    ['Co-authored-by', 'Devin Smith <devin@example.com>'],
    ['Co-authored-by', 'Devin Booker <12345+devinb@users.noreply.github.com>'],
    ['Co-authored-by', 'Jules Comte <jules.comte@example.fr>'],
    ['Co-authored-by', 'Jules Verne <jules@example.org>'],
    ['Co-authored-by', 'Cline Martin <cline@example.com>'],
    ['Co-authored-by', 'Aida Ider <aider@example.com>'],
    ['Co-authored-by', 'Gemini Patel <gemini@example.in>'],
    ['Co-authored-by', 'Cursor Smith <cursor@example.com>'],
    ['Co-authored-by', 'Claude Opus Dupont <claude@example.fr>'],
    ['Co-authored-by', 'Dana Developer <dana@anthropic.example>'],
    ['Co-authored-by', 'Claude Dupont (Anthropic alumni) <claude@example.fr>'],
    ['Reviewed-by', 'Claude <noreply@anthropic.com>'],
    ['Signed-off-by', 'Devin AI <devin@example.com>'],
  ];
  for (const [key, value] of humanCoauthors) {
    it(`keeps ${key}: ${value} human`, () => {
      const result = attribute({ commit: commit({ trailers: [[key, value]] }), matchers: [] });
      expect(result.matchedBy).toEqual([]);
      expect(result.agent).toBe(false);
    });
  }

  const agentTrailers: Array<[string, string, string]> = [
    ['Co-authored-by', 'Claude <noreply@anthropic.com>', 'claude-code'],
    ['Co-Authored-By', 'Claude Opus 4.5 <noreply@anthropic.com>', 'claude-code'],
    ['Co-Authored-By', 'Claude Opus 4.7 (1M context) <noreply@anthropic.com>', 'claude-code'],
    ['Co-Authored-By', 'Claude Sonnet 4 <noreply@anthropic.com>', 'claude-code'],
    ['Co-authored-by', 'Claude <claude@example.fr>', 'claude-code'],
    ['Co-authored-by', 'Claude Code <dev@example.com>', 'claude-code'],
    ['Co-authored-by', 'Dana <noreply@anthropic.com>', 'claude-code'],
    ['Co-authored-by', 'claude[bot] <209825114+claude[bot]@users.noreply.github.com>', 'claude-code'],
    ['Assisted-by', 'Claude:claude-3-opus', 'claude-code'],
    ['Co-authored-by', 'Codex <noreply@openai.com>', 'openai-codex'],
    ['Generated-by', 'OpenAI Codex', 'openai-codex'],
    ['Co-authored-by', 'Cursor Agent <cursoragent@cursor.com>', 'cursor'],
    ['Made-with', 'Cursor', 'cursor'],
    ['Co-authored-by', 'Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>', 'devin'],
    ['Co-authored-by', 'Devin AI <devin@example.com>', 'devin'],
    ['Co-authored-by', 'Devin <devin@cognition.ai>', 'devin'],
    ['Co-authored-by', 'aider (gpt-4o) <noreply@aider.chat>', 'aider'],
    ['Co-authored-by', 'aider (anthropic/claude-sonnet-4) <noreply@aider.dev>', 'aider'],
    ['Co-authored-by', 'google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>', 'google-jules'],
    ['Co-authored-by', 'Jules <jules@example.com>', 'google-jules'],
    ['Co-authored-by', 'Cline <cline@example.com>', 'cline'],
    ['Co-authored-by', 'Copilot <198982749+Copilot@users.noreply.github.com>', 'github-copilot'],
    ['Co-authored-by', 'GitHub Copilot <copilot@example.com>', 'github-copilot'],
    ['Co-authored-by', 'copilot-swe-agent[bot] <198982749+copilot-swe-agent[bot]@users.noreply.github.com>', 'github-copilot'],
    ['Co-authored-by', 'Gemini CLI <gemini@example.com>', 'gemini'],
    ['Co-authored-by', 'OpenHands <openhands@all-hands.dev>', 'openhands'],
    ['Co-authored-by', 'Dana Developer (aider) <dana@example.com>', 'aider'],
  ];
  for (const [key, value, agent] of agentTrailers) {
    it(`marks ${key}: ${value} as ${agent}`, () => {
      const result = attribute({ commit: commit({ trailers: [[key, value]] }), matchers: [] });
      expect(result.agent).toBe(true);
      expect(result.matchedBy).toContain(`trailer:${agent}`);
    });
  }

  const humanAuthors: Array<[string, string]> = [
    ['Claude Dupont', 'claude.dupont@example.fr'],
    ['Devin Smith', 'devin@example.com'],
    ['Jules Comte', 'jules@example.fr'],
    ['Cline Martin', 'cline@example.com'],
    ['Codex Reader', 'reader@example.com'],
  ];
  for (const [name, email] of humanAuthors) {
    it(`keeps author ${name} human`, () => {
      const result = attribute({ commit: commit({ author: { ...human, name, email }, committer: { ...human, name, email } }), matchers: [] });
      expect(result.agent).toBe(false);
    });
  }

  it('marks a named human with an agent bot address as the agent', () => {
    const result = attribute({ commit: commit({ author: { ...human, name: 'Claude Dupont', email: 'noreply@anthropic.com' } }), matchers: [] });
    expect(result.matchedBy).toEqual(['author:claude-code']);
  });

  it('reads a co-author line of the message body by the same rule', () => {
    const message = 'Fix export\n\nCo-authored-by: Claude Dupont <claude.dupont@example.fr>\n';
    const result = attribute({ commit: { ...commit({}), message }, matchers: [] });
    expect(result.agent).toBe(false);
  });
});
