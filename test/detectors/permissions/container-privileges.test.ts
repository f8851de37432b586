import containerPrivileges from '../../../src/detectors/permissions/container-privileges.js';
import { detectorTable } from './table.js';

const pod = (securityContext: string, extraSpec = ''): string =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: web',
    'spec:',
    extraSpec,
    '  containers:',
    '    - name: app',
    '      image: nginx:1.27',
    '      securityContext:',
    securityContext,
    '',
  ]
    .filter((line) => line !== '')
    .join('\n') + '\n';

detectorTable(containerPrivileges, {
  flag: [
    {
      name: 'privileged container',
      files: {
        'k8s/pod.yaml': {
          old: pod('        runAsNonRoot: true'),
          new: pod('        runAsNonRoot: true\n        privileged: true'),
        },
      },
      expect: [{ line: 11, message: '`privileged: true`' }],
    },
    {
      name: 'escalation and root user',
      files: {
        'k8s/pod.yaml': {
          old: pod('        allowPrivilegeEscalation: false\n        runAsUser: 1000'),
          new: pod('        allowPrivilegeEscalation: true\n        runAsUser: 0'),
        },
      },
      expect: [{ line: 10 }, { line: 11, message: 'run as root' }],
    },
    {
      name: 'host namespaces in the pod spec',
      files: {
        'k8s/pod.yaml': {
          old: pod('        runAsNonRoot: true'),
          new: pod('        runAsNonRoot: true', '  hostNetwork: true\n  hostPID: true'),
        },
      },
      expect: [{ line: 6 }, { line: 7 }],
    },
    {
      name: 'capabilities added',
      files: {
        'k8s/pod.yaml': {
          old: pod('        capabilities:\n          drop: ["ALL"]'),
          new: pod('        capabilities:\n          add: ["NET_ADMIN", "NET_BIND_SERVICE"]'),
        },
      },
      expect: [{ line: 11, message: 'capability NET_ADMIN' }],
    },
    {
      name: 'hostPath volume in the second document',
      files: {
        'deploy/all.yaml': {
          new: [
            'apiVersion: v1',
            'kind: ConfigMap',
            'metadata:',
            '  name: c',
            '---',
            'apiVersion: apps/v1',
            'kind: Deployment',
            'metadata:',
            '  name: agent',
            'spec:',
            '  template:',
            '    spec:',
            '      volumes:',
            '        - name: root',
            '          hostPath:',
            '            path: /',
            '',
          ].join('\n'),
        },
      },
      expect: [{ line: 15, message: 'hostPath volume /' }],
    },
    {
      name: 'compose privileged service',
      files: {
        'docker-compose.yml': {
          old: 'services:\n  app:\n    image: app\n',
          new: 'services:\n  app:\n    image: app\n    privileged: true\n    network_mode: host\n',
        },
      },
      expect: [{ line: 4 }, { line: 5 }],
    },
  ],
  pass: [
    {
      name: 'privileged turned off',
      files: {
        'k8s/pod.yaml': {
          old: pod('        privileged: true'),
          new: pod('        privileged: false'),
        },
      },
    },
    {
      name: 'non-root user',
      files: {
        'k8s/pod.yaml': { new: pod('        runAsUser: 1000\n        runAsNonRoot: true') },
      },
    },
    {
      name: 'unchanged grant next to an edit',
      files: {
        'k8s/pod.yaml': {
          old: pod('        privileged: true'),
          new: pod('        privileged: true').replace('nginx:1.27', 'nginx:1.28'),
        },
      },
    },
    {
      name: 'plain yaml that is not a manifest',
      files: { 'config/app.yaml': { new: 'privileged: true\nhostNetwork: true\n' } },
    },
    { name: 'markdown', files: { 'docs/k8s.md': { new: '```yaml\nprivileged: true\n```\n' } } },
    {
      name: 'comment in a manifest',
      files: {
        'k8s/pod.yaml': {
          old: pod('        runAsNonRoot: true'),
          new: pod('        runAsNonRoot: true\n        # privileged: true'),
        },
      },
    },
    {
      name: 'helm template that does not parse',
      files: {
        'chart/templates/pod.yaml': {
          new: 'apiVersion: v1\nkind: Pod\nspec:\n  {{- if .Values.x }}\n  hostNetwork: true\n',
        },
      },
    },
  ],
});
