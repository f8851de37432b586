import { emptyFile, type DependencyFile } from '../types.js';

/** Largest pom.xml read; larger files are skipped rather than scanned. */
const MAX_POM = 4 * 1024 * 1024;

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** Returns the text of the first `<tag>` element directly inside `xml`, trimmed. */
function child(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match ? match[1]!.trim() : null;
}

/** Replaces `${name}` with values from `<properties>` and the project's own version. */
function interpolate(value: string, properties: Map<string, string>): string {
  return value.replace(/\$\{([\w.-]+)\}/g, (whole, key: string) => properties.get(key) ?? whole);
}

/**
 * Reads pom.xml: dependencies (also under dependencyManagement, plugins and
 * profiles), repositories and plugin repositories. Comments are blanked out first
 * so that commented-out dependencies are not read.
 */
export function parsePom(input: string): DependencyFile {
  const file = emptyFile('manifest', 'maven');
  if (input.length > MAX_POM) return file;
  const text = input.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  const properties = new Map<string, string>();
  const propertiesBlock = /<properties>([\s\S]*?)<\/properties>/.exec(text);
  if (propertiesBlock) {
    for (const match of propertiesBlock[1]!.matchAll(/<([\w.-]+)>([^<]*)<\/\1>/g)) properties.set(match[1]!, match[2]!.trim());
  }
  const ownVersion = child(text.replace(/<parent>[\s\S]*?<\/parent>/, ''), 'version');
  if (ownVersion) properties.set('project.version', ownVersion);

  for (const match of text.matchAll(/<(dependency|plugin|extension)>([\s\S]*?)<\/\1>/g)) {
    const body = match[2]!.replace(/<(dependencies|exclusions|executions|configuration)>[\s\S]*?<\/\1>/g, '');
    const groupId = child(body, 'groupId') ?? (match[1] === 'plugin' ? 'org.apache.maven.plugins' : null);
    const artifactId = child(body, 'artifactId');
    if (!groupId || !artifactId) continue;
    const version = interpolate(child(body, 'version') ?? '', properties);
    const scope = child(body, 'scope') ?? (match[1] === 'dependency' ? 'compile' : match[1]!);
    const systemPath = child(body, 'systemPath');
    const name = `${interpolate(groupId, properties)}:${interpolate(artifactId, properties)}`;
    const line = lineAt(text, match.index! + Math.max(0, match[0].indexOf('<artifactId>')));
    if (systemPath) {
      file.dependencies.push({ ecosystem: 'maven', name, spec: systemPath, section: scope, source: 'path', line });
    } else {
      file.dependencies.push({ ecosystem: 'maven', name, spec: version, section: scope, source: 'registry', line });
    }
  }
  for (const match of text.matchAll(/<(repository|pluginRepository|snapshotRepository)>([\s\S]*?)<\/\1>/g)) {
    const url = child(match[2]!, 'url');
    if (!url) continue;
    const line = lineAt(text, match.index! + Math.max(0, match[0].indexOf('<url>')));
    file.registries.push({ ecosystem: 'maven', url: interpolate(url, properties), kind: `<${match[1]}>`, line });
  }
  return file;
}
