import csrfProtectionDisabled from '../../../src/detectors/permissions/csrf-protection-disabled.js';
import { detectorTable } from './table.js';

detectorTable(csrfProtectionDisabled, {
  flag: [
    {
      name: 'django view exempted',
      files: {
        'shop/views.py': {
          old: 'def checkout(request):\n    pass\n',
          new: '@csrf_exempt\ndef checkout(request):\n    pass\n',
        },
      },
      expect: [{ line: 1, message: '`@csrf_exempt`' }],
    },
    {
      name: 'spring security disable',
      files: { 'src/Security.java': { new: 'http.csrf().disable();\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'spring lambda disable',
      files: { 'src/Security.java': { new: 'http.csrf(csrf -> csrf.disable());\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'spring method reference disable',
      files: { 'src/Security.java': { new: 'http.csrf(AbstractHttpConfigurer::disable);\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'options csrf false',
      files: { 'src/app.ts': { new: 'const server = createServer({ csrf: false });\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'flask-wtf setting',
      files: { 'config.py': { new: 'WTF_CSRF_ENABLED = False\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'rails skip authenticity token',
      files: {
        'app/controllers/api_controller.rb': {
          new: 'class ApiController < ApplicationController\n  skip_before_action :verify_authenticity_token\nend\n',
        },
      },
      expect: [{ line: 2 }],
    },
    {
      name: 'rails forgery protection skipped',
      files: {
        'app/controllers/hooks_controller.rb': {
          new: 'class HooksController < ApplicationController\n  skip_forgery_protection\nend\n',
        },
      },
      expect: [{ line: 2, message: '`skip_before_action :verify_authenticity_token`' }],
    },
    {
      name: 'rails protect_from_forgery removed',
      files: {
        'app/controllers/application_controller.rb': {
          old: 'class ApplicationController < ActionController::Base\n  protect_from_forgery with: :exception\nend\n',
          new: 'class ApplicationController < ActionController::Base\nend\n',
        },
      },
      expect: [{ line: 2, message: 'removes CSRF protection' }],
    },
    {
      name: 'aspnet antiforgery ignored',
      files: {
        'Controllers/HooksController.cs': {
          new: 'public class HooksController : Controller\n{\n    [IgnoreAntiforgeryToken]\n    public IActionResult Post() => Ok();\n}\n',
        },
      },
      expect: [{ line: 3, message: '`[IgnoreAntiforgeryToken]`' }],
    },
    {
      name: 'express csrf middleware removed',
      files: {
        'src/app.js': {
          old: 'app.use(cookieParser());\napp.use(csurf({ cookie: true }));\napp.use(router);\n',
          new: 'app.use(cookieParser());\napp.use(router);\n',
        },
      },
      expect: [{ line: 2, message: 'removes CSRF protection' }],
    },
    {
      name: 'django middleware removed',
      files: {
        'site/settings.py': {
          old: "MIDDLEWARE = [\n    'django.middleware.common.CommonMiddleware',\n    'django.middleware.csrf.CsrfViewMiddleware',\n]\n",
          new: "MIDDLEWARE = [\n    'django.middleware.common.CommonMiddleware',\n]\n",
        },
      },
      expect: [{ line: 3 }],
    },
  ],
  pass: [
    {
      name: 'exemption removed',
      files: {
        'shop/views.py': {
          old: '@csrf_exempt\ndef checkout(request):\n    pass\n',
          new: 'def checkout(request):\n    pass\n',
        },
      },
    },
    {
      name: 'spring disable removed',
      files: {
        'src/Security.java': {
          old: 'http.csrf(csrf -> csrf.disable());\n',
          new: 'http.csrf(Customizer.withDefaults());\n',
        },
      },
    },
    {
      name: 'middleware moved within the file',
      files: {
        'src/app.js': {
          old: 'app.use(csurf());\napp.use(router);\n',
          new: 'app.use(router);\napp.use(csurf());\n',
        },
      },
    },
    {
      name: 'docs',
      files: { 'docs/security.md': { new: 'Do not use @csrf_exempt or csrf: false.\n' } },
    },
    {
      name: 'comment',
      files: { 'shop/views.py': { new: '# @csrf_exempt was removed on purpose\n' } },
    },
    {
      name: 'string literal',
      files: { 'src/a.ts': { new: "const hint = 'csrf: false disables the check';\n" } },
    },
    {
      name: 'other skip_before_action',
      files: { 'app/c.rb': { new: '  skip_before_action :set_locale\n' } },
    },
  ],
});
