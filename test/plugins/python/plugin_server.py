#!/usr/bin/python3
"""A generic plugin server that behaves like a python-core (spaceone-core)
plugin server, answering from a replay fixture.

    /usr/bin/python3 plugin_server.py --replay FILE.json --protos DIR \
        [--port N] [--host 127.0.0.1] [--verbose]

Once the port is bound, exactly one line "LISTENING <port>" is written to
stdout; all logs go to stderr.  SIGTERM / SIGINT stop the server (grace 0.5 s)
and the process exits 0.  Start-up errors exit 2 without a LISTENING line.

Needs only Debian packages: python3-grpcio, python3-protobuf, protobuf-compiler.
See README.md beside this file.
"""

import argparse
import json
import logging
import os
import signal
import sys
import threading
from concurrent import futures

sys.dont_write_bytecode = True  # leave no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import grpc  # noqa: E402
from google.protobuf import json_format  # noqa: E402

import replay_protos  # noqa: E402
from replay_reflection import ReflectionService  # noqa: E402

_LOGGER = logging.getLogger("plugin_server")

HEALTH_SERVICE = "grpc.health.v1.Health"
SERVER_INFO_SERVICE = "spaceone.api.core.v1.ServerInfo"
EMPTY = "google.protobuf.Empty"
GRACE_SECONDS = 0.5
MAX_WORKERS = 100  # python-core default (MAX_WORKERS = 100)


class StartupError(Exception):
    pass


# ---------------------------------------------------------------------------
# python-core error model (spaceone/core/error.py), reduced to what is needed
# ---------------------------------------------------------------------------
class CoreError(Exception):
    """An ERROR_BASE-like error: aborts with status and "<error_code>: <message>"."""

    def __init__(self, error_code, message, status="INTERNAL"):
        super().__init__(message)
        self.error_code = error_code
        self.message = message
        self.status = status


def error_required_parameter(key):
    return CoreError("ERROR_REQUIRED_PARAMETER", f"Required parameter. (key = {key})", "INVALID_ARGUMENT")


def error_not_implemented():
    return CoreError("ERROR_NOT_IMPLEMENTED", "Not implemented.", "UNIMPLEMENTED")


class ReplayStatus(Exception):
    """A fixture entry {"error": {"code": ..., "details": ...}}: answer with exactly this status."""

    def __init__(self, code, details):
        super().__init__(details)
        self.code = code
        self.details = details


def _status_code(code):
    """grpc.StatusCode from a name ("INVALID_ARGUMENT") or a number (3).

    An unknown name raises KeyError, like python-core's grpc.StatusCode[...]
    lookup does; the exception escapes the handler and grpcio answers UNKNOWN.
    """
    if isinstance(code, int) and not isinstance(code, bool):
        for sc in grpc.StatusCode:
            if sc.value[0] == code:
                return sc
        raise KeyError(code)
    return grpc.StatusCode[str(code)]


def _error_method(error, context):
    """BaseAPI._error_method: every failure becomes context.abort(status, details)."""
    if isinstance(error, ReplayStatus):
        context.abort(_status_code(error.code), error.details)
    if not isinstance(error, CoreError):
        _LOGGER.error("(Error) => %s", error)
        error = CoreError("ERROR_UNKNOWN", str(error))
    context.abort(grpc.StatusCode[error.status], f"{error.error_code}: {error.message}")


def _as_replay_error(entry):
    """Return ReplayStatus if entry is {"error": {"code": ...}} (and nothing else), else None."""
    if isinstance(entry, dict) and len(entry) == 1 and isinstance(entry.get("error"), dict) \
            and "code" in entry["error"]:
        err = entry["error"]
        return ReplayStatus(err["code"], str(err.get("details", "")))
    return None


# ---------------------------------------------------------------------------
# Plugin services driven by the fixture
# ---------------------------------------------------------------------------
class PluginMethod:
    def __init__(self, server, service_desc, method_desc):
        self.server = server
        self.short_key = f"{service_desc.name}.{method_desc.name}"
        self.full_key = f"{service_desc.full_name}.{method_desc.name}"
        self.in_cls = server.protoset.message_class(method_desc.input_type)
        self.out_cls = server.protoset.message_class(method_desc.output_type)
        self.out_is_empty = method_desc.output_type.full_name == EMPTY
        self.streaming = bool(method_desc.server_streaming)
        required = server.required.get(self.short_key)
        if required is None:
            required = server.required.get(self.full_key)
        if required is None:
            # python-core plugins decorate their handlers with
            # check_required(['options', ...]); default to 'options' wherever
            # the request message has such a field.
            required = ["options"] if "options" in method_desc.input_type.fields_by_name else []
        self.required = list(required)

    # -- steps shared by unary and streaming ------------------------------
    def _prepare(self, request, context):
        params = json_format.MessageToDict(request, preserving_proto_field_name=True)
        _LOGGER.debug("%s request=%s metadata=%s", self.short_key, json.dumps(params, sort_keys=True),
                      dict(context.invocation_metadata()))
        for key in self.required:  # spaceone.core.service.utils.check_required
            if params.get(key) is None:
                raise error_required_parameter(key)
        responses = self.server.responses
        if self.short_key in responses:
            return responses[self.short_key]
        if self.full_key in responses:
            return responses[self.full_key]
        raise error_not_implemented()

    def _message(self, entry):
        err = _as_replay_error(entry)
        if err is not None:
            raise err
        if self.out_is_empty:  # python-core answers Empty directly
            return self.out_cls()
        if isinstance(entry, list):
            raise TypeError(f"{self.short_key} is unary but the fixture response is a list")
        # Strict like python-core: an unknown key raises json_format.ParseError.
        return json_format.ParseDict(entry, self.out_cls())

    # -- gRPC behaviours ----------------------------------------------------
    def unary(self, request, context):
        try:
            return self._message(self._prepare(request, context))
        except Exception as e:  # noqa: BLE001 - mirrors BaseAPI
            _error_method(e, context)

    def stream(self, request, context):
        try:
            entry = self._prepare(request, context)
            err = _as_replay_error(entry)
            if err is not None:
                raise err
            items = entry if isinstance(entry, list) else [entry]
            for item in items:
                yield self._message(item)  # an {"error": ...} item aborts mid-stream
        except Exception as e:  # noqa: BLE001 - mirrors BaseAPI._generate_response
            _error_method(e, context)

    def handler(self):
        kw = dict(request_deserializer=self.in_cls.FromString,
                  response_serializer=lambda m: m.SerializeToString())
        if self.streaming:
            return grpc.unary_stream_rpc_method_handler(self.stream, **kw)
        return grpc.unary_unary_rpc_method_handler(self.unary, **kw)


# ---------------------------------------------------------------------------
# Extension services (python-core GRPC_EXTENSION_SERVICERS)
# ---------------------------------------------------------------------------
def _health_handler(protoset):
    svc = protoset.service(HEALTH_SERVICE)
    check = svc.methods_by_name["Check"]
    req_cls = protoset.message_class(check.input_type)
    resp_cls = protoset.message_class(check.output_type)
    serving = resp_cls.ServingStatus.Value("SERVING")
    service_unknown = resp_cls.ServingStatus.Value("SERVICE_UNKNOWN")

    def check_fn(request, context):
        # python-core's GRPCHealth.Check always answers SERVING, whatever the service.
        return resp_cls(status=serving)

    def watch_fn(request, context):
        # grpcio-health-checking: "" is SERVING from the start; other names are
        # unknown until set.  The stream stays open until the call ends.
        done = threading.Event()
        context.add_callback(done.set)
        yield resp_cls(status=serving if request.service == "" else service_unknown)
        while context.is_active() and not done.wait(0.5):
            pass

    kw = dict(request_deserializer=req_cls.FromString, response_serializer=lambda m: m.SerializeToString())
    return grpc.method_handlers_generic_handler(HEALTH_SERVICE, {
        "Check": grpc.unary_unary_rpc_method_handler(check_fn, **kw),
        "Watch": grpc.unary_stream_rpc_method_handler(watch_fn, **kw),
    })


def _server_info_handler(protoset, version):
    method = protoset.service(SERVER_INFO_SERVICE).methods_by_name["get_version"]
    req_cls = protoset.message_class(method.input_type)
    resp_cls = protoset.message_class(method.output_type)

    def get_version(request, context):
        return resp_cls(version=version)

    return grpc.method_handlers_generic_handler(SERVER_INFO_SERVICE, {
        "get_version": grpc.unary_unary_rpc_method_handler(
            get_version, request_deserializer=req_cls.FromString,
            response_serializer=lambda m: m.SerializeToString()),
    })


# ---------------------------------------------------------------------------
# Server assembly
# ---------------------------------------------------------------------------
class ReplayServer:
    def __init__(self, fixture, proto_dir):
        if not isinstance(fixture, dict):
            raise StartupError("replay fixture must be a JSON object")
        services = fixture.get("services")
        if not isinstance(services, list) or not services or not all(isinstance(s, str) for s in services):
            raise StartupError('replay fixture needs "services": a non-empty list of full service names')
        responses = fixture.get("responses", {})
        if not isinstance(responses, dict):
            raise StartupError('"responses" must be an object keyed by "<Service>.<method>"')
        options = fixture.get("server") or {}
        if not isinstance(options, dict):
            raise StartupError('"server" must be an object')

        self.services = list(dict.fromkeys(services))
        self.responses = responses
        self.reflection = bool(options.get("reflection", True))
        self.version = str(options.get("version", "1.0.0"))
        self.required = options.get("required") or {}
        if not isinstance(self.required, dict):
            raise StartupError('"server.required" must map "<Service>.<method>" to a list of keys')

        try:
            self.protoset = replay_protos.load(proto_dir, self.services)
        except replay_protos.ProtoError as e:
            raise StartupError(str(e)) from e

        self.handlers = []
        known = set()
        for full in self.services:
            sdesc = self.protoset.service(full)
            methods = {}
            for mdesc in sdesc.methods:
                if mdesc.client_streaming:
                    raise StartupError(f"{full}.{mdesc.name} is client-streaming; plugins have none")
                pm = PluginMethod(self, sdesc, mdesc)
                methods[mdesc.name] = pm.handler()
                known.update((pm.short_key, pm.full_key))
                _LOGGER.info("  %s %s%s%s", pm.short_key, "stream" if pm.streaming else "unary",
                             "" if pm.short_key in responses or pm.full_key in responses else " (not in fixture)",
                             f" required={pm.required}" if pm.required else "")
            self.handlers.append(grpc.method_handlers_generic_handler(full, methods))
        for key in responses:
            if key not in known:
                _LOGGER.warning("fixture response %r matches no method of the listed services", key)

        self.handlers.append(_health_handler(self.protoset))
        self.handlers.append(_server_info_handler(self.protoset, self.version))
        # Names reflection lists: plugin services + extensions, never itself.
        self.listed = sorted(set(self.services) | {HEALTH_SERVICE, SERVER_INFO_SERVICE})
        if self.reflection:
            self.handlers.append(ReflectionService(self.protoset, self.listed).generic_handler())

    def start(self, host, port):
        # so_reuseport off: a fixed --port that is taken must fail, not be shared.
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=MAX_WORKERS),
                                  options=[("grpc.so_reuseport", 0)])
        self.server.add_generic_rpc_handlers(tuple(self.handlers))
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        try:
            bound = self.server.add_insecure_port(f"{host}:{port}")
        except RuntimeError as e:
            raise StartupError(f"cannot bind {host}:{port}: {e}") from e
        if not bound:
            raise StartupError(f"cannot bind {host}:{port}")
        self.server.start()
        return bound


def _parse_args(argv):
    p = argparse.ArgumentParser(description="python-core shaped plugin server answering from a replay fixture")
    p.add_argument("--replay", required=True, help="replay fixture (JSON)")
    p.add_argument("--protos", required=True, help="directory holding the plugin .proto files")
    p.add_argument("--port", type=int, default=0, help="port to bind (default 0: any free port)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--verbose", action="store_true", help="log every call (stderr)")
    return p.parse_args(argv)


def main(argv=None):
    args = _parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if args.verbose else logging.INFO,
                        format="[plugin_server] %(levelname)s %(message)s")
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    try:
        with open(args.replay, encoding="utf-8") as f:
            fixture = json.load(f)
        _LOGGER.info("fixture %s: type=%s plugin=%s framework=%s", args.replay,
                     fixture.get("type") if isinstance(fixture, dict) else None,
                     fixture.get("plugin") if isinstance(fixture, dict) else None,
                     fixture.get("framework") if isinstance(fixture, dict) else None)
        srv = ReplayServer(fixture, args.protos)
        port = srv.start(args.host, args.port)
    except (OSError, ValueError, StartupError) as e:
        _LOGGER.error("start-up failed: %s", e)
        return 2

    _LOGGER.info("serving %s on %s:%d (reflection %s)", ", ".join(srv.listed), args.host, port,
                 "v1alpha" if srv.reflection else "off")
    sys.stdout.write(f"LISTENING {port}\n")
    sys.stdout.flush()

    while not stop.wait(0.5):
        pass
    _LOGGER.info("stopping")
    srv.server.stop(GRACE_SECONDS).wait(GRACE_SECONDS + 0.3)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter teardown (joining pool threads): exit promptly.
    os._exit(code)
