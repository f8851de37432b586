import { isDoc, languageOf } from '../file-kind.js';
import { defineDetector } from '../define.js';
import { commandFileKind } from './shell.js';
import {
  RemovedMatches,
  codeLines,
  firstLineOf,
  linesMatching,
  normalizeSpace,
} from './support.js';

// Canned ACLs, grantee groups and public-access-block switches that open storage to everyone.
// Read on the code with strings intact because the values themselves are strings.
const GRANTS = [
  {
    label: 'public canned ACL',
    pattern:
      /\b(?:acl|ACL|AccessControl|x-amz-acl|predefined_acl|predefinedAcl)["']?\s*(?:=|:|=>|\s)\s*["']?(?:public-read(?:-write)?|PublicRead(?:Write)?|publicRead(?:Write)?|authenticated-read|AuthenticatedRead|publicread)\b/,
  },
  { label: 'public canned ACL', pattern: /--acl[=\s]+["']?public-read(?:-write)?\b/ },
  {
    label: 'AllUsers grantee',
    pattern: /acs\.amazonaws\.com\/groups\/global\/(?:AllUsers|AuthenticatedUsers)\b/,
  },
  {
    label: 'allUsers member',
    pattern: /["'\s:,[]allUsers\b|\ballAuthenticatedUsers\b|-u\s+AllUsers:/,
  },
  {
    label: 'public access block turned off',
    pattern:
      /\b(?:block_public_acls|block_public_policy|ignore_public_acls|restrict_public_buckets|BlockPublicAcls|BlockPublicPolicy|IgnorePublicAcls|RestrictPublicBuckets)["']?\s*[=:]\s*["']?false\b/,
  },
];
// Every pattern above contains one of these words, so lines without them are never read as code.
const GRANT_WORDS =
  /public-?read|authenticated-?read|allusers|authenticatedusers|public_?acls|public_?policy|public_?buckets/i;

export default defineDetector({
  meta: {
    id: 'permission/public-access-grant',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description:
      'Report storage ACLs, grantees and public-access-block settings that open buckets or objects to everyone.',
    messages: {
      publicGrant:
        'This line grants public access ({{label}}), so anyone on the internet can read{{write}} the bucket or object. Keep the bucket private and share through signed URLs or a named principal.',
    },
  },
  // Each pattern contains one of these. `authenticatedusers` also covers `allAuthenticatedUsers`
  // and the `.../groups/global/AuthenticatedUsers` grantee URI.
  keywords: [
    'public-read',
    'publicread',
    'authenticated-read',
    'authenticatedread',
    'allusers',
    'authenticatedusers',
    'public_acls',
    'public_policy',
    'public_buckets',
    'publicacls',
    'publicpolicy',
    'publicbuckets',
  ],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null || isDoc(file.path)) continue;
      const firstLine = await firstLineOf(file);
      const infra =
        /\.(?:tf|tfvars|json|ya?ml|hcl|bicep)$/i.test(file.path) ||
        (await commandFileKind(file)) !== null;
      if (!infra && languageOf(file.path, firstLine) === null) continue;
      const removed = new RemovedMatches();
      for (const line of codeLines(file, linesMatching(file.removed, GRANT_WORDS), firstLine)) {
        const grant = GRANTS.find((g) => g.pattern.test(line.code));
        if (grant) removed.add(grant.label);
      }
      for (const line of codeLines(file, linesMatching(file.added, GRANT_WORDS), firstLine)) {
        const grant = GRANTS.find((g) => g.pattern.test(line.code));
        if (!grant || removed.consume(grant.label)) continue;
        context.report({
          messageId: 'publicGrant',
          data: { label: grant.label, write: /write/i.test(line.code) ? ' and write' : '' },
          file: file.path,
          line: line.line,
          match: normalizeSpace(line.code),
          evidence: line.code.trim(),
        });
      }
    }
  },
});
