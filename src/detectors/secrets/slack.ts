import { defineTokenDetector } from './token-detector.js';

const KINDS: Record<string, string> = {
  b: 'bot token',
  p: 'user token',
  a: 'app token',
  r: 'refresh token',
  s: 'session token',
  e: 'configuration token',
};

export default defineTokenDetector({
  meta: {
    id: 'secret/slack',
    severity: 'block',
    confidence: 'high',
    description: 'Report Slack bot, user, app and configuration tokens and incoming webhook URLs.',
    messages: {
      token: 'Slack {{kind}} committed. It can read and post in the workspace; revoke it in the Slack app settings.',
      webhook:
        'Slack webhook URL committed. Anyone holding it can post to the channel; regenerate it in the Slack app settings and keep it in a secret store.',
    },
  },
  keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe', 'xapp-', 'hooks.slack.com'],
  patterns: [
    {
      regex: /(?<![A-Za-z0-9])(?<secret>xox(?<kind>[bpars])-[0-9]{8,14}-[0-9A-Za-z-]{8,120})/g,
      anchor: /xox/g,
      messageId: 'token',
      check: (_value, match) => ({ data: { kind: KINDS[match.groups!.kind!]! } }),
    },
    {
      regex: /(?<![A-Za-z0-9])(?<secret>xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9]{100,200})/g,
      anchor: /xoxe/g,
      messageId: 'token',
      check: () => ({ data: { kind: KINDS.e! } }),
    },
    {
      regex: /(?<![A-Za-z0-9])(?<secret>xapp-\d-[A-Z0-9]{8,14}-\d{10,16}-[a-f0-9]{32,80})/g,
      anchor: /xapp-/g,
      messageId: 'token',
      check: () => ({ data: { kind: KINDS.a! } }),
    },
    {
      regex:
        /(?<secret>https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Z0-9]{6,14}\/[A-Za-z0-9]{20,40}(?:\/[A-Za-z0-9]{20,40})?)/g,
      anchor: /hooks\.slack\.com/g,
      messageId: 'webhook',
    },
  ],
});
