import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Caller } from '../audit/audit-log';
import { ANONYMOUS, type Actor, type Permission } from './roles';

export const PUBLIC_KEY = 'estate:public';
export const PERMISSION_KEY = 'estate:permission';

/** Open to anyone, without a token (health checks). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The permission an operation needs. Operations without it (or @Public) are refused. */
export const Requires = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

const ACTOR = Symbol('actor');

export function requestOf(context: ExecutionContext): Request {
  return context.getType<GqlContextType>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext<{ req: Request }>().req
    : context.switchToHttp().getRequest<Request>();
}

export function actorOf(req: Request): Actor | undefined {
  return (req as Request & { [ACTOR]?: Actor })[ACTOR];
}

export function setActor(req: Request, actor: Actor): void {
  (req as Request & { [ACTOR]?: Actor })[ACTOR] = actor;
}

/** The authenticated caller, as established by the AccessGuard. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor => actorOf(requestOf(context)) ?? ANONYMOUS,
);

/** The caller and the request id: what a write needs to be checked and audited. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const req = requestOf(context);
  return { actor: actorOf(req) ?? ANONYMOUS, requestId: requestIdOf(req) };
});

export function requestIdOf(req: Request): string | null {
  const id = (req as Request & { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}
