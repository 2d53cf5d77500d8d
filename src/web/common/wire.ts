// Types of the wire, read from the generated OpenAPI types (api.gen.ts, `npm run api:types`): the one source is the
// server's zod schemas, through the OpenAPI document. Friendly names elsewhere are aliases of these.
import type { paths } from './api.gen.ts';

export type { Action } from '../../server/access.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The methods a path has. */
export type MethodOf<P extends keyof paths> = { [M in Method]: paths[P][M] extends undefined | never ? never : M }[Method];
type Operation<P extends keyof paths, M extends MethodOf<P>> = NonNullable<paths[P][M]>;
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Success<R> = R[Extract<keyof R, 200 | 201 | 202>];

/** The JSON body of a route's successful answer: `Res<'/api/bookings', 'get'>`. */
export type Res<P extends keyof paths, M extends MethodOf<P>> = Operation<P, M> extends { responses: infer R } ? Json<Success<R>> : never;

/** The JSON body a route takes: `ReqBody<'/api/family', 'post'>`. */
export type ReqBody<P extends keyof paths, M extends MethodOf<P>> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters a route takes. */
export type Query<P extends keyof paths, M extends MethodOf<P>> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The element type of an array type. */
export type Item<T> = T extends readonly (infer E)[] ? E : never;
