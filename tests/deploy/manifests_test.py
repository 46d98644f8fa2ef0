#!/usr/bin/python3
"""Checks the deployment files in deploy/ without Docker or a cluster: they parse, they keep the
promised properties (non-root, read-only root filesystem, health checks, one replica with the
300-person review's resources, hardened systemd unit), the image's packages match what the binary
links and what scripts/install-deps.sh installs, and every metric the alerts and the dashboard use
is one admit really exports. Usage: manifests_test.py <admit binary>."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

try:
    import yaml
except ImportError:
    print("python3-yaml is not installed: skipped")
    sys.exit(77)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEPLOY = os.path.join(ROOT, "deploy")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def load(path):
    with open(os.path.join(DEPLOY, path)) as f:
        return yaml.safe_load(f)


def dockerfile_stages():
    text = open(os.path.join(DEPLOY, "Dockerfile")).read()
    text = re.sub(r"\\\n", " ", text)
    stages = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("FROM "):
            stages.append([])
        if stages and line and not line.startswith("#"):
            stages[-1].append(line)
    return stages


def apt_packages(lines):
    packages = set()
    for line in lines:
        if "apt-get install" in line:
            words = line.split("apt-get install", 1)[1].split("&&")[0].split()
            packages |= {w for w in words if not w.startswith("-")}
    return packages


def test_dockerfile():
    stages = dockerfile_stages()
    check(len(stages) >= 2, "the Dockerfile is not multi-stage")
    final = stages[-1]
    check(final[0].startswith("FROM debian:bookworm"), f"runtime stage is {final[0]}")
    users = [l for l in final if l.startswith("USER ")]
    check(users and not users[-1].split()[1].startswith(("root", "0")), f"runtime user: {users}")
    check(any(l.startswith("HEALTHCHECK") and "/api/v1/health/live" in l for l in final), "no HEALTHCHECK on /live")
    check(any(l.startswith("VOLUME") and "/data" in l for l in final), "no /data volume")
    build = next(s for s in stages if "AS build" in s[0])
    check(build[0].startswith("FROM debian:bookworm"), f"build stage is {build[0]}")

    # The build stage installs the -dev packages of scripts/install-deps.sh (test-only ones aside).
    deps = open(os.path.join(ROOT, "scripts", "install-deps.sh")).read()
    listed = set(re.findall(r"[a-z0-9.+-]+-dev\b", deps.split("packages=(", 1)[1].split(")", 1)[0]))
    wanted = {p for p in listed if not p.startswith(("libgtest", "libgmock", "libbenchmark", "libclang"))}
    built_with = apt_packages(build)
    check(wanted <= built_with, f"Dockerfile build stage lacks {sorted(wanted - built_with)} (scripts/install-deps.sh)")

    # The runtime stage installs the package of every shared library the binary needs.
    runtime = apt_packages(final)
    if shutil.which("dpkg") and len(sys.argv) > 1:
        ldd = subprocess.run(["ldd", sys.argv[1]], capture_output=True, text=True).stdout
        needed = set()
        for lib in re.findall(r"=> (\S+)", ldd):
            owner = subprocess.run(["dpkg", "-S", os.path.realpath(lib)], capture_output=True, text=True)
            if owner.returncode == 0:
                needed.add(owner.stdout.split(":")[0])
        base = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libbz2-1.0"}  # in debian:bookworm-slim
        # A sanitizer build (scripts/sanitize.sh) links its runtime; the image ships the Release build.
        sanitizer_runtimes = {"libasan8", "libtsan2", "libubsan1", "liblsan0"}
        missing = needed - base - runtime - sanitizer_runtimes
        check(not missing, f"the runtime image lacks the packages of {sorted(missing)}")


def test_compose():
    compose = load("docker-compose.yml")
    admit = compose["services"]["admit"]
    check(admit.get("read_only") is True, "compose: admit's root filesystem is not read-only")
    check(not str(admit.get("user", "0")).startswith("0"), "compose: admit runs as root")
    check("ALL" in admit.get("cap_drop", []), "compose: capabilities not dropped")
    check(any(v.endswith(":/data") for v in admit["volumes"]), "compose: no volume for /data")
    check(any(t.startswith("/tmp") for t in admit.get("tmpfs", [])), "compose: no tmpfs for /tmp")
    check(admit["environment"]["ADMIT_DATA"] == "/data", "compose: ADMIT_DATA")
    build = admit["build"]
    check(os.path.exists(os.path.join(DEPLOY, build["context"], build["dockerfile"])), "compose: Dockerfile path")
    nginx = compose["services"]["nginx"]
    check(nginx.get("profiles") == ["tls"], "compose: nginx is not optional (profile tls)")
    mounted = [v.split(":")[0] for v in nginx["volumes"]]
    check(os.path.exists(os.path.join(DEPLOY, mounted[0])), f"compose: {mounted[0]} does not exist")
    check(nginx["depends_on"]["admit"]["condition"] == "service_healthy", "compose: nginx does not wait for health")
    # The trusted proxy range covers nginx's fixed address.
    check(admit["environment"]["ADMIT_TRUSTED_PROXIES"].startswith("172.30.80."), "compose: trusted proxy range")


def test_kubernetes():
    docs = {}
    for path in sorted(glob.glob(os.path.join(DEPLOY, "kubernetes", "*.yaml"))):
        with open(path) as f:
            for doc in yaml.safe_load_all(f):
                docs.setdefault(doc["kind"], []).append(doc)
    check("HorizontalPodAutoscaler" not in docs, "kubernetes: an autoscaler (the review says none)")
    kustomization = docs["Kustomization"][0]
    present = {os.path.basename(p) for p in glob.glob(os.path.join(DEPLOY, "kubernetes", "*.yaml"))}
    check(set(kustomization["resources"]) == present - {"kustomization.yaml"}, "kustomization does not list every file")
    deployment = docs["Deployment"][0]["spec"]
    check(deployment["replicas"] == 1, "kubernetes: more than one replica")
    check(deployment["strategy"]["type"] == "Recreate", "kubernetes: a rolling update would run two writers")
    pod = deployment["template"]["spec"]
    check(pod["securityContext"]["runAsNonRoot"] is True, "kubernetes: may run as root")
    container = pod["containers"][0]
    check(container["securityContext"]["readOnlyRootFilesystem"] is True, "kubernetes: writable root filesystem")
    check(container["securityContext"]["allowPrivilegeEscalation"] is False, "kubernetes: privilege escalation")
    check(container["resources"] == {"requests": {"cpu": "100m", "memory": "256Mi"},
                                     "limits": {"cpu": "500m", "memory": "512Mi"}},
          f"kubernetes: resources differ from the 300-person review: {container['resources']}")
    check(container["livenessProbe"]["httpGet"]["path"] == "/api/v1/health/live", "kubernetes: liveness probe")
    check(container["readinessProbe"]["httpGet"]["path"] == "/api/v1/health/ready", "kubernetes: readiness probe")
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    check({"/data", "/tmp"} <= mounts, f"kubernetes: mounts {mounts}")
    check(docs["PersistentVolumeClaim"][0]["spec"]["accessModes"] == ["ReadWriteOnce"], "kubernetes: PVC access mode")
    if shutil.which("kubectl"):
        built = subprocess.run(["kubectl", "kustomize", os.path.join(DEPLOY, "kubernetes")], capture_output=True, text=True)
        check(built.returncode == 0, f"kubectl kustomize failed: {built.stderr}")


def test_systemd(binary):
    unit = open(os.path.join(DEPLOY, "systemd", "admit.service")).read()
    for directive in ("NoNewPrivileges=yes", "ProtectSystem=strict", "DynamicUser=yes", "StateDirectory=admit",
                      "CapabilityBoundingSet=\n", "PrivateTmp=yes", "SystemCallFilter=@system-service",
                      "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "LimitNOFILE=65536",
                      "ExecStart=/usr/local/bin/admit serve", "RestartPreventExitStatus=2 3 4"):
        check(directive in unit, f"systemd unit lacks {directive.strip()}")
    analyze = shutil.which("systemd-analyze")
    if analyze and binary:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "admit.service")
            open(path, "w").write(unit.replace("/usr/local/bin/admit", os.path.abspath(binary)))
            verified = subprocess.run([analyze, "verify", path], capture_output=True, text=True)
            problems = [l for l in verified.stderr.splitlines()
                        if "admit.service" in l and "Documentation" not in l and "network-online" not in l]
            check(not problems, "systemd-analyze verify: " + "\n".join(problems))


def exported_metrics(binary):
    """Starts admit, opens a session with a capacity, and returns the metric names it exports."""
    tmp = tempfile.mkdtemp(prefix="admit-manifests-")
    help_text = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True).stdout
    args = [binary, "serve", "--port", "0", "--port-file", f"{tmp}/port", "--data", f"{tmp}/data",
            "--log-level", "warn", "--metrics-address", "127.0.0.1:0",
            "--backup-interval-minutes", "60", "--backup-dir", f"{tmp}/backups"]
    args += ["--auth", "off"] if "--auth" in help_text else []
    args += ["--rate-limit", "off"] if "--rate-limit" in help_text else []
    server = subprocess.Popen(args, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 20
        while len(open(f"{tmp}/port").read().split()) < 2 if os.path.exists(f"{tmp}/port") else True:
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit("admit did not start with a metrics listener")
            time.sleep(0.02)
        api_port, metrics_port = open(f"{tmp}/port").read().split()[:2]
        now = time.time()
        body = json.dumps({"name": "Metered", "capacity": 10, "isOpen": True,
                           "startTime": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 60)),
                           "endTime": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 3600))}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{api_port}/api/v1/sessions", data=body,
                                         headers={"Content-Type": "application/json"}, method="POST")
        urllib.request.urlopen(request, timeout=10).read()
        urllib.request.urlopen(f"http://127.0.0.1:{api_port}/api/v1/health/live", timeout=10).read()
        time.sleep(0.5)  # the first backup
        text = urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10).read().decode()
        return set(re.findall(r"^# TYPE (\S+) ", text, re.M))
    finally:
        server.terminate()
        server.wait(15)
        shutil.rmtree(tmp, ignore_errors=True)


def used_metrics():
    exprs = [rule["expr"] for group in load("prometheus/alerts.yml")["groups"] for rule in group["rules"]]
    dashboard = json.load(open(os.path.join(DEPLOY, "grafana", "admit-dashboard.json")))
    check(len({p["id"] for p in dashboard["panels"]}) == len(dashboard["panels"]), "dashboard: duplicate panel ids")
    exprs += [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    names = set()
    for e in exprs:
        names |= set(re.findall(r"\b((?:admit|http|process)_[a-z_]+)", e))
    # Histograms are exported as one family; the queries name its _bucket series.
    return {re.sub(r"_(bucket|sum|count)$", "", n) for n in names}


def test_metrics(binary):
    exported = exported_metrics(binary)
    exported |= {re.sub(r"_total$", "", n) for n in exported}
    for name in sorted(used_metrics()):
        check(name in exported or name + "_total" in exported or re.sub(r"_total$", "", name) in exported,
              f"alerts or dashboard use {name}, which admit does not export")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else None
    test_dockerfile()
    test_compose()
    test_kubernetes()
    test_systemd(binary)
    if binary:
        test_metrics(binary)
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("deploy/: all checks passed")


if __name__ == "__main__":
    main()
