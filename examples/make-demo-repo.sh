#!/usr/bin/env bash
# Builds a small demo repository whose history mixes clean commits with the
# safety violations coding agents introduce on their own: a hardcoded AWS key
# pair, a skipped test, a world-writable chmod and an unvetted dependency.
# The credentials are random strings in the real format, made when the script
# runs; none is a real key.
#
# Usage: examples/make-demo-repo.sh DIR   (DIR must not exist yet)
set -euo pipefail

dir=${1:?usage: make-demo-repo.sh DIR}
if [ -e "$dir" ]; then
  echo "make-demo-repo.sh: $dir already exists; pass a new directory" >&2
  exit 2
fi

random() { LC_ALL=C tr -dc "$1" </dev/urandom | head -c "$2" || true; }

git init -q --initial-branch=main "$dir"
cd "$dir"
git config user.name 'Dana Developer'
git config user.email 'dana@example.com'
agent_trailer='Co-authored-by: Claude <noreply@anthropic.com>'

mkdir -p src test scripts
cat > package.json <<'JSON'
{
  "name": "export-service",
  "version": "1.0.0",
  "scripts": { "test": "vitest run" },
  "dependencies": {
    "express": "^4.21.0"
  }
}
JSON
cat > src/export.js <<'JS'
export function exportRows(rows) {
  return rows.map((row) => JSON.stringify(row)).join('\n');
}
JS
cat > test/export.test.js <<'JS'
import { describe, expect, it } from 'vitest';
import { exportRows } from '../src/export.js';

describe('exportRows', () => {
  it('writes one JSON line per row', () => {
    expect(exportRows([{ a: 1 }, { a: 2 }])).toBe('{"a":1}\n{"a":2}');
  });
});
JS
git add -A && git commit -q -m 'Add the export service'

# 1. A clean agent commit.
cat >> src/export.js <<'JS'

export function exportCount(rows) {
  return rows.length;
}
JS
git commit -q -am 'Add exportCount' -m "$agent_trailer"

# 2. "Make the export faster": the agent pastes credentials it found.
key_id="AKIA$(random 'A-Z2-7' 16)"
secret_key="$(random 'A-Za-z0-9/+' 40)"
cat > src/s3.js <<JS
import { S3Client } from '@aws-sdk/client-s3';

export const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: {
    accessKeyId: '${key_id}',
    secretAccessKey: '${secret_key}',
  },
});
JS
git add src/s3.js && git commit -q -m 'Upload exports to S3 directly' -m "$agent_trailer"

# 3. "Fix the flaky test": the agent skips it.
sed -i "s/^describe('exportRows'/describe.skip('exportRows'/" test/export.test.js
git commit -q -am 'Stabilise the export tests' -m "$agent_trailer"

# 4. A deploy script that loosens permissions to get past an error.
cat > scripts/deploy.sh <<'SH'
#!/bin/sh
set -eu
mkdir -p /srv/exports
chmod 777 /srv/exports
SH
git add scripts/deploy.sh && git commit -q -m 'Add deploy script' -m "$agent_trailer"

# 5. A human adds a dependency.
sed -i 's/"express": "^4.21.0"/"express": "^4.21.0",\n    "left-pad": "^1.3.0"/' package.json
git commit -q -am 'Pad export columns'

echo "demo repository ready: $dir ($(git rev-list --count HEAD) commits)"
