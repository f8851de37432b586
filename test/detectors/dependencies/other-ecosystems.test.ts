import { describe, expect, it } from 'vitest';
import { parseCargoToml } from '../../../src/detectors/dependencies/parse/cargo.js';
import { parseGemfile } from '../../../src/detectors/dependencies/parse/ruby.js';
import { parsePom } from '../../../src/detectors/dependencies/parse/maven.js';
import { findingsOfFiles, summary } from './scan.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

const CARGO = `[package]
name = "app"
version = "0.1.0"

[dependencies]
serde = { version = "1.0", features = ["derive"] }
regex = "1.10"

[dev-dependencies]
tempfile = "3"
`;

describe('Cargo.toml', () => {
  it('parses tables, renames and sources', () => {
    const parsed = parseCargoToml(`${CARGO}\n[target.'cfg(unix)'.dependencies]\nnix = "0.28"\nmy-log = { package = "log", git = "https://example.test/log.git", rev = "abc" }\n`);
    expect(parsed.dependencies.map((d) => `${d.name} ${d.spec} ${d.source}`)).toEqual([
      'serde 1.0 registry',
      'regex 1.10 registry',
      'tempfile 3 registry',
      'nix 0.28 registry',
      'log https://example.test/log.git#abc git',
    ]);
  });

  it('flags git and path sources', async () => {
    const changed = CARGO.replace('regex = "1.10"', 'regex = "1.10"\nfork = { git = "https://example.test/fork.git", branch = "main" }\nlocal = { path = "../local" }');
    const findings = await findingsOfFiles({ 'Cargo.toml': { old: CARGO, new: changed } });
    expect(summary(findings)).toEqual(['dependency/non-registry-source Cargo.toml:8', 'dependency/non-registry-source Cargo.toml:9']);
  });

  it('judges Cargo version requirements', async () => {
    const star = await findingsOfFiles({ 'Cargo.toml': { old: CARGO, new: CARGO.replace('regex = "1.10"', 'regex = "*"') } });
    expect(summary(star)).toEqual(['dependency/range-loosened Cargo.toml:7']);
    const bump = await findingsOfFiles({ 'Cargo.toml': { old: CARGO, new: CARGO.replace('regex = "1.10"', 'regex = "1.11"') } });
    expect(bump).toEqual([]);
    const major = await findingsOfFiles({ 'Cargo.toml': { old: CARGO, new: CARGO.replace('regex = "1.10"', 'regex = "2.0"') } });
    expect(summary(major)).toEqual(['dependency/major-upgrade Cargo.toml:7']);
  });

  it('passes a table rewritten inline', async () => {
    const rewritten = CARGO.replace('serde = { version = "1.0", features = ["derive"] }', '[dependencies.serde]\nversion = "1.0"\nfeatures = ["derive"]').replace('[dependencies]\n', '[dependencies]\nregex = "1.10"\n').replace('\nregex = "1.10"\n\n', '\n\n');
    expect(await findingsOfFiles({ 'Cargo.toml': { old: CARGO, new: rewritten } })).toEqual([]);
  });
});

const GEMFILE = `source "https://rubygems.org"

gem "rails", "~> 7.1.3"
gem 'puma', '>= 5.0', '< 7'

group :development, :test do
  gem "rspec-rails", "~> 6.1"
end
`;

describe('Gemfile', () => {
  it('parses gems, groups and sources', () => {
    const parsed = parseGemfile(`${GEMFILE}gem "tool", git: "https://example.test/tool.git", branch: "main"\ngem "local", path: "../local"\n`);
    expect(parsed.dependencies.map((d) => `${d.name} [${d.spec}] ${d.source} ${d.section}`)).toEqual([
      'rails [~> 7.1.3] registry gems',
      'puma [>= 5.0, < 7] registry gems',
      'rspec-rails [~> 6.1] registry group development,test',
      'tool [https://example.test/tool.git#main] git gems',
      'local [../local] path gems',
    ]);
    expect(parsed.registries.map((r) => r.url)).toEqual(['https://rubygems.org']);
  });

  it('flags a github gem, a new source and a dropped bound', async () => {
    const changed = GEMFILE.replace("gem 'puma', '>= 5.0', '< 7'", "gem 'puma', '>= 5.0'")
      .replace('source "https://rubygems.org"', 'source "https://rubygems.org"\nsource "https://gems.example"')
      .replace('end\n', 'end\n\ngem "widget", github: "someone/widget"\n');
    const findings = await findingsOfFiles({ Gemfile: { old: GEMFILE, new: changed } });
    expect(summary(findings)).toEqual([
      'dependency/custom-registry Gemfile:2',
      'dependency/range-loosened Gemfile:5',
      'dependency/non-registry-source Gemfile:11',
    ]);
  });

  it('passes a bump within the pessimistic range', async () => {
    expect(await findingsOfFiles({ Gemfile: { old: GEMFILE, new: GEMFILE.replace('~> 7.1.3', '~> 7.1.4') } })).toEqual([]);
  });
});

const POM = `<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>app</artifactId>
  <version>1.0.0</version>
  <properties>
    <guava.version>33.2.1-jre</guava.version>
  </properties>
  <dependencies>
    <dependency>
      <groupId>com.google.guava</groupId>
      <artifactId>guava</artifactId>
      <version>\${guava.version}</version>
    </dependency>
    <!--
    <dependency>
      <groupId>org.evil</groupId>
      <artifactId>evil</artifactId>
    </dependency>
    -->
  </dependencies>
</project>
`;

describe('pom.xml', () => {
  it('parses dependencies with properties and skips comments', () => {
    const parsed = parsePom(POM);
    expect(parsed.dependencies.map((d) => `${d.name} ${d.spec} ${d.line}`)).toEqual(['com.google.guava:guava 33.2.1-jre 12']);
  });

  it('flags a new artifact, an open range and a repository', async () => {
    const changed = POM.replace('<version>${guava.version}</version>', '<version>[33.0,)</version>')
      .replace('    <!--', '    <dependency>\n      <groupId>org.slf4j</groupId>\n      <artifactId>slf4j-api</artifactId>\n      <version>2.0.13</version>\n    </dependency>\n    <!--')
      .replace('</dependencies>', '</dependencies>\n  <repositories>\n    <repository>\n      <id>x</id>\n      <url>https://maven.example/repo</url>\n    </repository>\n  </repositories>');
    const findings = await findingsOfFiles({ 'pom.xml': { old: POM, new: changed } });
    expect(summary(findings)).toEqual([
      'dependency/range-loosened pom.xml:12',
      'dependency/new-dependency pom.xml:17',
      'dependency/custom-registry pom.xml:30',
    ]);
  });

  it('passes a patch version through a property', async () => {
    expect(await findingsOfFiles({ 'pom.xml': { old: POM, new: POM.replace('33.2.1-jre', '33.3.0-jre') } })).toEqual([]);
  });
});

const WORKFLOW = `name: ci
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${SHA} # v4.1.7
      - run: |
          echo "uses: not/an-action@main"
`;

describe('GitHub Actions', () => {
  it('flags an action referenced by a tag or branch', async () => {
    const changed = `${WORKFLOW}      - uses: actions/setup-node@v4\n      - uses: someone/deploy@main\n`;
    const findings = await findingsOfFiles({ '.github/workflows/ci.yml': { old: WORKFLOW, new: changed } });
    expect(summary(findings)).toEqual([
      'dependency/unpinned-action .github/workflows/ci.yml:10',
      'dependency/unpinned-action .github/workflows/ci.yml:11',
    ]);
    expect(findings[0]!.action).toBe('warn');
  });

  it('flags a pin replaced by a tag', async () => {
    const changed = WORKFLOW.replace(`actions/checkout@${SHA} # v4.1.7`, 'actions/checkout@v4');
    const findings = await findingsOfFiles({ '.github/workflows/ci.yml': { old: WORKFLOW, new: changed } });
    expect(summary(findings)).toEqual(['dependency/unpinned-action .github/workflows/ci.yml:7']);
  });

  it('passes pinned actions, local actions and run text', async () => {
    const changed = `${WORKFLOW}      - uses: actions/setup-node@${SHA}\n      - uses: ./.github/actions/build\n`;
    expect(await findingsOfFiles({ '.github/workflows/ci.yml': { old: WORKFLOW, new: changed } })).toEqual([]);
    expect(await findingsOfFiles({ 'docs/ci.md': { old: '', new: 'uses: actions/checkout@v4\n' } })).toEqual([]);
  });
});

describe('registry config files', () => {
  it('flags a registry set in .npmrc', async () => {
    const findings = await findingsOfFiles({ '.npmrc': { old: 'save-exact=true\n', new: 'save-exact=true\nregistry=https://npm.mirror.example/\n' } });
    expect(summary(findings)).toEqual(['dependency/custom-registry .npmrc:2']);
    expect(findings[0]!.message).toContain('https://npm.mirror.example/');
  });

  it('passes the public registry in .npmrc', async () => {
    expect(await findingsOfFiles({ '.npmrc': { old: '', new: 'registry=https://registry.npmjs.org/\n' } })).toEqual([]);
  });

  it('flags npmRegistryServer in .yarnrc.yml', async () => {
    const findings = await findingsOfFiles({ '.yarnrc.yml': { old: 'nodeLinker: node-modules\n', new: 'nodeLinker: node-modules\nnpmRegistryServer: "https://npm.mirror.example"\n' } });
    expect(summary(findings)).toEqual(['dependency/custom-registry .yarnrc.yml:2']);
  });
});
