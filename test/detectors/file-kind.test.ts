import { describe, expect, it } from 'vitest';
import {
  extensionOf,
  isCiConfig,
  isCommentLine,
  isComposeFile,
  isDoc,
  isDockerfile,
  isDotenv,
  isGithubWorkflow,
  isKubernetesManifest,
  isMarkdown,
  isShellScript,
  isSourceCode,
  isSshdConfig,
  isSudoers,
  isTerraform,
  languageOf,
} from '../../src/detectors/file-kind.js';

describe('file kind', () => {
  it('reads extensions case-insensitively', () => {
    expect(extensionOf('src/App.TSX')).toBe('tsx');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('Makefile')).toBe('');
  });

  it('detects shell scripts by extension and shebang', () => {
    expect(isShellScript('scripts/deploy.sh')).toBe(true);
    expect(isShellScript('bin/deploy', '#!/bin/bash')).toBe(true);
    expect(isShellScript('bin/deploy', '#!/usr/bin/env bash')).toBe(true);
    expect(isShellScript('bin/deploy', '#!/usr/bin/env -S zsh -e')).toBe(true);
    expect(isShellScript('bin/deploy', '#!/usr/bin/env python3')).toBe(false);
    expect(isShellScript('bin/deploy')).toBe(false);
    expect(isShellScript('docs/deploy.md', '#!/bin/sh')).toBe(false);
  });

  it('maps languages from extension or interpreter', () => {
    expect(languageOf('app/main.py')).toBe('python');
    expect(languageOf('cmd/server/main.go')).toBe('go');
    expect(languageOf('bin/tool', '#!/usr/bin/env node')).toBe('javascript');
    expect(languageOf('notes.txt')).toBeNull();
    expect(isSourceCode('src/a.ts', 'typescript')).toBe(true);
    expect(isSourceCode('src/a.ts', 'python')).toBe(false);
    expect(isSourceCode('README.md')).toBe(false);
  });

  it('tells docs apart from code', () => {
    expect(isMarkdown('docs/guide.md')).toBe(true);
    expect(isDoc('docs/guide.rst')).toBe(true);
    expect(isDoc('README')).toBe(true);
    expect(isDoc('CHANGELOG.md')).toBe(true);
    expect(isDoc('src/readme.ts')).toBe(false);
  });

  it('recognises Dockerfiles under their usual names', () => {
    for (const path of ['Dockerfile', 'build/Dockerfile.dev', 'Containerfile', 'api.dockerfile', 'Dockerfile-ci']) {
      expect(isDockerfile(path), path).toBe(true);
    }
    expect(isDockerfile('docs/dockerfiles.md')).toBe(false);
  });

  it('recognises configuration files', () => {
    expect(isGithubWorkflow('.github/workflows/ci.yml')).toBe(true);
    expect(isGithubWorkflow('.github/actions/setup/action.yml')).toBe(false);
    expect(isCiConfig('.gitlab-ci.yml')).toBe(true);
    expect(isCiConfig('.circleci/config.yml')).toBe(true);
    expect(isComposeFile('deploy/docker-compose.prod.yml')).toBe(true);
    expect(isComposeFile('compose.yaml')).toBe(true);
    expect(isTerraform('infra/main.tf')).toBe(true);
    expect(isTerraform('infra/main.tf.json')).toBe(true);
    expect(isSudoers('etc/sudoers')).toBe(true);
    expect(isSudoers('etc/sudoers.d/deploy')).toBe(true);
    expect(isSudoers('docs/sudoers.md')).toBe(false);
    expect(isSshdConfig('etc/ssh/sshd_config')).toBe(true);
    expect(isSshdConfig('etc/ssh/sshd_config.d/10-login.conf')).toBe(true);
    expect(isDotenv('.env.production')).toBe(true);
    expect(isDotenv('src/environment.ts')).toBe(false);
  });

  it('recognises Kubernetes manifests by apiVersion and kind', () => {
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n';
    expect(isKubernetesManifest('deploy/pod.yaml', manifest)).toBe(true);
    expect(isKubernetesManifest('deploy/values.yaml', 'replicas: 2\n')).toBe(false);
    expect(isKubernetesManifest('deploy/pod.json', manifest)).toBe(false);
  });

  it('finds whole-line comments by file type', () => {
    expect(isCommentLine('a.py', '  # verify=False')).toBe(true);
    expect(isCommentLine('a.ts', '  // rejectUnauthorized: false')).toBe(true);
    expect(isCommentLine('a.ts', ' * rejectUnauthorized: false')).toBe(true);
    expect(isCommentLine('a.py', 'x = 1  # note')).toBe(false);
    expect(isCommentLine('Dockerfile', '# USER root')).toBe(true);
    expect(isCommentLine('main.tf', '// acl = "public-read"')).toBe(true);
    expect(isCommentLine('notes.txt', '# heading')).toBe(false);
  });
});
