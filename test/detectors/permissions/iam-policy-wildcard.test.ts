import iamPolicyWildcard from '../../../src/detectors/permissions/iam-policy-wildcard.js';
import { detectorTable } from './table.js';

function policy(statements: object[]): string {
  return `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;
}

// The file as a person writes it: the second statement's Resource sits on line 12.
const ciRunnerPolicy = (bucketResource: string): string =>
  [
    '{',
    '  "Version": "2012-10-17",',
    '  "Statement": [',
    '    {',
    '      "Effect": "Allow",',
    '      "NotAction": ["iam:*", "organizations:*"],',
    '      "Resource": "*"',
    '    },',
    '    {',
    '      "Effect": "Allow",',
    '      "Action": ["s3:GetObject", "s3:PutObject"],',
    `      "Resource": "${bucketResource}"`,
    '    }',
    '  ]',
    '}',
    '',
  ].join('\n');

detectorTable(iamPolicyWildcard, {
  flag: [
    {
      name: 'NotAction on every resource and a bucket wildcard',
      files: { 'iam/ci-runner-policy.json': { new: ciRunnerPolicy('arn:aws:s3:::*') } },
      expect: [
        { line: 6, message: 'Allow + NotAction on * is near-administrator', severity: 'block' },
        { line: 12, message: 'resource wildcard covers every bucket', severity: 'warn' },
      ],
    },
    {
      name: 'administrator statement',
      files: {
        'policies/admin.json': { new: policy([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
      },
      expect: [{ line: 6, message: 'administrator access', severity: 'block' }],
    },
    {
      name: 'service-wide action on every resource',
      files: {
        'policies/s3.json': { new: policy([{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }]) },
      },
      expect: [{ line: 6, message: '`s3:*`' }],
    },
    {
      name: 'public bucket policy principal',
      files: {
        'policies/bucket.json': {
          new: policy([
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::site/*',
            },
          ]),
        },
      },
      expect: [{ line: 6, message: 'every principal' }],
    },
    {
      name: 'cloudformation yaml policy',
      files: {
        'cfn/role.yaml': {
          new: [
            'Resources:',
            '  Role:',
            '    Type: AWS::IAM::Role',
            '    Properties:',
            '      Policies:',
            '        - PolicyName: all',
            '          PolicyDocument:',
            '            Statement:',
            '              - Effect: Allow',
            "                Action: '*'",
            "                Resource: '*'",
            '',
          ].join('\n'),
        },
      },
      expect: [{ line: 10, severity: 'block' }],
    },
    {
      name: 'terraform policy document block',
      files: {
        'infra/iam.tf': {
          new: [
            'data "aws_iam_policy_document" "ci" {',
            '  statement {',
            '    not_actions = ["iam:*"]',
            '    resources   = ["*"]',
            '  }',
            '}',
            '',
          ].join('\n'),
        },
      },
      expect: [{ line: 3, message: 'near-administrator', severity: 'block' }],
    },
    {
      name: 'terraform heredoc json policy',
      files: {
        'infra/role.tf': {
          new: [
            'resource "aws_iam_role_policy" "p" {',
            '  role   = aws_iam_role.r.id',
            '  policy = <<EOF',
            '{',
            '  "Statement": [',
            '    { "Effect": "Allow", "Action": "*", "Resource": "*" }',
            '  ]',
            '}',
            'EOF',
            '}',
            '',
          ].join('\n'),
        },
      },
      expect: [{ line: 6, severity: 'block' }],
    },
    {
      name: 'terraform json with an embedded policy string',
      files: {
        'infra/main.tf.json': {
          new: `${JSON.stringify(
            {
              resource: {
                aws_iam_policy: {
                  p: {
                    policy: JSON.stringify({
                      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
                    }),
                  },
                },
              },
            },
            null,
            2,
          )}\n`,
        },
      },
      expect: [{ line: 5, severity: 'block' }],
    },
    {
      name: 'statement key spelt with an escape',
      files: {
        'policies/admin.json': {
          new: policy([{ Effect: 'Allow', Action: '*', Resource: '*' }]).replace(
            '"Statement"',
            '"St\\u0061tement"',
          ),
        },
      },
      expect: [{ line: 6, message: 'administrator access' }],
    },
    {
      name: 'statement key split by an escaped line break',
      files: {
        'policies/admin.yaml': {
          new: '? "State\\\n  ment"\n: - Effect: Allow\n    Action: "*"\n    Resource: "*"\n',
        },
      },
      expect: [{ line: 4, message: 'administrator access' }],
    },
    {
      name: 'scoped resource widened',
      files: {
        'iam/app.json': {
          old: policy([
            {
              Effect: 'Allow',
              Action: ['dynamodb:GetItem'],
              Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders',
            },
          ]),
          new: policy([
            {
              Effect: 'Allow',
              Action: ['dynamodb:GetItem'],
              Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:*',
            },
          ]),
        },
      },
      expect: [{ line: 9, message: 'every resource of the service' }],
    },
  ],
  pass: [
    {
      name: 'bucket-scoped resource',
      files: {
        'iam/ci-runner-policy.json': {
          new: ciRunnerPolicy('arn:aws:s3:::build-cache/*')
            .replace(
              '"NotAction": ["iam:*", "organizations:*"]',
              '"Action": ["ec2:StartInstances"]',
            )
            .replace(
              '"Resource": "*"',
              '"Resource": "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc"',
            ),
        },
      },
    },
    {
      name: 'deny statement with wildcards',
      files: { 'iam/deny.json': { new: policy([{ Effect: 'Deny', Action: '*', Resource: '*' }]) } },
    },
    {
      name: 'wildcard narrowed',
      files: {
        'iam/app.json': {
          old: policy([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
          new: policy([
            { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::logs/*' },
          ]),
        },
      },
    },
    {
      name: 'unrelated edit next to an existing wildcard',
      files: {
        'iam/app.json': {
          old: policy([{ Sid: 'a', Effect: 'Allow', Action: '*', Resource: '*' }]),
          new: policy([{ Sid: 'b', Effect: 'Allow', Action: '*', Resource: '*' }]),
        },
      },
    },
    {
      name: 'principal with a condition',
      files: {
        'iam/b.json': {
          new: policy([
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::x/*',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } },
            },
          ]),
        },
      },
    },
    {
      name: 'markdown sample',
      files: {
        'docs/iam.md': {
          new: '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}\n',
        },
      },
    },
    {
      name: 'json that is not a policy',
      files: { 'package.json': { new: '{ "name": "x", "Action": "*" }\n' } },
    },
  ],
  todo: [
    {
      // NOTE: policies written with jsonencode() in HCL are not read yet.
      name: 'terraform jsonencode policy is missed',
      files: {
        'infra/p.tf': {
          new: 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]\n  })\n}\n',
        },
      },
      expect: [],
    },
  ],
});
