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

/** notification_type of every dispatch the slack-shaped plugin received, for the tests to read. */
export const slackShapedDispatches: string[] = [];

/** Like the real slack plugin: dispatch requires notification_type (ERROR_REQUIRED_PARAMETER without it). */
const slackShapedDispatch: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'message']);
  const type = request['notification_type'];
  if (typeof type !== 'string') {
    throw new StatusError(grpc.status.INVALID_ARGUMENT, 'ERROR_REQUIRED_PARAMETER: Required parameter. (key = notification_type)');
  }
  slackShapedDispatches.push(type);
  return {};
};

export const notificationProtocolVariants: Record<string, Variant> = {
  conforming,
  'python-like-v1alpha': { ...conforming, description: 'conforms, serving reflection v1alpha only like python-core', reflection: 'v1alpha' },
  'no-channel-schema': withMetadata('conforms but returns no data.schema (the core tolerates it)', (metadata) => {
    delete metadata['data'];
    metadata['data_type'] = 'PLAIN_TEXT';
  }),
  'secret-without-schema': withMetadata('data_type SECRET but no data.schema: the console has no form for the secret channel data', (metadata) => {
    delete metadata['data'];
  }),
  'protocol-only': { ...conforming, description: 'serves Protocol but not Notification (no dispatch)', omitServices: ['Notification'] },
  'slack-shaped-dispatch': {
    description: 'conforms; dispatch requires notification_type as the real slack plugin does',
    handlers: { ...conforming.handlers, 'Notification.dispatch': slackShapedDispatch },
  },
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
