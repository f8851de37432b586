import detector from '../../../src/detectors/secrets/dotnet-app-settings.js';
import { secretDetectors } from '../../../src/detectors/secrets/index.js';
import { BASE62, randomFrom, remember } from '../../helpers/secrets.js';
import { runTable } from './table.js';

const secret = (length = 32) => remember(randomFrom(BASE62, length));

runTable(detector, {
  flag: [
    {
      name: 'ApiSecret in web.config',
      files: () => ({
        'src/Web/web.config': {
          new: `<configuration>\n  <appSettings>\n    <add key="ApiSecret" value="${secret()}" />\n  </appSettings>\n</configuration>\n`,
        },
      }),
      expect: [{ line: 3, severity: 'block', message: 'ApiSecret' }],
    },
    {
      name: 'password and token keys in app.config',
      files: () => ({
        'App.config': {
          new: `<appSettings>\n  <add key="Smtp.Password" value="${secret(20)}"/>\n  <add key='GitHubToken' value='${secret(40)}'/>\n</appSettings>\n`,
        },
      }),
      expect: [{ line: 2 }, { line: 3 }],
    },
    {
      name: 'extra attributes between key and value',
      files: () => ({ 'web.Release.config': { new: `<add key="StripeApiKey" xdt:Transform="SetAttributes" value="${secret()}" />\n` } }),
    },
    {
      name: 'value before key',
      files: () => ({ 'web.config': { new: `<appSettings>\n  <add value="${secret()}" key="ApiSecret" />\n</appSettings>\n` } }),
      expect: [{ line: 2, severity: 'block', message: 'ApiSecret' }],
    },
    {
      name: 'value before key across two lines',
      files: () => ({ 'web.config': { new: `<appSettings>\n  <add value="${secret()}"\n       key="ApiSecret" />\n</appSettings>\n` } }),
      expect: [{ line: 2, message: 'ApiSecret' }],
    },
    {
      name: 'key before value across lines',
      files: () => ({ 'App.config': { new: `<add\n  key="Smtp.Password"\n  value="${secret(20)}"\n/>\n` } }),
      expect: [{ line: 3, message: 'Smtp.Password' }],
    },
    {
      name: 'two elements on one line',
      files: () => ({ 'web.config': { new: `<add key="PageSize" value="50"/><add value='${secret()}' key='AuthToken'/>\n` } }),
      expect: [{ line: 1, message: 'AuthToken' }],
    },
  ],
  pass: [
    {
      name: 'attributes of the next element',
      files: () => ({ 'web.config': { new: `<add key="ApiSecret" />\n<add value="${secret()}" key="PageSize" />\n` } }),
    },
    { name: 'value before key, placeholder', files: () => ({ 'web.config': { new: '<add value="#{ApiSecret}"\n     key="ApiSecret" />\n<add value="" key="DbPassword"/>\n' } }) },
    { name: 'non-secret settings', files: () => ({ 'web.config': { new: '<add key="ApiBaseUrl" value="https://api.example.com" />\n<add key="PageSize" value="50" />\n' } }) },
    { name: 'placeholder value', files: () => ({ 'web.config': { new: '<add key="ApiSecret" value="__API_SECRET__" />\n<add key="DbPassword" value="" />\n' } }) },
    { name: 'token replaced at deploy', files: () => ({ 'web.config': { new: '<add key="ApiSecret" value="#{ApiSecret}" />\n<add key="AuthToken" value="$(AuthToken)" />\n' } }) },
    { name: 'name of a secret, not its value', files: () => ({ 'app.config': { new: '<add key="ApiSecretName" value="orders-api-secret" />\n' } }) },
    { name: 'documentation prose', files: () => ({ 'docs/config.md': { new: 'Set the ApiSecret key with an add element in web.config.\n' } }) },
  ],
  todo: [
    {
      name: 'key on an unchanged line after the added value',
      files: () => ({ 'web.config': { old: '<x>\n  key="ApiSecret" />\n</x>\n', new: `<x>\n  <add value="${secret()}"\n  key="ApiSecret" />\n</x>\n` } }),
    },
    {
      name: 'value added under an unchanged <add line',
      files: () => ({ 'web.config': { old: '<add key="ApiSecret"\n     value="" />\n', new: `<add key="ApiSecret"\n     value="${secret()}" />\n` } }),
    },
  ],
});

runTable(secretDetectors, {
  flag: [
    {
      name: 'connection string password in an app setting',
      files: () => ({
        'web.config': { new: `<add key="ConnectionString" value="Server=db;Database=orders;User Id=sa;Password=${secret(24)};" />\n` },
      }),
      expect: [{ line: 1, severity: 'block' }],
    },
  ],
  pass: [
    { name: 'connection string with integrated security', files: () => ({ 'web.config': { new: '<add key="ConnectionString" value="Server=db;Database=orders;Integrated Security=true;" />\n' } }) },
  ],
});
