#!/usr/bin/env python3
"""Load benchmark for the check-in path (issue: server core).

Starts build/admit on a temporary data directory, seeds PARTICIPANTS participants and SESSIONS
open unlimited sessions through the API, then drives it with wrk from the same machine:
  1. accept: POST /api/v1/checkin/accept, every request a distinct (participant, session) pair,
     so that each one is a durable 201 (64 connections);
  2. verify: POST /api/v1/checkin/verify-qr over random participants and sessions.
It reports throughput, wrk's latency percentiles, the server's resident memory, and the disk's
raw fsync rate, as JSON lines and a Markdown table for docs/performance.md.
"""
import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def call(base, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as res:
        return json.loads(res.read())


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def seed(base, participants, sessions):
    session_ids = []
    batch = [{"name": f"Bench session {i}", "startTime": "2020-01-01T00:00:00Z",
              "endTime": "2099-01-01T00:00:00Z", "isOpen": True, "capacity": 0} for i in range(sessions)]
    res = call(base, "POST", "/api/v1/sessions/bulk", {"sessions": batch})
    session_ids = [s["_id"] for s in res["data"]["created"]]
    for start in range(0, participants, 1000):
        people = [{"name": f"Bench Person {i}", "email": f"bench{i}@example.org"}
                  for i in range(start, min(participants, start + 1000))]
        call(base, "POST", "/api/v1/participants/bulk", {"participants": people})
    ids, qrs, page = [], [], 1
    while True:
        res = call(base, "GET", f"/api/v1/participants?limit=100&page={page}&sortOrder=asc")
        for p in res["data"]:
            ids.append(p["_id"])
            qrs.append(p["qrCode"])
        if not res["meta"]["hasNextPage"]:
            break
        page += 1
    return session_ids, ids, qrs


def write_lua(path, kind, session_ids, ids, qrs, threads):
    with open(path, "w") as f:
        f.write("sessions = {" + ",".join(f'"{s}"' for s in session_ids) + "}\n")
        if kind == "accept":
            f.write("people = {" + ",".join(f'"{p}"' for p in ids) + "}\n")
        else:
            f.write("people = {" + ",".join(f'"{q}"' for q in qrs) + "}\n")
        f.write(f"nthreads = {threads}\n")
        f.write("""
local counter = 1
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  counter = tonumber(args[1] or "0") + tid
  math.randomseed(tid * 7919 + os.time())
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
""")
        if kind == "accept":
            f.write("""
function request()
  -- pairs are dealt round-robin to threads, so no two requests share a pair
  local n = counter
  counter = counter + nthreads
  local p = people[(n % #people) + 1]
  local s = sessions[(math.floor(n / #people) % #sessions) + 1]
  return wrk.format(nil, "/api/v1/checkin/accept",
    nil, '{"participantId":"' .. p .. '","sessionId":"' .. s .. '","checkedInBy":"bench"}')
end
""")
        else:
            f.write("""
function request()
  local q = people[math.random(#people)]
  local s = sessions[math.random(#sessions)]
  return wrk.format(nil, "/api/v1/checkin/verify-qr", nil, '{"qrCode":"' .. q .. '","sessionId":"' .. s .. '"}')
end
""")
        f.write("""
function done(summary, latency, requests)
  io.write(string.format("JSON {\\"requests\\":%d,\\"seconds\\":%.3f,\\"non2xx\\":%d,\\"errors\\":%d," ..
    "\\"p50_ms\\":%.3f,\\"p90_ms\\":%.3f,\\"p99_ms\\":%.3f,\\"max_ms\\":%.3f}\\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
""")


def run_wrk(port, script, connections, seconds, threads, offset):
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency",
                          "-s", script, f"http://127.0.0.1:{port}", "--", str(offset)],
                         capture_output=True, text=True, check=True)
    line = next(l for l in out.stdout.splitlines() if l.startswith("JSON "))
    result = json.loads(line[5:])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=10000)
    ap.add_argument("--sessions", type=int, default=200)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--wrk-threads", type=int, default=1)
    ap.add_argument("--server-threads", type=int, default=0, help="0: the server's default")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "admit"))
    args = ap.parse_args()

    data = tempfile.mkdtemp(prefix="admit-bench-")
    port_file = os.path.join(data, "port")
    server = subprocess.Popen([args.binary, "serve", "--port", "0", "--data", data, "--port-file", port_file,
                               "--threads", str(args.server_threads), "--log-level", "warn", "--auth", "off",
                               "--rate-limit", "off"])
    try:
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        port = int(open(port_file).read())
        base = f"http://127.0.0.1:{port}"
        t0 = time.time()
        session_ids, ids, qrs = seed(base, args.participants, args.sessions)
        seeded = time.time() - t0
        rss_seeded = rss_kib(server.pid)

        results = {"accept": [], "verify": []}
        for kind in ("verify", "accept"):
            script = os.path.join(data, f"{kind}.lua")
            write_lua(script, kind, session_ids, ids, qrs, args.wrk_threads)
            for run in range(args.runs):
                # every accept run starts on pairs no earlier run used (each must be a fresh 201)
                r = run_wrk(port, script, args.connections, args.seconds, args.wrk_threads, run * 600000)
                r["rss_mib"] = rss_kib(server.pid) / 1024
                results[kind].append(r)
                print(json.dumps({"kind": kind, "run": run, **r}), flush=True)
            if kind == "verify":
                rss_after_verify = rss_kib(server.pid)

        fsync = json.loads(subprocess.run([os.path.join(ROOT, "build", "fsync_rate"), data, "500"],
                                          capture_output=True, text=True, check=True).stdout)
        stats = call(base, "GET", "/api/v1/checkin/stats")["data"]
        accepted_201 = sum(r["requests"] - r["non2xx"] for r in results["accept"])

        def median(xs):
            xs = sorted(xs)
            return xs[len(xs) // 2]

        summary = {
            "machine": f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
                       f"{re.sub(' +', ' ', open('/proc/cpuinfo').read().split('model name')[1].split(':')[1].splitlines()[0].strip())}",
            "seed_seconds": round(seeded, 1),
            "participants": args.participants, "sessions": args.sessions,
            "accept_rps_median": round(median([r["rps"] for r in results["accept"]])),
            "accept_p99_ms_median": round(median([r["p99_ms"] for r in results["accept"]]), 2),
            "accept_p50_ms_median": round(median([r["p50_ms"] for r in results["accept"]]), 2),
            "accept_non2xx": sum(r["non2xx"] for r in results["accept"]),
            "verify_rps_median": round(median([r["rps"] for r in results["verify"]])),
            "verify_p99_ms_median": round(median([r["p99_ms"] for r in results["verify"]]), 2),
            "rss_mib_seeded": round(rss_seeded / 1024, 1),
            "rss_mib_after_verify": round(rss_after_verify / 1024, 1),
            "rss_mib_end": round(rss_kib(server.pid) / 1024, 1),
            "checkins_stored": stats["total"], "accept_201_seen_by_wrk": accepted_201,
            "fsync_per_second": fsync["per_second"], "fsync_median_us": fsync["median_us"],
            "reference_capacity_rps": 3000 / 60,
        }
        summary["accept_vs_fsync_ratio"] = round(summary["accept_rps_median"] / fsync["per_second"], 1)
        print("SUMMARY " + json.dumps(summary), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
