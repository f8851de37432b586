import { isDockerfile } from '../file-kind.js';
import { defineDetector } from '../define.js';

interface UserInstruction {
  line: number;
  user: string;
}

const USER_LINE = /^\s*USER\s+(\S+)/i;

/** Returns the USER instructions of the final build stage, which set the image's runtime user. */
function finalStageUsers(content: string): UserInstruction[] {
  let users: UserInstruction[] = [];
  content.split('\n').forEach((text, index) => {
    if (/^\s*FROM\s/i.test(text)) users = [];
    const user = USER_LINE.exec(text)?.[1];
    if (user !== undefined) users.push({ line: index + 1, user });
  });
  return users;
}

function isRoot(user: string): boolean {
  const name = user.split(':')[0]!;
  return name === 'root' || name === '0';
}

export default defineDetector({
  meta: {
    id: 'permission/dockerfile-root-user',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description: "Report a Dockerfile change that leaves the final stage's container running as root.",
    messages: {
      userRoot:
        '`USER {{user}}` makes the container run as root, so a compromise of the process owns the whole container. Add a non-root `USER` after the steps that need root.',
      userRemoved:
        'Removing `USER {{user}}` makes the container run as root again, so a compromise of the process owns the whole container. Restore the non-root `USER` instruction.',
    },
  },
  keywords: ['user'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null || !isDockerfile(file.path)) continue;
      const newContent = await file.newContent();
      if (newContent === null) continue;
      const users = finalStageUsers(newContent);
      const last = users.at(-1);
      // A later non-root USER in the same stage, as in `USER root` … `USER app`, is fine.
      if (last !== undefined && !isRoot(last.user)) continue;
      const added = new Set(file.added.map((line) => line.line));
      if (last !== undefined && added.has(last.line)) {
        context.report({
          messageId: 'userRoot',
          data: { user: last.user },
          file: file.path,
          line: last.line,
          match: `USER ${last.user}`,
          evidence: `USER ${last.user}`,
        });
        continue;
      }
      if (last !== undefined) continue;
      const oldContent = await file.oldContent();
      const oldLast = oldContent === null ? undefined : finalStageUsers(oldContent).at(-1);
      if (oldLast === undefined || isRoot(oldLast.user)) continue;
      if (!file.removed.some((line) => line.line === oldLast.line)) continue;
      context.report({
        messageId: 'userRemoved',
        data: { user: oldLast.user },
        file: file.path,
        line: oldLast.line,
        match: `-USER ${oldLast.user}`,
        evidence: `USER ${oldLast.user} removed`,
      });
    }
  },
});
