import privilegedContainerFlag from '../../../src/detectors/permissions/privileged-container-flag.js';
import { detectorTable } from './table.js';

detectorTable(privilegedContainerFlag, {
  flag: [
    {
      name: 'docker run --privileged',
      files: { 'scripts/e2e.sh': { new: '#!/bin/sh\ndocker run --rm --privileged -v "$PWD:/w" img\n' } },
      expect: [{ line: 2, message: '`--privileged`' }],
    },
    {
      name: 'cap-add SYS_ADMIN as separate word',
      files: { 'run.sh': { new: 'podman run --cap-add SYS_ADMIN img\n' } },
      expect: [{ line: 1, message: '--cap-add=SYS_ADMIN' }],
    },
    { name: 'host pid namespace', files: { 'run.sh': { new: 'docker run --pid=host img\n' } }, expect: [{ line: 1 }] },
    {
      name: 'seccomp unconfined',
      files: { 'run.sh': { new: 'docker run --security-opt seccomp=unconfined img\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'CI container options',
      files: { '.github/workflows/ci.yml': { new: 'jobs:\n  t:\n    container:\n      image: x\n      options: --privileged\n' } },
      expect: [{ line: 5 }],
    },
    {
      name: 'insecure RUN in a Dockerfile',
      files: { Dockerfile: { new: 'FROM alpine\nRUN --security=insecure mount -t tmpfs none /mnt\n' } },
      expect: [{ line: 2 }],
    },
  ],
  pass: [
    { name: 'flag removed', files: { 'run.sh': { old: 'docker run --privileged img\n', new: 'docker run img\n' } } },
    { name: 'narrow capability', files: { 'run.sh': { new: 'docker run --cap-add NET_BIND_SERVICE img\n' } } },
    { name: 'docs', files: { 'docs/run.md': { new: 'docker run --privileged img\n' } } },
    { name: 'echo line', files: { 'run.sh': { new: 'echo "never use docker run --privileged"\n' } } },
    { name: 'string in code', files: { 'src/run.ts': { new: "const hint = 'docker run --privileged';\n" } } },
  ],
});
