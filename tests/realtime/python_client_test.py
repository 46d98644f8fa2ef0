#!/usr/bin/python3
"""Debian's python3-socketio client against `admit sio-echo`: WebSocket only, and long-polling
(python3-requests) with and without the upgrade to WebSocket. Usage: python_client_test.py <admit>"""
import os
import subprocess
import sys
import tempfile
import threading
import time

try:
    import requests  # noqa: F401  (the polling transport of python3-socketio needs it)
    import socketio
except ImportError as e:  # ctest reports exit status 77 as skipped (scripts/install-deps.sh installs both)
    print(f"{e.name} is not installed: skipped")
    sys.exit(77)


def start(binary):
    tmp = tempfile.mkdtemp(prefix="admit-py-")
    port_file = os.path.join(tmp, "port")
    proc = subprocess.Popen([binary, "sio-echo", "--port", "0", "--port-file", port_file],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while not (os.path.exists(port_file) and open(port_file).read().strip()):
        if time.time() > deadline:
            proc.kill()
            raise SystemExit("admit did not start")
        time.sleep(0.02)
    return proc, int(open(port_file).read())


def session(port, transports):
    """Connect with `transports`, check auth, an acknowledged call, an event round trip and the
    heartbeat; returns the transport the client ended on."""
    client = socketio.Client(reconnection=False)
    got_auth = threading.Event()
    auth = {}
    back = []
    got_back = threading.Event()

    @client.on("auth")
    def on_auth(data):
        auth.update(data)
        got_auth.set()

    @client.on("message-back")
    def on_back(*args):
        back.extend(args)
        got_back.set()

    client.connect(f"http://127.0.0.1:{port}", transports=transports, auth={"user": "py"})
    try:
        assert got_auth.wait(5), f"{transports}: no auth event"
        assert auth == {"user": "py"}, auth
        reply = client.call("message-with-ack", {"n": 42}, timeout=5)
        assert reply == {"n": 42}, reply
        client.emit("message", ["a", 1, {"b": None}])
        assert got_back.wait(5), f"{transports}: no message-back"
        assert back == [["a", 1, {"b": None}]], back
        time.sleep(0.8)  # a few ping intervals: the client must answer the heartbeat
        assert client.connected, f"{transports}: disconnected"
        return client.transport()
    finally:
        client.disconnect()


def main():
    proc, port = start(sys.argv[1])
    try:
        assert session(port, ["websocket"]) == "websocket"
        assert session(port, ["polling"]) == "polling"
        assert session(port, ["polling", "websocket"]) == "websocket"  # upgraded
        print("python3-socketio: all passed")
    finally:
        proc.terminate()
        proc.wait(5)


if __name__ == "__main__":
    main()
