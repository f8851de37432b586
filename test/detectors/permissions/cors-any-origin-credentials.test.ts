import corsAnyOriginCredentials from '../../../src/detectors/permissions/cors-any-origin-credentials.js';
import { detectorTable } from './table.js';

detectorTable(corsAnyOriginCredentials, {
  flag: [
    {
      name: 'express cors origin true',
      files: {
        'src/server.ts': {
          old: "app.use(cors({ origin: 'https://app.example.test', credentials: true }));\n",
          new: 'app.use(cors({ origin: true, credentials: true }));\n',
        },
      },
      expect: [{ line: 1, message: 'any origin with credentials' }],
    },
    {
      name: 'headers reflect the request origin',
      files: {
        'src/cors.js': {
          new: "res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\nres.setHeader('Access-Control-Allow-Credentials', 'true');\n",
        },
      },
      expect: [{ line: 1 }],
    },
    {
      name: 'django settings across the file',
      files: {
        'app/settings.py': {
          old: 'CORS_ALLOW_CREDENTIALS = True\nDEBUG = False\nCORS_ALLOWED_ORIGINS = ["https://a.example.test"]\n',
          new: 'CORS_ALLOW_CREDENTIALS = True\nDEBUG = False\nCORS_ALLOW_ALL_ORIGINS = True\n',
        },
      },
      expect: [{ line: 3 }],
    },
    {
      name: 'flask_cors default origins with credentials',
      files: { 'app.py': { new: 'from flask_cors import CORS\nCORS(app, supports_credentials=True)\n' } },
      expect: [{ line: 2 }],
    },
    {
      name: 'fastapi wildcard with credentials added',
      files: {
        'main.py': {
          old: 'app.add_middleware(\n    CORSMiddleware,\n    allow_origins=["*"],\n)\n',
          new: 'app.add_middleware(\n    CORSMiddleware,\n    allow_origins=["*"],\n    allow_credentials=True,\n)\n',
        },
      },
      expect: [{ line: 4 }],
    },
    {
      name: 'gin AllowAllOrigins',
      files: { 'server.go': { new: 'package s\n\nvar c = cors.Config{\n\tAllowAllOrigins:  true,\n\tAllowCredentials: true,\n}\n' } },
      expect: [{ line: 4 }],
    },
    {
      name: 'spring origin patterns',
      files: { 'src/WebConfig.java': { new: 'registry.addMapping("/**")\n    .allowedOriginPatterns("*")\n    .allowCredentials(true);\n' } },
      expect: [{ line: 2 }],
    },
  ],
  pass: [
    { name: 'wildcard without credentials', files: { 'src/server.ts': { new: "app.use(cors({ origin: '*' }));\n" } } },
    { name: 'explicit origin with credentials', files: { 'src/server.ts': { new: "app.use(cors({ origin: ['https://a.example.test'], credentials: true }));\n" } } },
    {
      name: 'wildcard narrowed to a list',
      files: {
        'src/server.ts': {
          old: 'app.use(cors({ origin: true, credentials: true }));\n',
          new: "app.use(cors({ origin: ['https://a.example.test'], credentials: true }));\n",
        },
      },
    },
    { name: 'markdown', files: { 'docs/cors.md': { new: "Avoid `cors({ origin: true, credentials: true })`.\n" } } },
    { name: 'comment', files: { 'src/a.ts': { new: '// cors({ origin: true, credentials: true })\n' } } },
    { name: 'unrelated edit near an old policy', files: { 'src/a.ts': { old: 'app.use(cors({ origin: true, credentials: true }));\nconst a = 1;\n', new: 'app.use(cors({ origin: true, credentials: true }));\nconst a = 2;\n' } } },
  ],
});
