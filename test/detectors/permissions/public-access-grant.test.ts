import publicAccessGrant from '../../../src/detectors/permissions/public-access-grant.js';
import { detectorTable } from './table.js';

const bucket = (acl: string): string =>
  `resource "aws_s3_bucket_acl" "site" {\n  bucket = aws_s3_bucket.site.id\n  acl    = "${acl}"\n}\n`;

detectorTable(publicAccessGrant, {
  flag: [
    {
      name: 'terraform public-read',
      files: { 'infra/s3.tf': { old: bucket('private'), new: bucket('public-read') } },
      expect: [{ line: 3, message: 'public canned ACL' }],
    },
    {
      name: 'public-read-write says write',
      files: { 'infra/s3.tf': { new: bucket('public-read-write') } },
      expect: [{ line: 3, message: 'read and write' }],
    },
    {
      name: 'cloudformation AccessControl',
      files: {
        'cfn/site.yaml': {
          new: 'Resources:\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n',
        },
      },
      expect: [{ line: 5 }],
    },
    {
      name: 'aws cli in a script',
      files: { 'deploy.sh': { new: 'aws s3 cp dist/ s3://site/ --recursive --acl public-read\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'sdk call in code',
      files: {
        'src/upload.ts': {
          new: "await s3.putObject({ Bucket: b, Key: k, Body: d, ACL: 'public-read' });\n",
        },
      },
      expect: [{ line: 1 }],
    },
    {
      name: 'AllUsers grantee uri',
      files: {
        'acl.json': {
          new: '{ "Grantee": { "URI": "http://acs.amazonaws.com/groups/global/AllUsers" } }\n',
        },
      },
      expect: [{ line: 1, message: 'AllUsers grantee' }],
    },
    {
      name: 'gcs allUsers member',
      files: {
        'infra/gcs.tf': {
          new: 'resource "google_storage_bucket_iam_member" "m" {\n  role   = "roles/storage.objectViewer"\n  member = "allUsers"\n}\n',
        },
      },
      expect: [{ line: 3 }],
    },
    {
      name: 'public access block off',
      files: {
        'infra/s3.tf': {
          old: '  block_public_acls = true\n',
          new: '  block_public_acls = false\n',
        },
      },
      expect: [{ line: 1, message: 'public access block turned off' }],
    },
    {
      name: 'authenticated-read canned ACL',
      files: { 'infra/s3.tf': { new: bucket('authenticated-read') } },
      expect: [{ line: 3, message: 'public canned ACL' }],
    },
    {
      name: 'AuthenticatedUsers grantee uri',
      files: {
        'grants/allusers.json': {
          new: '{ "Grantee": { "URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" } }\n',
        },
      },
      expect: [{ file: 'grants/allusers.json', line: 1, message: 'AllUsers grantee' }],
    },
    {
      name: 'AuthenticatedUsers grantee uri alone in the commit',
      files: {
        'acl.json': {
          new: '{ "Grantee": { "URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" } }\n',
        },
      },
      expect: [{ file: 'acl.json', line: 1, message: 'AllUsers grantee' }],
    },
    {
      name: 'allAuthenticatedUsers member alone in the commit',
      files: { 'infra/iam.tf': { new: '  members = ["allAuthenticatedUsers"]\n' } },
      expect: [{ line: 1, message: 'allUsers member' }],
    },
    {
      name: 'public policy block off',
      files: { 'infra/s3.tf': { new: '  block_public_policy = false\n' } },
      expect: [{ line: 1, message: 'public access block turned off' }],
    },
    {
      name: 'public buckets restriction off',
      files: { 'infra/s3.tf': { new: '  restrict_public_buckets = false\n' } },
      expect: [{ line: 1, message: 'public access block turned off' }],
    },
  ],
  pass: [
    {
      name: 'acl made private',
      files: { 'infra/s3.tf': { old: bucket('public-read'), new: bucket('private') } },
    },
    {
      name: 'public access block on',
      files: { 'infra/s3.tf': { new: '  block_public_acls = true\n' } },
    },
    { name: 'docs', files: { 'docs/s3.md': { new: 'Never set `acl = "public-read"`.\n' } } },
    { name: 'terraform comment', files: { 'infra/s3.tf': { new: '# acl = "public-read"\n' } } },
    {
      name: 'unrelated string in code',
      files: {
        'src/labels.ts': { new: "export const label = 'public-read access is disabled';\n" },
      },
    },
    {
      name: 'edited line keeps the acl',
      files: {
        'infra/s3.tf': {
          old: bucket('public-read'),
          new: bucket('public-read').replace('site.id', 'www.id'),
        },
      },
    },
  ],
});
