import authMiddlewareRemoved from '../../../src/detectors/permissions/auth-middleware-removed.js';
import { detectorTable } from './table.js';

// One middleware per family of names the rule knows, none of them sharing a word with another.
const CHECKS = [
  'authenticate',
  'ensureLoggedIn()',
  'requireUser',
  'isAdmin',
  'checkJwt',
  'verifyToken',
  'protect',
  "permission_required('x')",
  "requires_role('ops')",
  'guardOrders',
  'session_required',
];

detectorTable(authMiddlewareRemoved, {
  flag: [
    {
      name: 'express route lost requireAuth',
      files: {
        'src/routes.ts': {
          old: "router.get('/admin/users', requireAuth, listUsers);\nrouter.get('/health', health);\n",
          new: "router.get('/admin/users', listUsers);\nrouter.get('/health', health);\n",
        },
      },
      expect: [{ line: 1, message: '`requireAuth`' }],
    },
    {
      name: 'passport guard removed',
      files: {
        'src/app.js': {
          old: "app.post('/orders', passport.authenticate('jwt', { session: false }), createOrder);\n",
          new: "app.post('/orders', createOrder);\n",
        },
      },
      expect: [{ line: 1, message: 'authenticate' }],
    },
    {
      name: 'go handler unwrapped',
      files: {
        'cmd/api/main.go': {
          old: 'package main\n\nfunc routes() {\n\tmux.Handle("/admin", authMiddleware(adminHandler))\n}\n',
          new: 'package main\n\nfunc routes() {\n\tmux.Handle("/admin", adminHandler)\n}\n',
        },
      },
      expect: [{ line: 4 }],
    },
    {
      name: 'django path lost login_required',
      files: {
        'site/urls.py': {
          old: "urlpatterns = [\n    path('reports/', login_required(reports)),\n]\n",
          new: "urlpatterns = [\n    path('reports/', reports),\n]\n",
        },
      },
      expect: [{ line: 2 }],
    },
    {
      name: 'decorator removed from a kept view',
      files: {
        'app/views.py': {
          old: '@app.route("/billing")\n@login_required\ndef billing():\n    return render()\n',
          new: '@app.route("/billing")\ndef billing():\n    return render()\n',
        },
      },
      expect: [{ line: 2, message: '`@login_required` was removed' }],
    },
    {
      name: 'each kind of check dropped',
      files: {
        // The directory name passes the keyword prefilter, so each line is judged by its own text.
        'src/admin/orders.js': {
          old: CHECKS.map((check, index) => `app.get('/r${index}', ${check}, show);\n`).join(''),
          new: CHECKS.map((_, index) => `app.get('/r${index}', show);\n`).join(''),
        },
      },
      expect: CHECKS.map((_, index) => ({ line: index + 1 })),
    },
  ],
  pass: [
    {
      name: 'auth added to a route',
      files: {
        'src/routes.ts': {
          old: "router.get('/admin', list);\n",
          new: "router.get('/admin', requireAuth, list);\n",
        },
      },
    },
    {
      name: 'handler renamed with auth kept',
      files: {
        'src/routes.ts': {
          old: "router.get('/admin', requireAuth, list);\n",
          new: "router.get('/admin', requireAuth, listAll);\n",
        },
      },
    },
    {
      name: 'auth swapped for another guard',
      files: {
        'src/routes.ts': {
          old: "router.get('/admin', requireAuth, list);\n",
          new: "router.get('/admin', jwtGuard, list);\n",
        },
      },
    },
    {
      name: 'route removed entirely',
      files: {
        'src/routes.ts': {
          old: "router.get('/old', requireAuth, list);\nrouter.get('/a', a);\n",
          new: "router.get('/a', a);\n",
        },
      },
    },
    {
      name: 'view deleted with its decorator',
      files: {
        'app/views.py': {
          old: 'x = 1\n\n@login_required\ndef old_view():\n    return 1\n',
          new: 'x = 1\n',
        },
      },
    },
    {
      name: 'markdown route example',
      files: {
        'docs/api.md': { old: "router.get('/a', requireAuth, h)\n", new: "router.get('/a', h)\n" },
      },
    },
  ],
});
