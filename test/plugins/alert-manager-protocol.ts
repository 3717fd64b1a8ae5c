/**
 * alert_manager.Protocol reference plugins: the notification.Protocol ones on the alert_manager
 * protos (domain_id required, enum notification_type, NotificationMessage), one defective
 * variant per rule.
 */
import * as grpc from '@grpc/grpc-js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { conformingMetadata } from './notification-protocol.js';
import { requireKeys, StatusError, type UnaryHandler, type Variant } from './server.js';

const init: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'domain_id']);
  return { metadata: conformingMetadata() };
};

const verify: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'secret_data', 'domain_id']);
  return {};
};

const dispatch: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'message', 'domain_id']);
  if (typeof (request['message'] as JsonObject)['title'] !== 'string') throw new StatusError(grpc.status.INVALID_ARGUMENT, 'ERROR_REQUIRED_PARAMETER: message.title');
  return {};
};

const conforming: Variant = {
  description: 'conforms to every alert_manager.Protocol rule',
  handlers: { 'Protocol.init': init, 'Protocol.verify': verify, 'Notification.dispatch': dispatch },
};

function withMetadata(description: string, change: (metadata: JsonObject) => void): Variant {
  return {
    description,
    handlers: {
      ...conforming.handlers,
      'Protocol.init': (request) => {
        requireKeys(request, ['options', 'domain_id']);
        const metadata = conformingMetadata();
        change(metadata);
        return { metadata };
      },
    },
  };
}

let initCalls = 0;

export const alertManagerProtocolVariants: Record<string, Variant> = {
  conforming,
  'data-not-object': withMetadata('metadata.data is a string', (metadata) => {
    metadata['data'] = 'schema';
  }),
  'invalid-schema': withMetadata('data.schema is not a valid JSON Schema', (metadata) => {
    ((metadata['data'] as JsonObject)['schema'] as JsonObject)['required'] = 'token';
  }),
  'nondeterministic': withMetadata('metadata changes from one init to the next', (metadata) => {
    metadata['generated_at'] = `call-${++initCalls}`;
  }),
  'verify-error': {
    description: 'verify rejects the credentials',
    handlers: {
      ...conforming.handlers,
      'Protocol.verify': () => {
        throw new StatusError(grpc.status.UNAUTHENTICATED, 'ERROR_AUTHENTICATE_FAILURE: token rejected');
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
