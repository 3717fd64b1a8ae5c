"""Proto loading for the replay plugin server.

Finds the .proto files that declare the requested services, compiles them once
with the system ``protoc`` into a FileDescriptorSet, loads that set into a
private DescriptorPool and builds message classes dynamically.

Works with Debian's python3-protobuf 3.21 / 4.21 (C++ or pure-Python backend).
"""

import logging
import os
import re
import shutil
import subprocess
import tempfile

from google.protobuf import descriptor_pb2
from google.protobuf import descriptor_pool
from google.protobuf import message_factory

_LOGGER = logging.getLogger("plugin_server")

HERE = os.path.dirname(os.path.abspath(__file__))
EXTENSION_PROTO_DIR = os.path.join(HERE, "protos")
EXTENSION_PROTO_FILES = [
    "grpc_health/v1/health.proto",
    "grpc_reflection/v1alpha/reflection.proto",
    "spaceone/api/core/v1/server_info.proto",
]

# Debian's libprotobuf-dev (a Recommends of protobuf-compiler) ships the
# well-known types here.  When it is missing, they are taken from the Python
# protobuf runtime instead (see _runtime_wkt_descriptor_set).
DEFAULT_WKT_INCLUDE = "/usr/include"

_COMMENT_RE = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_PACKAGE_RE = re.compile(r"^\s*package\s+([A-Za-z_][\w.]*)\s*;", re.M)
_SERVICE_RE = re.compile(r"\bservice\s+([A-Za-z_]\w*)\s*\{")


class ProtoError(Exception):
    """Start-up failure while locating, compiling or loading protos."""


def _scan_services(proto_dir):
    """Map full service name -> list of paths (relative to proto_dir)."""
    found = {}
    for root, dirs, files in os.walk(proto_dir):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".proto"):
                continue
            path = os.path.join(root, name)
            try:
                with open(path, encoding="utf-8") as f:
                    text = _COMMENT_RE.sub(" ", f.read())
            except (OSError, UnicodeDecodeError) as e:
                _LOGGER.warning("cannot read %s: %s", path, e)
                continue
            m = _PACKAGE_RE.search(text)
            package = m.group(1) if m else ""
            rel = os.path.relpath(path, proto_dir).replace(os.sep, "/")
            for svc in _SERVICE_RE.findall(text):
                full = f"{package}.{svc}" if package else svc
                found.setdefault(full, []).append(rel)
    return found


def find_service_files(proto_dir, service_names):
    """Return {service full name: relative .proto path} for each requested service."""
    index = _scan_services(proto_dir)
    result = {}
    for full in service_names:
        candidates = index.get(full, [])
        if not candidates:
            raise ProtoError(f"no .proto under {proto_dir} declares service {full}")
        if len(candidates) > 1:
            # Prefer the file whose path matches its package (the canonical
            # import path, e.g. spaceone/api/notification/plugin/*.proto).
            package = full.rpartition(".")[0]
            prefix = package.replace(".", "/") + "/"
            canonical = [c for c in candidates if c.startswith(prefix) and "/" not in c[len(prefix):]]
            if len(canonical) != 1:
                raise ProtoError(f"service {full} is declared in several files: {candidates}")
            candidates = canonical
        result[full] = candidates[0]
    return result


def _protoc_binary():
    protoc = os.environ.get("PROTOC") or shutil.which("protoc") or "/usr/bin/protoc"
    if not os.path.exists(protoc):
        raise ProtoError("protoc not found (install Debian package protobuf-compiler)")
    return protoc


def _runtime_wkt_descriptor_set():
    """FileDescriptorSet of the well-known types known to the Python runtime."""
    from google.protobuf import (any_pb2, api_pb2, duration_pb2, empty_pb2,  # noqa: F401
                                 field_mask_pb2, source_context_pb2, struct_pb2,
                                 timestamp_pb2, type_pb2, wrappers_pb2)
    modules = [descriptor_pb2, any_pb2, source_context_pb2, type_pb2, api_pb2, duration_pb2,
               empty_pb2, field_mask_pb2, struct_pb2, timestamp_pb2, wrappers_pb2]
    fds = descriptor_pb2.FileDescriptorSet()
    for mod in modules:
        mod.DESCRIPTOR.CopyToProto(fds.file.add())
    return fds


def _wkt_include():
    inc = os.environ.get("PLUGIN_SERVER_WKT_INCLUDE", DEFAULT_WKT_INCLUDE)
    if os.path.isfile(os.path.join(inc, "google", "protobuf", "empty.proto")):
        return inc
    return None


def compile_protos(include_dirs, files):
    """Run protoc once on `files` and return the FileDescriptorSet (imports included)."""
    protoc = _protoc_binary()
    fd, out_path = tempfile.mkstemp(prefix="plugin-server-", suffix=".pb")
    os.close(fd)
    wkt_set_path = None
    try:
        args = [protoc, "--include_imports", f"--descriptor_set_out={out_path}"]
        for d in include_dirs:
            args.append(f"-I{d}")
        inc = _wkt_include()
        if inc:
            args.append(f"-I{inc}")
        else:
            fd2, wkt_set_path = tempfile.mkstemp(prefix="plugin-server-wkt-", suffix=".pb")
            with os.fdopen(fd2, "wb") as f:
                f.write(_runtime_wkt_descriptor_set().SerializeToString())
            args.append(f"--descriptor_set_in={wkt_set_path}")
        args.extend(files)
        proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            raise ProtoError(f"protoc failed ({' '.join(args)}):\n{proc.stderr.strip()}")
        with open(out_path, "rb") as f:
            fds = descriptor_pb2.FileDescriptorSet.FromString(f.read())
        return fds
    finally:
        os.unlink(out_path)
        if wkt_set_path:
            os.unlink(wkt_set_path)


class ProtoSet:
    """A private descriptor pool holding the plugin files and the extension files."""

    def __init__(self):
        self.pool = descriptor_pool.DescriptorPool()
        self._added = {}
        self._factory = None
        self._classes = {}

    def add_set(self, fds):
        """Add files of a FileDescriptorSet (already in dependency order)."""
        for fdp in fds.file:
            data = fdp.SerializeToString()
            if fdp.name in self._added:
                if self._added[fdp.name] != data:
                    _LOGGER.warning("keeping the first definition of %s (a second, different one was compiled)",
                                    fdp.name)
                continue
            if hasattr(self.pool, "AddSerializedFile"):
                self.pool.AddSerializedFile(data)
            else:  # pragma: no cover - very old runtimes
                self.pool.Add(fdp)
            self._added[fdp.name] = data

    def message_class(self, desc):
        cls = self._classes.get(desc.full_name)
        if cls is None:
            if hasattr(message_factory, "GetMessageClass"):
                cls = message_factory.GetMessageClass(desc)
            else:
                if self._factory is None:
                    self._factory = message_factory.MessageFactory(self.pool)
                cls = self._factory.GetPrototype(desc)
            self._classes[desc.full_name] = cls
        return cls

    def service(self, full_name):
        return self.pool.FindServiceByName(full_name)


def load(proto_dir, service_names):
    """Compile and load the plugin services' files plus the extension protos."""
    files = find_service_files(proto_dir, service_names)
    plugin_files = sorted(set(files.values()))
    for name, rel in sorted(files.items()):
        _LOGGER.info("service %s <- %s", name, rel)
    ps = ProtoSet()
    # Two protoc runs so that a same-named file in proto_dir can never shadow
    # the server's own extension protos (or the reverse).
    ps.add_set(compile_protos([proto_dir], plugin_files))
    ps.add_set(compile_protos([EXTENSION_PROTO_DIR], EXTENSION_PROTO_FILES))
    return ps
