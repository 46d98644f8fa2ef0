#!/usr/bin/python3
"""Debian's python3-socketio client against `admit sio-echo` (WebSocket transport; the Debian
package lacks `requests`, which its polling transport needs). Usage: python_client_test.py <admit>"""
import os
import subprocess
import sys
import tempfile
import threading
import time

try:
    import socketio
except ImportError:  # ctest reports exit status 77 as skipped
    print("python3-socketio is not installed: skipped")
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


def main():
    proc, port = start(sys.argv[1])
    try:
        client = socketio.Client(reconnection=False)
        got_auth = threading.Event()
        auth = {}

        @client.on("auth")
        def on_auth(data):
            auth.update(data)
            got_auth.set()

        client.connect(f"http://127.0.0.1:{port}", transports=["websocket"], auth={"user": "py"})
        assert got_auth.wait(5), "no auth event"
        assert auth == {"user": "py"}, auth
        reply = client.call("message-with-ack", {"n": 42}, timeout=5)
        assert reply == {"n": 42}, reply
        time.sleep(0.8)  # a few ping intervals: the client must answer the heartbeat
        assert client.connected
        client.disconnect()
        print("python3-socketio: all passed")
    finally:
        proc.terminate()
        proc.wait(5)


if __name__ == "__main__":
    main()
