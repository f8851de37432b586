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
