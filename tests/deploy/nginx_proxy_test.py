#!/usr/bin/python3
"""admit behind a real nginx (Debian's package) running the shipped deploy/nginx/nginx.conf, moved
to loopback ports with a throwaway certificate: the HTTP->HTTPS redirect, the REST API, request
ids, rate limiting, and Socket.IO over long-polling and WebSocket through the proxy.
Usage: nginx_proxy_test.py <admit binary>. Exit 77 (skipped) without nginx, openssl or python3-socketio."""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHIPPED = os.path.join(HERE, "..", "..", "deploy", "nginx", "nginx.conf")

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
if NGINX is None or shutil.which("openssl") is None:
    print("nginx or openssl is not installed: skipped")
    sys.exit(77)
try:
    import requests  # python3-socketio's polling transport
    import urllib3
    import socketio
except ImportError as e:
    print(f"{e.name} is not installed: skipped")
    sys.exit(77)


urllib3.disable_warnings()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, what):
    deadline = time.time() + 20
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"{what} is not listening on {port}")


def substitute(text, old, new, count=None):
    """Replaces `old` (a literal) and insists that the shipped file still has it."""
    found = text.count(old)
    assert found > 0 and (count is None or found == count), f"deploy/nginx/nginx.conf no longer contains {old!r}"
    return text.replace(old, new)


def loopback_config(tmp, admit_port, http_port, https_port):
    text = open(SHIPPED).read()
    user = "user root;" if os.geteuid() == 0 else ""
    text = substitute(text, "user nginx;", user, 1)
    text = substitute(text, "pid /var/run/nginx.pid;", f"pid {tmp}/nginx.pid;", 1)
    text = substitute(text, "error_log /var/log/nginx/error.log warn;", f"error_log {tmp}/error.log info;", 1)
    text = substitute(text, "access_log /var/log/nginx/access.log admit;", f"access_log {tmp}/access.log admit;", 1)
    text = substitute(text, "/var/cache/nginx/admit", f"{tmp}/cache", 1)
    text = substitute(text, "server admit:3000;", f"server 127.0.0.1:{admit_port};", 1)
    text = substitute(text, "listen 80;", f"listen 127.0.0.1:{http_port};", 1)
    text = substitute(text, "listen [::]:80;", "", 1)
    text = substitute(text, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", 1)
    text = substitute(text, "listen [::]:443 ssl http2;", "", 1)
    text = substitute(text, "/etc/nginx/certs/", f"{tmp}/certs/", 2)
    # Debian's build keeps its temporary files under /var/lib/nginx; these go to the test's directory.
    temp_paths = "".join(f"    {kind}_temp_path {tmp}/{kind}_temp;\n"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    text = substitute(text, "http {\n", "http {\n" + temp_paths, 1)
    path = os.path.join(tmp, "nginx.conf")
    open(path, "w").write(text)
    return path


class Proxy:
    def __init__(self, https_port):
        self.port = https_port
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.context, timeout=10)
        all_headers = {"Content-Type": "application/json"} if body is not None else {}
        all_headers.update(headers or {})
        conn.request(method, path, body=None if body is None else json.dumps(body), headers=all_headers)
        res = conn.getresponse()
        raw = res.read()
        conn.close()
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = None
        return res.status, {k.lower(): v for k, v in res.getheaders()}, parsed, raw


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def test_redirect(http_port):
    conn = http.client.HTTPConnection("127.0.0.1", http_port, timeout=5)
    conn.request("GET", "/api/v1/health/live", headers={"Host": "checkin.example.org"})
    res = conn.getresponse()
    res.read()
    check(res.status == 301, f"port 80 answered {res.status}")
    check(res.getheader("Location") == "https://checkin.example.org/api/v1/health/live", res.getheader("Location"))


def test_rest(proxy):
    status, headers, body, raw = proxy.request("GET", "/api/v1/health/live")
    check(status == 200 and body["data"] == {"status": "ok"}, f"{status} {raw!r}")
    # nginx's $request_id reaches admit, which echoes it: one id in both logs.
    check(re.fullmatch(r"[0-9a-f]{32}", headers.get("x-request-id", "")), headers)
    check("server" not in headers or "nginx/" not in headers["server"], "server_tokens leak the version")

    start = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() - 300))
    end = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + 3600))
    status, _, session, raw = proxy.request("POST", "/api/v1/sessions", {
        "name": "Proxied keynote", "startTime": start, "endTime": end, "isOpen": True, "capacity": 50})
    check(status == 201, f"create session: {status} {raw!r}")
    status, _, person, raw = proxy.request("POST", "/api/v1/participants", {
        "name": "Proxied Guest", "email": "proxied@example.org"})
    check(status == 201, f"create participant: {status} {raw!r}")

    # A large list compresses (gzip in the shipped config).
    status, headers, _, _ = proxy.request("GET", "/api/v1/sessions?limit=100", headers={"Accept-Encoding": "gzip"})
    check(status == 200, status)
    return session["data"], person["data"]


def test_realtime(proxy, https_port, session, person, transports):
    # The throwaway certificate is self-signed: no verification, for polling (requests) and WebSocket.
    insecure = requests.Session()
    insecure.verify = False
    insecure.trust_env = False  # REQUESTS_CA_BUNDLE in the environment would turn verification back on
    client = socketio.Client(reconnection=False, ssl_verify=False, http_session=insecure)
    connected = threading.Event()
    accepted = threading.Event()
    got = {}

    @client.on("connected", namespace="/realtime")
    def on_connected(data):
        connected.set()

    @client.on("checkin:accepted", namespace="/realtime")
    def on_accepted(payload):
        if payload.get("data", {}).get("sessionId") == session["_id"]:
            got.update(payload)
            accepted.set()

    client.connect(f"https://127.0.0.1:{https_port}", namespaces=["/realtime"], transports=transports)
    try:
        check(connected.wait(10), f"{transports}: no 'connected' event through nginx")
        check(client.transport() == transports[-1], f"{transports}: ended on {client.transport()}")
        client.emit("subscribe:sessions", namespace="/realtime")
        time.sleep(0.3)
        status, _, _, raw = proxy.request("POST", "/api/v1/checkin/accept",
                                          {"participantId": person["_id"], "sessionId": session["_id"]})
        check(status in (201, 409) or "already" in raw.decode(), f"accept: {status} {raw!r}")
        if status == 201:
            check(accepted.wait(10), f"{transports}: the check-in event did not come through nginx")
            check(got["data"]["participantId"] == person["_id"], got)
        # Several heartbeats through the proxy (Engine.IO pings every 25 s by default: a long poll
        # or an idle WebSocket must survive nginx's timeouts).
        time.sleep(1.0)
        check(client.connected, f"{transports}: dropped")
    finally:
        client.disconnect()


def test_login_rate_limit(proxy):
    # 10 a minute with a burst of 5: a quick dozen must meet nginx's 429.
    statuses = [proxy.request("POST", "/api/v1/auth/login", {"username": "nobody", "password": "wrong"})[0]
                for _ in range(12)]
    check(429 in statuses, f"no 429 from the login limit: {statuses}")
    # Other routes are not affected by the login zone.
    check(proxy.request("GET", "/api/v1/health/live")[0] == 200, "health limited with login")


def test_static_cache(proxy):
    status, _, _, raw = proxy.request("GET", "/")
    assets = re.findall(rb'(/assets/[^"\']+\.(?:js|css))', raw) if status == 200 else []
    if not assets:
        print("no built web UI with /assets/: static caching not exercised")
        return
    asset = assets[0].decode()
    first = proxy.request("GET", asset)
    second = proxy.request("GET", asset)
    check(first[0] == 200 and second[0] == 200, (first[0], second[0]))
    check("immutable" in second[1].get("cache-control", ""), second[1])
    check(second[1].get("x-cache-status") == "HIT", second[1])


def main():
    admit = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="admit-nginx-")
    os.chmod(tmp, 0o755)
    os.makedirs(f"{tmp}/certs")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-keyout", f"{tmp}/certs/privkey.pem", "-out", f"{tmp}/certs/fullchain.pem"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    help_text = subprocess.run([admit, "serve", "--help"], capture_output=True, text=True).stdout
    args = [admit, "serve", "--port", "0", "--port-file", f"{tmp}/port", "--data", f"{tmp}/data", "--log-level", "warn"]
    if "--auth" in help_text:
        args += ["--auth", "off"]
    if "--rate-limit" in help_text:
        args += ["--rate-limit", "off"]
    server = subprocess.Popen(args)
    nginx = None
    try:
        deadline = time.time() + 20
        while not (os.path.exists(f"{tmp}/port") and open(f"{tmp}/port").read().strip()):
            check(time.time() < deadline and server.poll() is None, "admit did not start")
            time.sleep(0.02)
        admit_port = int(open(f"{tmp}/port").read().split()[0])
        http_port, https_port = free_port(), free_port()
        conf = loopback_config(tmp, admit_port, http_port, https_port)
        tested = subprocess.run([NGINX, "-t", "-p", tmp, "-c", conf], capture_output=True, text=True)
        check(tested.returncode == 0, f"nginx -t refused the shipped config:\n{tested.stderr}")
        nginx = subprocess.Popen([NGINX, "-p", tmp, "-c", conf, "-g", "daemon off;"])
        wait_for_port(https_port, nginx, "nginx")
        wait_for_port(http_port, nginx, "nginx")
        proxy = Proxy(https_port)

        test_redirect(http_port)
        session, person = test_rest(proxy)
        test_realtime(proxy, https_port, session, person, ["polling"])
        _, _, other, _ = proxy.request("POST", "/api/v1/participants", {"name": "Second", "email": "second@example.org"})
        test_realtime(proxy, https_port, session, other["data"], ["websocket"])
        _, _, third, _ = proxy.request("POST", "/api/v1/participants", {"name": "Third", "email": "third@example.org"})
        test_realtime(proxy, https_port, session, third["data"], ["polling", "websocket"])
        test_static_cache(proxy)
        test_login_rate_limit(proxy)
        print("nginx in front of admit: all passed")
    except Exception:
        if os.path.exists(f"{tmp}/error.log"):
            sys.stderr.write(open(f"{tmp}/error.log").read()[-4000:])
        raise
    finally:
        if nginx is not None:
            nginx.send_signal(signal.SIGQUIT)
            try:
                nginx.wait(10)
            except subprocess.TimeoutExpired:
                nginx.kill()
        server.terminate()
        server.wait(15)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
