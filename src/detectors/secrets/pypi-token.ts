import { defineTokenDetector } from './token-detector.js';

export default defineTokenDetector({
  meta: {
    id: 'secret/pypi-token',
    severity: 'block',
    confidence: 'high',
    description: 'Report PyPI and TestPyPI API tokens.',
    messages: {
      found:
        'PyPI API token committed. It can upload releases of your projects; delete it in the PyPI account settings and use trusted publishing or an environment variable.',
    },
  },
  // Tokens are macaroons whose base64 starts with the encoded location `pypi.org` or `test.pypi.org`.
  keywords: ['pypi-age'],
  patterns: [
    {
      regex: /(?<![A-Za-z0-9_-])(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}|pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,1000})/g,
      anchor: /pypi-AgE/g,
      messageId: 'found',
    },
  ],
});
