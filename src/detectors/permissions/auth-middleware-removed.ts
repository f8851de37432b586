import { isDoc, languageOf } from '../file-kind.js';
import { defineDetector } from '../define.js';
import type { FileChange } from '../../model/types.js';
import {
  codeLines,
  firstLineOf,
  linesMatching,
  normalizeSpace,
  type CodeLine,
} from './support.js';

// A route registration: a router call whose first argument is a path string,
// such as `router.get('/admin', requireAuth, handler)` or `r.Handle("/x", auth(h))`.
// Django's `path('admin/', login_required(view))` has no receiver.
const ROUTE =
  /(?:\b(\w+)\s*\.\s*(get|post|put|patch|delete|del|all|use|route|options|head|any|Handle|HandleFunc|GET|POST|PUT|PATCH|DELETE|Any|Group|add_url_rule|add_api_route|api_route|register)|(?<![\w.])(path|re_path|url))\s*\(\s*(['"`])([^'"`]*)\4/;
// Names of authentication and authorization middleware, guards and decorators.
const AUTH_NAME =
  /\b(?:\w*(?:auth|Auth|AUTH)\w*|login_required|loginRequired|ensureLoggedIn|ensureAuthenticated|isAuthenticated|requireUser|requireAdmin|isAdmin|jwt\w*|Jwt\w*|verifyToken|checkJwt|protect|protected|permission_required|permission_classes|IsAuthenticated|requires_roles?|roles_required|guard\w*|Guard\w*|session_required)\b/;
const AUTH_DECORATOR =
  /^\s*@(?:\w+\.)*(?:login_required|permission_required|jwt_required|requires_auth|auth_required|authenticated|roles_required|requires_roles?|user_passes_test|staff_member_required|PreAuthorize|Secured|RolesAllowed|UseGuards|Authorize)\b/;
// Every name AUTH_NAME matches contains one of these words, so a removed route line without
// them had no check to lose.
const AUTH_WORDS =
  /auth|login|loggedin|requireuser|admin|jwt|token|protect|permission|role|guard|session_required/i;

interface Route {
  key: string;
  path: string;
  auth: string[];
  line: CodeLine;
}

function routeOf(line: CodeLine): Route | null {
  const match = ROUTE.exec(line.code);
  if (!match) return null;
  const [, receiver, method, bare, , path] = match as unknown as Array<string | undefined>;
  const rest = line.masked.slice(match.index + match[0].length);
  const auth = [...rest.matchAll(new RegExp(AUTH_NAME.source, 'g'))].map((m) => m[0]);
  const call = bare ?? `${receiver}.${method!.toLowerCase()}`;
  return { key: `${call} ${path}`, path: path!, auth, line };
}

/**
 * Tests whether the definition a removed decorator sat on is still there: the
 * first line after it that is not a decorator is unchanged or re-added. A view
 * deleted together with its decorator is not a loosening.
 */
function definitionStays(file: FileChange, oldLine: number): boolean {
  for (const hunk of file.hunks) {
    const start = hunk.lines.findIndex((l) => l.op === '-' && l.oldLine === oldLine);
    if (start === -1) continue;
    for (const next of hunk.lines.slice(start + 1)) {
      if (/^\s*@/.test(next.text) || next.text.trim() === '') continue;
      return next.op !== '-';
    }
    return false;
  }
  return false;
}

export default defineDetector({
  meta: {
    id: 'permission/auth-middleware-removed',
    category: 'permission',
    severity: 'warn',
    confidence: 'medium',
    description:
      'Report a route that lost the authentication or authorization middleware or decorator it had.',
    messages: {
      routeLostAuth:
        'Route `{{route}}` no longer passes through `{{auth}}`, so it now answers requests without that check. Put the middleware back on the route.',
      decoratorRemoved:
        '`{{decorator}}` was removed, so the view below it now answers requests without that check. Restore the decorator or an equivalent guard.',
    },
  },
  keywords: [
    'auth',
    'login',
    'jwt',
    'protect',
    'guard',
    'permission',
    'admin',
    'token',
    'secured',
    'roles',
  ],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null || isDoc(file.path)) continue;
      const firstLine = await firstLineOf(file);
      if (languageOf(file.path, firstLine) === null) continue;
      // Removed lines are read first: only they can show a lost check, so most changes stop here.
      const removedRoutes = codeLines(file, linesMatching(file.removed, AUTH_WORDS), firstLine)
        .map(routeOf)
        .filter((route): route is Route => route !== null && route.auth.length > 0);
      const removedDecorators = codeLines(file, linesMatching(file.removed, /@/), firstLine).filter(
        (line) => AUTH_DECORATOR.test(line.code),
      );
      if (removedRoutes.length === 0 && removedDecorators.length === 0) continue;

      // An added route can only share a removed route's key if its line contains that path.
      const paths = [...new Set(removedRoutes.map((route) => route.path))];
      const routeCandidates = file.added.filter((line) =>
        paths.some((path) => line.text.includes(path)),
      );
      const addedRoutes = new Map<string, Route>();
      for (const line of codeLines(file, routeCandidates, firstLine)) {
        const route = routeOf(line);
        if (route) addedRoutes.set(route.key, route);
      }
      for (const before of removedRoutes) {
        const after = addedRoutes.get(before.key);
        if (!after) continue;
        const lost = before.auth.filter((name) => !after.auth.includes(name));
        if (lost.length === 0 || after.auth.length >= before.auth.length) continue;
        context.report({
          messageId: 'routeLostAuth',
          data: { route: before.key, auth: lost.join(', ') },
          file: file.path,
          line: after.line.line,
          match: `${before.key}:${lost.join(',')}`,
          evidence: after.line.code.trim(),
        });
      }

      if (removedDecorators.length === 0) continue;
      const addedDecorators = codeLines(file, linesMatching(file.added, /@/), firstLine)
        .map((line) => AUTH_DECORATOR.exec(line.code)?.[0].trim())
        .filter(Boolean);
      for (const line of removedDecorators) {
        const decorator = AUTH_DECORATOR.exec(line.code)![0].trim();
        if (!definitionStays(file, line.line)) continue;
        const index = addedDecorators.indexOf(decorator);
        if (index !== -1) {
          addedDecorators.splice(index, 1);
          continue;
        }
        context.report({
          messageId: 'decoratorRemoved',
          data: { decorator },
          file: file.path,
          line: line.line,
          match: `-${normalizeSpace(line.code)}`,
          evidence: `removed: ${line.code.trim()}`,
        });
      }
    }
  },
});
