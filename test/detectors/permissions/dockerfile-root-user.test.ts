import dockerfileRootUser from '../../../src/detectors/permissions/dockerfile-root-user.js';
import { detectorTable } from './table.js';

const base = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\n';

detectorTable(dockerfileRootUser, {
  flag: [
    {
      name: 'non-root user switched to root',
      files: { Dockerfile: { old: `${base}USER node\nCMD ["node", "app.js"]\n`, new: `${base}USER root\nCMD ["node", "app.js"]\n` } },
      expect: [{ line: 4, message: 'run as root' }],
    },
    {
      name: 'USER 0 appended',
      files: { 'Dockerfile.dev': { old: `${base}USER node\n`, new: `${base}USER node\nUSER 0:0\n` } },
      expect: [{ line: 5 }],
    },
    {
      name: 'non-root USER removed',
      files: { Dockerfile: { old: `${base}USER node\nCMD ["node"]\n`, new: `${base}CMD ["node"]\n` } },
      expect: [{ line: 4, message: 'Removing `USER node`' }],
    },
  ],
  pass: [
    {
      name: 'root for install then back',
      files: { Dockerfile: { old: `${base}USER node\n`, new: `${base}USER root\nRUN apt-get update\nUSER node\n` } },
    },
    {
      name: 'root only in a builder stage',
      files: {
        Dockerfile: {
          old: 'FROM golang:1.22 AS build\nRUN go build\nFROM gcr.io/distroless/static\nUSER nonroot\n',
          new: 'FROM golang:1.22 AS build\nUSER root\nRUN go build\nFROM gcr.io/distroless/static\nUSER nonroot\n',
        },
      },
    },
    { name: 'root changed to non-root', files: { Dockerfile: { old: `${base}USER root\n`, new: `${base}USER node\n` } } },
    { name: 'markdown', files: { 'docs/docker.md': { new: 'USER root\n' } } },
    { name: 'commented instruction', files: { Dockerfile: { old: `${base}USER node\n`, new: `${base}USER node\n# USER root\n` } } },
  ],
});
