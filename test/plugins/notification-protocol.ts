/**
 * notification.Protocol reference plugins: one that conforms, and one defective variant per
 * rule the harness checks, each breaking exactly that rule.
 */
import * as grpc from '@grpc/grpc-js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { hang, requireKeys, StatusError, type UnaryHandler, type Variant } from './server.js';

/** Metadata shaped like a real chat-channel plugin: a token kept as SECRET, a channel with a pattern. */
export function conformingMetadata(): JsonObject {
  return {
    data_type: 'SECRET',
    data: {
      schema: {
        type: 'object',
        required: ['token', 'channel'],
        properties: {
          token: { type: 'string', title: 'Bot token', minLength: 4 },
          channel: { type: 'string', title: 'Channel', pattern: '^[#@][\\w-]+$', examples: ['#alerts'] },
          mention: { type: 'string', title: 'Mention', format: 'email' },
        },
      },
    },
  };
}

const init: UnaryHandler = (request) => {
  requireKeys(request, ['options']);
  return { metadata: conformingMetadata() };
};

const verify: UnaryHandler = (request) => {
  requireKeys(request, ['options']);
  return {};
};

const dispatch: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'message']);
  return {};
};

const conforming: Variant = {
  description: 'conforms to every notification.Protocol rule',
  handlers: { 'Protocol.init': init, 'Protocol.verify': verify, 'Notification.dispatch': dispatch },
};

function withMetadata(description: string, change: (metadata: JsonObject) => void): Variant {
  return {
    description,
    handlers: {
      ...conforming.handlers,
      'Protocol.init': (request) => {
        requireKeys(request, ['options']);
        const metadata = conformingMetadata();
        change(metadata);
        return { metadata };
      },
    },
  };
}

function channelSchema(metadata: JsonObject): JsonObject {
  return (metadata['data'] as JsonObject)['schema'] as JsonObject;
}

let initCalls = 0;

export const notificationProtocolVariants: Record<string, Variant> = {
  conforming,
  'python-like-v1alpha': { ...conforming, description: 'conforms, serving reflection v1alpha only like python-core', reflection: 'v1alpha' },
  'no-channel-schema': withMetadata('conforms but returns no data.schema (the core tolerates it)', (metadata) => {
    delete metadata['data'];
    metadata['data_type'] = 'PLAIN_TEXT';
  }),
  'bad-data-type': withMetadata('data_type is not PLAIN_TEXT or SECRET', (metadata) => {
    metadata['data_type'] = 'HTML';
  }),
  'missing-data-type': withMetadata('no data_type at all', (metadata) => {
    delete metadata['data_type'];
  }),
  'invalid-schema': withMetadata('data.schema is not a valid JSON Schema', (metadata) => {
    (channelSchema(metadata)['properties'] as JsonObject)['token'] = { type: 'strng', title: 'Bot token' };
  }),
  'pattern-without-title': withMetadata('a data.schema property has pattern but no title', (metadata) => {
    delete ((channelSchema(metadata)['properties'] as JsonObject)['channel'] as JsonObject)['title'];
  }),
  'nondeterministic': withMetadata('metadata changes from one init to the next', (metadata) => {
    metadata['generated_at'] = `call-${++initCalls}`;
  }),
  'no-metadata': { description: 'init answers without metadata', handlers: { ...conforming.handlers, 'Protocol.init': () => ({}) } },
  'verify-error': {
    description: 'verify rejects the credentials',
    handlers: {
      ...conforming.handlers,
      'Protocol.verify': () => {
        throw new StatusError(grpc.status.UNAUTHENTICATED, 'ERROR_AUTHENTICATE_FAILURE: token rejected by the chat service');
      },
    },
  },
  'echo-secret': {
    description: 'verify fails and echoes the secret data back in its error',
    handlers: {
      ...conforming.handlers,
      'Protocol.verify': (request) => {
        throw new StatusError(grpc.status.INVALID_ARGUMENT, `ERROR_INVALID_ARGUMENT: bad secret ${JSON.stringify(request['secret_data'])}`);
      },
    },
  },
  'init-hangs': { description: 'init never answers', handlers: { ...conforming.handlers, 'Protocol.init': () => hang() } },
  'exits-mid-run': {
    description: 'the process exits on the second init call',
    handlers: {
      ...conforming.handlers,
      'Protocol.init': (request) => {
        if (++initCalls >= 2) process.exit(7);
        return init(request, new grpc.Metadata());
      },
    },
  },
  'dispatch-error': {
    description: 'dispatch fails',
    handlers: {
      ...conforming.handlers,
      'Notification.dispatch': () => {
        throw new StatusError(grpc.status.INTERNAL, 'ERROR_DISPATCH: chat service answered 500');
      },
    },
  },
};
