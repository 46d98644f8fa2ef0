#!/bin/sh
# promtool (Debian's prometheus package) on the shipped Prometheus files: syntax of the config and
# the rules, then the alert rules' unit tests (tests/deploy/alerts_test.yml). Exit 77: skipped.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
deploy="$here/../../deploy/prometheus"
if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool is not installed (apt-get install prometheus): skipped"
  exit 77
fi
promtool check rules "$deploy/alerts.yml"
promtool check config "$deploy/prometheus.yml"
cd "$here" && promtool test rules alerts_test.yml
