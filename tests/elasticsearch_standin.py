"""Stand-ins for an Elasticsearch 9 cluster (none may run here): one that answers, one that
refuses connections and one that accepts them but never answers.

The answering stand-in speaks just enough of the REST API for the elasticsearch client and
modelsearch (product header, root info, index create/exists/delete, mappings, aliases, bulk,
documents, search, count, refresh) and records every request.
"""

import json
import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str  # without the query string
    params: dict  # the query string, {name: [values]}
    body: object  # parsed JSON, a list for NDJSON (bulk), None when empty

    @property
    def segments(self):
        return [part for part in self.path.split("/") if part]


class StandInCluster:
    """An answering stand-in on 127.0.0.1. Searches answer `search_hits` (page ids, best first)
    with their `highlights`; with `fail_status` set, every request answers that status instead."""

    def __init__(self):
        self.requests = []
        self.search_hits = []
        self.highlights = {}  # page id -> the hit's "highlight"
        self.fail_status = None
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def close(self):
        self._server.shutdown()
        self._server.server_close()

    def record(self, request):
        with self._lock:
            self.requests.append(request)

    def requests_to(self, method, last_segment=None):
        return [
            request
            for request in list(self.requests)
            if request.method == method
            and (last_segment is None or request.segments[-1:] == [last_segment])
        ]

    def answer(self, request):
        """(status, JSON body or None) for `request`."""
        if self.fail_status:
            return self.fail_status, {"error": {"type": "unavailable"}, "status": self.fail_status}
        segments = request.segments
        action = next((part for part in segments if part.startswith("_")), None)
        if not segments:
            return 200, {
                "name": "stand-in",
                "cluster_name": "stand-in",
                "version": {"number": "9.1.0", "build_flavor": "default"},
                "tagline": "You Know, for Search",
            }
        if request.method == "HEAD":
            return 404, None  # no index or alias exists before it is made
        if action in ("_bulk",):
            return 200, self._bulk_answer(request)
        if action == "_search":
            return 200, self._search_answer(segments[0])
        if action == "_count":
            return 200, {"count": len(self.search_hits)}
        if action == "_doc":
            return 200, {"_index": segments[0], "_id": segments[-1], "result": "updated"}
        if action == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if action == "_alias" and request.method == "GET":
            return 200, {}
        return 200, {"acknowledged": True, "shards_acknowledged": True, "index": segments[0]}

    def _bulk_answer(self, request):
        lines = request.body or []
        items = []
        for line in lines:
            (operation, meta), *_ = line.items()
            if operation in ("index", "create", "update", "delete") and "_id" in meta:
                items.append({operation: {**meta, "status": 200, "result": "updated"}})
        return {"took": 1, "errors": False, "items": items}

    def _search_answer(self, index):
        hits = [
            {"_index": index, "_id": str(pk), "_score": 1.0, "fields": {"pk": [str(pk)]}}
            | ({"highlight": self.highlights[pk]} if pk in self.highlights else {})
            for pk in self.search_hits
        ]
        return {
            "took": 1,
            "timed_out": False,
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {
                "total": {"value": len(hits), "relation": "eq"},
                "max_score": 1.0,
                "hits": hits,
            },
        }


def _handler_for(cluster):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _handle(self):
            split = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(
                method=self.command,
                path=split.path,
                params=parse_qs(split.query),
                body=_parse(self.rfile.read(length)) if length else None,
            )
            cluster.record(request)
            status, body = cluster.answer(request)
            payload = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _handle

    return Handler


def _parse(raw):
    text = raw.decode()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]  # NDJSON


def refusing_url():
    """An address where nothing listens: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class BlackHole:
    """A socket that takes connections (the kernel completes them from the backlog) but never
    reads or answers: the client waits until its timeout."""

    def __init__(self):
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)

    @property
    def url(self):
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def close(self):
        self._socket.close()
