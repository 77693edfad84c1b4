/**
 * An HTTP route (issue 14, `--http`): one method on one path template, with what the
 * framework declares about its inputs and outputs as JSON Schema, so generation can
 * build well-formed and deliberately malformed requests and judgement can check
 * responses. Every target fills this one shape: the Python bridge (FastAPI and
 * Litestar through their own OpenAPI document, the others from paths and convertors),
 * the Node adapters (Fastify's route schemas, Express and Hono paths), `--openapi`.
 */
import type { PathParam } from './route.js';

/** A JSON Schema object, as the framework or the OpenAPI document gives it ($refs resolved). */
export type JsonSchema = Record<string, unknown> | boolean;

export interface HttpParam {
  name: string;
  required: boolean;
  /** Its schema when declared (else any string). */
  schema?: JsonSchema;
}

export interface HttpOperation {
  /** Upper case: GET, POST, PUT, PATCH, DELETE, ... */
  method: string;
  /** Path template in the same syntaxes `paramsOf` parses: `/items/{item_id:int}`, `/items/:id`. */
  path: string;
  /** Typed path params (`paramsOf(path)`, refined by `pathSchemas` where declared). */
  params: PathParam[];
  /** Path params' declared schemas, by name (a Fastify `params` schema, an OpenAPI `in: path`). */
  pathSchemas?: Record<string, JsonSchema>;
  /** Query params the route declares. */
  query: HttpParam[];
  /** Headers the route declares (rarely; OpenAPI `in: header`). */
  headers?: HttpParam[];
  /** The request body, when the route takes one. */
  body?: { required: boolean; contentType: string; schema: JsonSchema };
  /** Declared response body schemas by status (`200`, `2XX`, `default`), JSON only. */
  responses?: Record<string, JsonSchema>;
  /** OpenAPI operationId or the handler's name, for messages. */
  name?: string;
}
