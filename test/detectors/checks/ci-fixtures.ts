/** A GitHub Actions workflow with an audit step and a unit test step, for CI detector tables. */
export const WORKFLOW = [
  'name: ci',
  'on: [push, pull_request]',
  'jobs:',
  '  test:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - name: Dependency audit',
  '        run: npm audit --audit-level=high',
  '      - name: Unit tests',
  '        run: npm test',
  '      - name: Upload report',
  '        uses: actions/upload-artifact@v4',
  '        with:',
  '          path: report.xml',
  '  lint:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: npx eslint .',
  '',
].join('\n');

/** Replaces one exact piece of a fixture, failing loudly when the piece is absent. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

export const GITLAB = [
  'stages: [test, deploy]',
  'unit:',
  '  stage: test',
  '  script:',
  '    - pytest -q',
  'deploy:',
  '  stage: deploy',
  '  script:',
  '    - ./deploy.sh',
  '',
].join('\n');
