import azure from '../../../src/detectors/secrets/azure-storage.js';
import gcp from '../../../src/detectors/secrets/gcp-service-account.js';
import { azureStorageAccountKey, gcpServiceAccountJson, randomBase64 } from '../../helpers/secrets.js';
import { runTable } from './table.js';

runTable(azure, {
  flag: [
    {
      name: 'storage connection string',
      files: () => ({
        'appsettings.json': {
          new: `{\n  "Storage": "DefaultEndpointsProtocol=https;AccountName=prodstore;AccountKey=${azureStorageAccountKey()};EndpointSuffix=core.windows.net"\n}\n`,
        },
      }),
      expect: [{ line: 2, message: 'storage account key' }],
    },
    {
      name: 'Service Bus shared access key',
      files: () => ({ 'bus.env': { new: `SB=Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${randomBase64(43)}=\n` } }),
      expect: [{ line: 1, message: 'shared access key' }],
    },
    {
      name: 'SAS URL with a signature',
      files: () => ({
        'sync.sh': {
          new: `azcopy copy x "https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig=${encodeURIComponent(randomBase64(43) + '=')}"\n`,
        },
      }),
      expect: [{ line: 1, message: 'SAS' }],
    },
  ],
  pass: [
    { name: 'development storage shortcut', files: () => ({ 'local.settings.json': { new: '{ "AzureWebJobsStorage": "UseDevelopmentStorage=true" }\n' } }) },
    { name: 'templated key', files: () => ({ 'a.env': { new: 'CONN=DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${STORAGE_KEY}\n' } }) },
  ],
});

runTable(gcp, {
  flag: [
    {
      name: 'service-account key file',
      files: () => ({ 'deploy/sa.json': { new: gcpServiceAccountJson() } }),
      expect: [{ line: 5, message: 'builder@demo-project' }],
    },
    {
      name: 'service-account key file on one line',
      files: () => ({ 'deploy/sa.json': { new: `${JSON.stringify(JSON.parse(gcpServiceAccountJson()))}\n` } }),
      expect: [{ line: 1, message: 'builder@demo-project' }],
    },
    {
      name: 'service-account key with its PEM markers written as JSON escapes',
      files: () => ({ 'deploy/sa.json': { new: gcpServiceAccountJson().replace(/-----/g, '\\u002d\\u002d\\u002d\\u002d\\u002d') } }),
      expect: [{ line: 5, message: 'builder@demo-project' }],
    },
    {
      name: 'service-account key rotated in place',
      files: () => ({ 'deploy/sa.json': { old: gcpServiceAccountJson(), new: gcpServiceAccountJson() } }),
      expect: [{ line: 5, message: 'builder@demo-project' }],
    },
    {
      name: 'service-account key replaced by an escaped one',
      files: () => ({ 'deploy/sa.json': { old: gcpServiceAccountJson(), new: gcpServiceAccountJson().replace(/-----/g, '\\u002d\\u002d\\u002d\\u002d\\u002d') } }),
      expect: [{ line: 5, message: 'builder@demo-project' }],
    },
  ],
  pass: [
    {
      name: 'service-account file without key material',
      files: () => ({ 'deploy/sa.json': { new: '{\n  "type": "service_account",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"\n}\n' } }),
    },
    {
      name: 'escaped service-account key that the commit does not change',
      files: () => {
        const key = gcpServiceAccountJson().replace(/-----/g, '\\u002d\\u002d\\u002d\\u002d\\u002d');
        return { 'deploy/sa.json': { old: key, new: key.replace('demo-project",', 'demo-project-2",') } };
      },
    },
    { name: 'OAuth client id file', files: () => ({ 'client.json': { new: '{ "type": "authorized_user", "client_id": "123.apps.googleusercontent.com" }\n' } }) },
  ],
});
