import anthropic from '../../../src/detectors/secrets/anthropic.js';
import gitlab from '../../../src/detectors/secrets/gitlab-token.js';
import npm from '../../../src/detectors/secrets/npm-token.js';
import openai from '../../../src/detectors/secrets/openai.js';
import pypi from '../../../src/detectors/secrets/pypi-token.js';
import sendgrid from '../../../src/detectors/secrets/sendgrid.js';
import slack from '../../../src/detectors/secrets/slack.js';
import stripe from '../../../src/detectors/secrets/stripe.js';
import twilio from '../../../src/detectors/secrets/twilio.js';
import {
  anthropicApiKey,
  gitlabToken,
  npmToken,
  openaiApiKey,
  pypiToken,
  sendgridApiKey,
  slackBotToken,
  slackWebhookUrl,
  stripeLiveKey,
  stripeTestKey,
  twilioAccountSid,
  twilioApiKey,
  twilioAuthToken,
} from '../../helpers/secrets.js';
import { runTable } from './table.js';

runTable(gitlab, {
  flag: [
    { name: 'personal access token in CI variables', files: () => ({ 'ci.env': { new: `GITLAB_TOKEN=${gitlabToken()}\n` } }) },
    {
      name: 'deploy and trigger tokens',
      files: () => ({ 'deploy.sh': { new: `curl -H "DEPLOY: ${gitlabToken('gldt-')}"\nTRIGGER=${gitlabToken('glptt-')}\n` } }),
      expect: [{ line: 1, message: 'deploy token' }, { line: 2, message: 'pipeline trigger token' }],
    },
  ],
  pass: [{ name: 'prefix in docs', files: () => ({ 'README.md': { new: 'Tokens start with `glpat-`.\n' } }) }],
});

runTable(npm, {
  flag: [{ name: 'token in .npmrc', files: () => ({ '.npmrc': { new: `//registry.npmjs.org/:_authToken=${npmToken()}\n` } }) }],
  pass: [{ name: 'token from the environment', files: () => ({ '.npmrc': { new: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' } }) }],
});

runTable(pypi, {
  flag: [{ name: 'token in .pypirc', files: () => ({ 'pypirc.ini': { new: `[pypi]\nusername = __token__\npassword = ${pypiToken()}\n` } }), expect: [{ line: 3 }] }],
  pass: [{ name: 'truncated sample', files: () => ({ 'docs/publish.md': { new: 'Paste a token such as `pypi-AgEIcHlwaS5vcmc...`.\n' } }) }],
});

runTable(slack, {
  flag: [
    { name: 'bot token', files: () => ({ 'bot.py': { new: `client = WebClient(token="${slackBotToken()}")\n` } }), expect: [{ line: 1, message: 'bot token' }] },
    { name: 'incoming webhook', files: () => ({ 'alerts.yml': { new: `webhook: ${slackWebhookUrl()}\n` } }), expect: [{ line: 1, message: 'webhook' }] },
  ],
  pass: [{ name: 'webhook placeholder', files: () => ({ 'alerts.yml': { new: 'webhook: https://hooks.slack.com/services/T000/B000/XXXXXXXX\n' } }) }],
});

runTable(stripe, {
  flag: [
    { name: 'live secret key', files: () => ({ 'pay.rb': { new: `Stripe.api_key = '${stripeLiveKey()}'\n` } }), expect: [{ line: 1, message: 'secret key' }] },
    { name: 'live restricted key', files: () => ({ 'pay.env': { new: `STRIPE_KEY=${stripeLiveKey('rk')}\n` } }), expect: [{ line: 1, message: 'restricted key' }] },
  ],
  pass: [
    { name: 'test-mode key', files: () => ({ 'pay.rb': { new: `Stripe.api_key = '${stripeTestKey()}'\n` } }) },
    { name: 'masked live key', files: () => ({ 'pay.md': { new: 'Use `sk_live_************************` in production.\n' } }) },
  ],
});

runTable(twilio, {
  flag: [
    {
      name: 'API key and auth token beside the account SID',
      files: () => ({
        'sms.js': { new: `const sid = '${twilioAccountSid()}';\nconst apiKey = '${twilioApiKey()}';\nconst authToken = '${twilioAuthToken()}';\n` },
      }),
      expect: [{ line: 2, message: 'API key' }, { line: 3, message: 'auth token' }],
    },
  ],
  pass: [{ name: 'SK-shaped id without Twilio context', files: () => ({ 'ids.js': { new: `const id = '${twilioApiKey()}';\n` } }) }],
});

runTable(sendgrid, {
  flag: [{ name: 'API key', files: () => ({ 'mail.ts': { new: `sgMail.setApiKey('${sendgridApiKey()}');\n` } }) }],
  pass: [{ name: 'key from the environment', files: () => ({ 'mail.ts': { new: 'sgMail.setApiKey(process.env.SENDGRID_API_KEY);\n' } }) }],
});

runTable(openai, {
  flag: [
    { name: 'project key', files: () => ({ 'ai.py': { new: `client = OpenAI(api_key="${openaiApiKey()}")\n` } }) },
    { name: 'legacy user key', files: () => ({ 'ai.env': { new: `OPENAI_API_KEY=${openaiApiKey('legacy')}\n` } }) },
  ],
  pass: [{ name: 'placeholder key', files: () => ({ 'ai.env': { new: 'OPENAI_API_KEY=sk-...\n' } }) }],
});

runTable(anthropic, {
  flag: [{ name: 'API key', files: () => ({ 'agent.ts': { new: `const client = new Anthropic({ apiKey: '${anthropicApiKey()}' });\n` } }) }],
  pass: [{ name: 'placeholder key', files: () => ({ 'agent.env': { new: 'ANTHROPIC_API_KEY=sk-ant-api03-<your-key>\n' } }) }],
});
