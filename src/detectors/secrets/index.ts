import type { Detector } from '../define.js';
import anthropic from './anthropic.js';
import aws from './aws.js';
import azureStorage from './azure-storage.js';
import credentialFile from './credential-file.js';
import databaseUrl from './database-url.js';
import dotnetAppSettings from './dotnet-app-settings.js';
import gcpServiceAccount from './gcp-service-account.js';
import genericAssignment from './generic-assignment.js';
import githubToken from './github-token.js';
import gitlabToken from './gitlab-token.js';
import highEntropyValue from './high-entropy-value.js';
import httpAuthorization from './http-authorization.js';
import jwt from './jwt.js';
import kubernetesSecret from './kubernetes-secret.js';
import npmToken from './npm-token.js';
import openai from './openai.js';
import privateKey from './private-key.js';
import pypiToken from './pypi-token.js';
import secretlint from './secretlint.js';
import sendgrid from './sendgrid.js';
import slack from './slack.js';
import stripe from './stripe.js';
import twilio from './twilio.js';
import urlCredentials from './url-credentials.js';

/**
 * Detectors of the `secret` category, in the order they run. When two of them
 * report the same value on the same line, the engine keeps the first (unless a
 * later one is more severe), so vendor-specific rules come before secretlint's
 * preset and the generic rules come last.
 */
export const secretDetectors: Detector[] = [
  aws,
  gcpServiceAccount,
  azureStorage,
  githubToken,
  gitlabToken,
  npmToken,
  pypiToken,
  slack,
  stripe,
  twilio,
  sendgrid,
  openai,
  anthropic,
  privateKey,
  jwt,
  databaseUrl,
  urlCredentials,
  httpAuthorization,
  dotnetAppSettings,
  kubernetesSecret,
  secretlint,
  genericAssignment,
  highEntropyValue,
  credentialFile,
];
