"""grpc.reflection.v1alpha.ServerReflection, shaped like grpcio-reflection.

python-core calls grpc_reflection.v1alpha.reflection.enable_server_reflection
(service_names, server) with the plugin services plus the extension services
(not the reflection service itself).  grpcio-reflection answers from the
process's default descriptor pool; this implementation answers from the
server's private pool, which holds the same files (plugin protos, their
imports, health, server_info and the reflection proto itself).

Observable behaviour copied from grpcio-reflection (recent releases):
  * list_services: the given names, sorted;
  * file_by_filename / file_containing_symbol / file_containing_extension:
    the file's FileDescriptorProto first, then its transitive imports
    (depth-first, each once);
  * unknown names: error_response {error_code: 5, error_message: "not found"};
  * a request with no message_request set: error_response
    {error_code: 3, error_message: "invalid argument"};
  * every response echoes original_request; valid_host is left empty.
"""

import grpc
from google.protobuf import descriptor_pb2

SERVICE_NAME = "grpc.reflection.v1alpha.ServerReflection"
METHOD_NAME = "ServerReflectionInfo"


class ReflectionService:
    def __init__(self, protoset, service_names):
        self._ps = protoset
        self._pool = protoset.pool
        self._service_names = tuple(sorted(service_names))
        svc = self._pool.FindServiceByName(SERVICE_NAME)
        method = svc.methods_by_name[METHOD_NAME]
        self._req_cls = protoset.message_class(method.input_type)
        self._resp_cls = protoset.message_class(method.output_type)

    # -- helpers -----------------------------------------------------------
    def _response(self, request, **kwargs):
        resp = self._resp_cls(**kwargs)
        resp.original_request.CopyFrom(request)
        return resp

    def _error(self, request, status):
        resp = self._response(request)
        resp.error_response.error_code = status.value[0]
        resp.error_response.error_message = status.value[1]
        return resp

    def _file_response(self, request, file_desc):
        seen = {}

        def collect(fd):
            seen[fd.name] = fd
            for dep in fd.dependencies:
                if dep.name not in seen:
                    collect(dep)

        collect(file_desc)
        resp = self._response(request)
        out = resp.file_descriptor_response.file_descriptor_proto
        for fd in seen.values():
            proto = descriptor_pb2.FileDescriptorProto()
            fd.CopyToProto(proto)
            out.append(proto.SerializeToString())
        return resp

    def _find_file_containing_symbol(self, symbol):
        try:
            return self._pool.FindFileContainingSymbol(symbol)
        except KeyError:
            pass
        # The pure-Python backend does not index methods; the C++ one does.
        parent, _, leaf = symbol.rpartition(".")
        if parent:
            try:
                svc = self._pool.FindServiceByName(parent)
            except KeyError:
                svc = None
            if svc is not None and leaf in svc.methods_by_name:
                return svc.file
        raise KeyError(symbol)

    # -- one request -------------------------------------------------------
    def answer(self, request):
        which = request.WhichOneof("message_request")
        try:
            if which == "file_by_filename":
                return self._file_response(request, self._pool.FindFileByName(request.file_by_filename))
            if which == "file_containing_symbol":
                return self._file_response(request,
                                           self._find_file_containing_symbol(request.file_containing_symbol))
            if which == "file_containing_extension":
                ext = request.file_containing_extension
                msg = self._pool.FindMessageTypeByName(ext.containing_type)
                ext_desc = self._pool.FindExtensionByNumber(msg, ext.extension_number)
                return self._file_response(request, self._pool.FindFileContainingSymbol(ext_desc.full_name))
            if which == "all_extension_numbers_of_type":
                msg = self._pool.FindMessageTypeByName(request.all_extension_numbers_of_type)
                numbers = sorted(e.number for e in self._pool.FindAllExtensions(msg))
                resp = self._response(request)
                resp.all_extension_numbers_response.base_type_name = msg.full_name
                resp.all_extension_numbers_response.extension_number.extend(numbers)
                return resp
            if which == "list_services":
                resp = self._response(request)
                for name in self._service_names:
                    resp.list_services_response.service.add().name = name
                return resp
        except KeyError:
            return self._error(request, grpc.StatusCode.NOT_FOUND)
        return self._error(request, grpc.StatusCode.INVALID_ARGUMENT)

    def info(self, request_iterator, context):
        for request in request_iterator:
            yield self.answer(request)

    def generic_handler(self):
        handler = grpc.stream_stream_rpc_method_handler(
            self.info,
            request_deserializer=self._req_cls.FromString,
            response_serializer=lambda m: m.SerializeToString(),
        )
        return grpc.method_handlers_generic_handler(SERVICE_NAME, {METHOD_NAME: handler})
