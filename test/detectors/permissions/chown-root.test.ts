import chownRoot from '../../../src/detectors/permissions/chown-root.js';
import { detectorTable } from './table.js';

detectorTable(chownRoot, {
  flag: [
    {
      name: 'chown root:root in a script',
      files: { 'install.sh': { new: '#!/bin/bash\nchown -R root:root /opt/tool\n' } },
      expect: [{ line: 2, message: 'root ownership' }],
    },
    {
      name: 'numeric uid zero',
      files: { 'install.sh': { new: 'chown 0:0 /opt/tool\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'Dockerfile RUN',
      files: { Dockerfile: { new: 'FROM debian:12\nRUN chown root /usr/bin/helper\n' } },
      expect: [{ line: 2 }],
    },
    {
      name: 'chgrp root',
      files: { 'install.sh': { new: 'chgrp root /opt/tool\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'owner on a continued line',
      files: { 'setup.sh': { new: 'chown -R \\\n  root:root /srv/app\n' } },
      expect: [{ line: 1 }],
    },
  ],
  pass: [
    {
      name: 'added line joined to an unchanged chown',
      files: {
        Dockerfile: {
          old: 'FROM alpine\nRUN chown root /app && \\\n    chown app /data\n',
          new: 'FROM alpine\nRUN chown root /app && \\\n    chown app /srv\n',
        },
      },
    },
    {
      name: 'service account owner',
      files: { 'install.sh': { new: 'chown -R app:app /opt/tool\n' } },
    },
    {
      name: 'ownership handed back',
      files: { 'install.sh': { old: 'chown root /opt\n', new: 'chown app /opt\n' } },
    },
    {
      name: 'documentation',
      files: { 'README.md': { new: 'Run `chown root:root /opt/tool` once.\n' } },
    },
    {
      name: 'user named rootless',
      files: { 'install.sh': { new: 'chown rootless:rootless /srv\n' } },
    },
  ],
});
