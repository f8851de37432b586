import securityGroupOpen from '../../../src/detectors/permissions/security-group-open.js';
import { detectorTable } from './table.js';

const sg = (cidr: string, port = 22): string =>
  [
    'resource "aws_security_group" "bastion" {',
    '  name = "bastion"',
    '  ingress {',
    `    from_port   = ${port}`,
    `    to_port     = ${port}`,
    '    protocol    = "tcp"',
    `    cidr_blocks = ["${cidr}"]`,
    '  }',
    '  egress {',
    '    from_port   = 0',
    '    to_port     = 0',
    '    protocol    = "-1"',
    '    cidr_blocks = ["0.0.0.0/0"]',
    '  }',
    '}',
    '',
  ].join('\n');

detectorTable(securityGroupOpen, {
  flag: [
    {
      name: 'ssh opened to the internet',
      files: { 'infra/sg.tf': { old: sg('10.0.0.0/8'), new: sg('0.0.0.0/0') } },
      expect: [{ line: 7, message: 'opens 22 (SSH) to 0.0.0.0/0' }],
    },
    {
      name: 'port changed to a database port',
      files: { 'infra/sg.tf': { old: sg('0.0.0.0/0', 443), new: sg('0.0.0.0/0', 5432) } },
      expect: [{ line: 4, message: '5432 (PostgreSQL)' }],
    },
    {
      name: 'standalone ipv6 rule',
      files: {
        'infra/rules.tf': {
          new: [
            'resource "aws_security_group_rule" "rdp" {',
            '  type             = "ingress"',
            '  from_port        = 3389',
            '  to_port          = 3389',
            '  protocol         = "tcp"',
            '  ipv6_cidr_blocks = ["::/0"]',
            '}',
            '',
          ].join('\n'),
        },
      },
      expect: [{ line: 6, message: 'RDP' }],
    },
    {
      name: 'all traffic from anywhere',
      files: {
        'infra/open.tf': {
          new: 'resource "aws_vpc_security_group_ingress_rule" "all" {\n  cidr_ipv4   = "0.0.0.0/0"\n  ip_protocol = "-1"\n}\n',
        },
      },
      expect: [{ line: 2, message: 'all ports' }],
    },
    {
      name: 'gcp firewall',
      files: {
        'infra/fw.tf': {
          new: 'resource "google_compute_firewall" "ssh" {\n  source_ranges = ["0.0.0.0/0"]\n  allow {\n    protocol = "tcp"\n    ports    = ["22", "80"]\n  }\n}\n',
        },
      },
      expect: [{ line: 2 }],
    },
    {
      name: 'cloudformation ingress',
      files: {
        'cfn/sg.yaml': {
          new: [
            'Resources:',
            '  DbSg:',
            '    Type: AWS::EC2::SecurityGroup',
            '    Properties:',
            '      SecurityGroupIngress:',
            '        - IpProtocol: tcp',
            '          FromPort: 3306',
            '          ToPort: 3306',
            '          CidrIp: 0.0.0.0/0',
            '',
          ].join('\n'),
        },
      },
      expect: [{ line: 9, message: 'MySQL' }],
    },
    {
      name: 'azure rule open to any source',
      files: {
        'infra/nsg.tf': {
          new: [
            'resource "azurerm_network_security_rule" "rdp" {',
            '  direction              = "Inbound"',
            '  access                 = "Allow"',
            '  source_address_prefix  = "*"',
            '  destination_port_range = "3389"',
            '}',
            '',
          ].join('\n'),
        },
      },
      expect: [{ line: 4, message: '3389 (RDP) to *' }],
    },
    {
      name: 'cloudformation key spelt with an escape',
      files: {
        'cfn/sg.json': {
          new: '{"Ingress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "Cidr\\x49p": "0.0.0.0/0"}]}\n',
        },
      },
      expect: [{ line: 1, message: '22 (SSH)' }],
    },
    {
      name: 'port range covering ssh',
      files: {
        'infra/sg.tf': {
          new: sg('0.0.0.0/0')
            .replace('from_port   = 22', 'from_port   = 0')
            .replace('to_port     = 22', 'to_port     = 1024'),
        },
      },
      expect: [{ line: 7, message: '22 (SSH)' }],
    },
  ],
  pass: [
    { name: 'https to the internet', files: { 'infra/sg.tf': { new: sg('0.0.0.0/0', 443) } } },
    { name: 'ssh from a private range', files: { 'infra/sg.tf': { new: sg('10.0.0.0/8') } } },
    {
      name: 'ssh narrowed',
      files: { 'infra/sg.tf': { old: sg('0.0.0.0/0'), new: sg('203.0.113.0/24') } },
    },
    { name: 'open egress only', files: { 'infra/sg.tf': { new: sg('10.0.0.0/8', 443) } } },
    {
      name: 'unrelated edit to an open rule',
      files: {
        'infra/sg.tf': {
          old: sg('0.0.0.0/0'),
          new: sg('0.0.0.0/0').replace('"bastion"\n', '"jump"\n'),
        },
      },
    },
    {
      name: 'markdown sample',
      files: {
        'docs/network.md': { new: 'cidr_blocks = ["0.0.0.0/0"] on port 22 is dangerous\n' },
      },
    },
    {
      name: 'comment in terraform',
      files: {
        'infra/sg.tf': {
          old: sg('10.0.0.0/8'),
          new: sg('10.0.0.0/8').replace(
            '  name = "bastion"',
            '  # cidr_blocks = ["0.0.0.0/0"]\n  name = "bastion"',
          ),
        },
      },
    },
  ],
});
