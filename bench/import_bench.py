#!/usr/bin/env python3
"""Benchmark for participant imports (issue: the rest of the reference API, B2).

Target: import 100,000 participants from a CSV file in at most 3 seconds.
Generates a 100,000-row CSV (name, email, organization, phone), then, RUNS times each on a fresh
data directory:
  1. cli:  `admit import participants FILE` (wall time of the whole process: read, parse, one
     write job, commit);
  2. http: POST /api/v1/bulk/upload/participants with the file as multipart/form-data against a
     running `admit serve` (wall time of the request, from first byte sent to answer).
Prints each run and the medians as JSON lines and a Markdown row for docs/performance.md.
Usage: bench/import_bench.py [--binary build/admit] [--rows 100000] [--runs 5]
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_csv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("name,email,organization,phone\n")
        for i in range(rows):
            f.write(f"Person {i},person{i}@example.org,Org {i % 50},+4915{i:08d}\n")


def run_cli(binary, csv, rows):
    data = tempfile.mkdtemp(prefix="admit-import-bench-")
    try:
        start = time.perf_counter()
        out = subprocess.run([binary, "import", "participants", csv, "--data", data, "--log-level", "warn"],
                             check=True, capture_output=True, text=True).stdout
        elapsed = time.perf_counter() - start
        if f"{rows} created, 0 failed" not in out:
            sys.exit(f"unexpected output: {out}")
        return elapsed
    finally:
        shutil.rmtree(data, ignore_errors=True)


def run_http(binary, csv, rows):
    data = tempfile.mkdtemp(prefix="admit-import-bench-")
    port_file = os.path.join(data, "port")
    server = subprocess.Popen([binary, "serve", "--port", "0", "--data", os.path.join(data, "db"),
                               "--port-file", port_file, "--log-level", "warn", "--auth", "off"])
    try:
        for _ in range(500):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.01)
        port = int(open(port_file).read())
        with open(csv, "rb") as f:
            content = f.read()
        body = (b"--BENCH\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
                b"Content-Type: text/csv\r\n\r\n" + content + b"\r\n--BENCH--\r\n")
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/bulk/upload/participants", data=body,
                                     method="POST",
                                     headers={"Content-Type": "multipart/form-data; boundary=BENCH"})
        start = time.perf_counter()
        with urllib.request.urlopen(req, timeout=120) as res:
            answer = json.load(res)
        elapsed = time.perf_counter() - start
        if answer["data"] != {"created": rows, "failed": 0}:
            sys.exit(f"unexpected answer: {answer['data']}")
        return elapsed
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "admit"))
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="admit-import-csv-")
    try:
        csv = os.path.join(work, "people.csv")
        make_csv(csv, args.rows)
        size = os.path.getsize(csv)
        results = {}
        for mode, fn in (("cli", run_cli), ("http", run_http)):
            times = [fn(args.binary, csv, args.rows) for _ in range(args.runs)]
            results[mode] = statistics.median(times)
            print(json.dumps({"mode": mode, "rows": args.rows, "bytes": size,
                              "runs_s": [round(t, 3) for t in times], "median_s": round(results[mode], 3)}))
        machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
        print(f"| {args.rows:,} rows ({size / 1e6:.1f} MB CSV) | {results['cli']:.2f} s | {results['http']:.2f} s "
              f"| 3 s | {machine} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
