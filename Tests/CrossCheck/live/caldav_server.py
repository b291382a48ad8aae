"""A real CalDAV server on 127.0.0.1 with a kernel-picked port and password auth, for the live-calendar
tests: Radicale (PyPI, run by the test virtualenv's python) or Xandikos (Debian's python3-xandikos, run
by /usr/bin/python3). Both are WSGI applications served here by wsgiref; Xandikos has no login of its own
(its docs put it behind a proxy), so both sit behind the same HTTP Basic check.

    python caldav_server.py radicale|xandikos DATA_DIR USER PASSWORD

prints the port on the first line of stdout, then serves until stdin closes (the test's end) or at most
TIMEOUT seconds (default 900), so it never outlives the test run. GET /__counts answers (without login)
a JSON object of the requests served per method, for the tests that count what convene asked.
"""

import base64
import io
import json
import os
import sys
import threading
from collections import Counter
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def radicale_app(data_dir, user, password):
    import radicale
    import radicale.config

    users = os.path.join(data_dir, "users")
    with open(users, "w") as f:
        f.write(f"{user}:{password}\n")
    config_path = os.path.join(data_dir, "config")
    with open(config_path, "w") as f:
        f.write(f"""[auth]
type = htpasswd
htpasswd_filename = {users}
htpasswd_encryption = plain
[rights]
type = owner_only
[storage]
filesystem_folder = {os.path.join(data_dir, "collections")}
[logging]
level = warning
""")
    configuration = radicale.config.load([(config_path, False)])
    return radicale.Application(configuration)


def xandikos_app(data_dir):
    from xandikos.web import XandikosApp, XandikosBackend

    root = os.path.join(data_dir, "xandikos")
    os.makedirs(root, exist_ok=True)
    backend = XandikosBackend(root)
    backend._mark_as_principal("/user/")
    backend.create_principal("/user/", create_defaults=True)
    return XandikosApp(backend, current_user_principal="/user/")


def main():
    kind, data_dir, user, password = sys.argv[1:5]
    app = radicale_app(data_dir, user, password) if kind == "radicale" else xandikos_app(data_dir)
    expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    counts = Counter()
    lock = threading.Lock()

    def guarded(environ, start_response):
        if environ.get("PATH_INFO") == "/__counts":
            with lock:
                body = json.dumps(counts).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        with lock:
            counts[environ.get("REQUEST_METHOD", "?")] += 1
        if environ.get("HTTP_AUTHORIZATION") != expected:
            start_response("401 Unauthorized", [("WWW-Authenticate", 'Basic realm="test"'), ("Content-Length", "0")])
            return [b""]
        # Xandikos reads the body to its end; wsgiref's stream would wait for the client to close: hand
        # the application exactly Content-Length bytes.
        length = int(environ.get("CONTENT_LENGTH") or 0)
        environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(length) if length > 0 else b"")
        return app(environ, start_response)

    server = make_server("127.0.0.1", 0, guarded, server_class=ThreadingServer, handler_class=QuietHandler)
    print(server.server_port, flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait(float(os.environ.get("TIMEOUT", "900")))
    server.shutdown()


if __name__ == "__main__":
    main()
