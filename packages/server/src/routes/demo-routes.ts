// The demo's control: its simulated clock and speed. Registered only when the server runs the
// demo (`relais serve --demo`); otherwise these URLs answer 404 like any unknown route.
import { DemoStatus, DemoUpdate } from '@relais/protocol';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';

/** What the demo's traffic lets the server read and change; undefined until it has started. */
export interface DemoControl {
  /** The tenant the demo plays on: other tenants do not see it. */
  tenantId: string;
  status(): DemoStatus | undefined;
  update(change: DemoUpdate): DemoStatus | undefined;
}

const noDemo = (): ApiError =>
  new ApiError(404, 'NotFound', 'no demo on this tenant (the server runs it with --demo)');

export function demoRoutes(_context: ServerContext, control: DemoControl): AnyRoute[] {
  const started = (status: DemoStatus | undefined): DemoStatus => {
    if (status === undefined)
      throw new ApiError(503, 'Unavailable', 'the demo traffic is starting; try again in a moment');
    return status;
  };
  return [
    route({
      method: 'GET',
      url: '/api/v1/demo',
      summary: 'The demo: simulated time of day, speed, agents on shift (demo mode only)',
      tag: 'demo',
      roles: ['admin', 'supervisor', 'planner', 'agent', 'clientViewer'],
      responses: {
        200: { description: 'the demo', schema: DemoStatus },
        404: { description: 'the server does not run the demo' },
      },
      handler: ({ principal }) => {
        if (principal.tenantId !== control.tenantId) throw noDemo();
        return Promise.resolve(started(control.status()));
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/demo',
      summary: 'Change the demo speed (1 to 60 simulated seconds per real second) or pause it',
      tag: 'demo',
      roles: ['admin', 'supervisor'],
      body: DemoUpdate,
      responses: {
        200: { description: 'the demo after the change', schema: DemoStatus },
        400: { description: 'a speed out of range, or nothing to change' },
        403: { description: 'not an admin or a supervisor' },
        404: { description: 'the server does not run the demo' },
      },
      handler: ({ principal, body }) => {
        if (principal.tenantId !== control.tenantId) throw noDemo();
        return Promise.resolve(started(control.update(body)));
      },
    }),
  ];
}
