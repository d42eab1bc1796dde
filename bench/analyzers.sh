#!/usr/bin/env bash
# Cost of the structured analyzers: scans a generated corpus of CI, Kubernetes, Terraform, Helm,
# compose and source files with the analyzers on (default) and off (--max-parse-size 0), best of 3.
# Usage: bench/analyzers.sh [FILES_PER_KIND]        (needs target/sprawl.jar: mvn -B package -DskipTests)
#        TARGET=/path/to/repo bench/analyzers.sh   (a real checkout instead of the generated corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-400}
CORPUS=$(mktemp -d)
trap 'rm -rf "$CORPUS"' EXIT
python3 - "$CORPUS" "$N" <<'PY'
import os, random, string, sys, base64
root, n = sys.argv[1], int(sys.argv[2])
r = random.Random(1)
def rnd(k): return ''.join(r.choice(string.ascii_letters + string.digits) for _ in range(k))
def w(p, c):
    p = os.path.join(root, p); os.makedirs(os.path.dirname(p), exist_ok=True); open(p, 'w').write(c)
TF_DB = """resource "aws_db_instance" "db" {
  password = var.db_password
}
"""
for i in range(n):
    w(f"k8s/app{i}.yaml", "\n---\n".join(f"""apiVersion: apps/v1
kind: Deployment
metadata: {{name: app{i}-{j}, labels: {{team: t{i % 7}}}}}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          image: registry.internal.test/app:{j}
          env:
            - {{name: LOG_LEVEL, value: info}}
            - name: DB_PASSWORD
              valueFrom: {{secretKeyRef: {{name: db{j}, key: password}}}}
          resources: {{limits: {{cpu: 500m, memory: 256Mi}}}}""" for j in range(6)))
    w(f"k8s/secret{i}.yaml", f"apiVersion: v1\nkind: Secret\nmetadata: {{name: s{i}}}\ndata:\n  password: {base64.b64encode(rnd(16).encode()).decode()}\n  user: {base64.b64encode(b'app').decode()}\n")
    w(f"repo{i}/.github/workflows/ci.yml", f"name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      NPM_TOKEN: ${{{{ secrets.NPM_TOKEN }}}}\n    steps:\n" + "".join(f"      - run: make step{k}\n" for k in range(30)))
    w(f"infra{i}/main.tf", "".join(f'resource "aws_instance" "web{k}" {{\n  ami = "ami-{k}"\n  instance_type = "t3.micro"\n  tags = {{ owner = "team{k}" }}\n}}\n' for k in range(20)) + TF_DB)
    w(f"charts/c{i}/values.yaml", "".join(f"svc{k}:\n  image: nginx\n  replicas: {k}\n  auth:\n    existingSecret: s{k}\n" for k in range(20)))
    w(f"svc{i}/docker-compose.yml", "services:\n" + "".join(f"  s{k}:\n    image: x\n    environment:\n      LOG: debug\n" for k in range(10)))
    for k in range(5):
        w(f"src{i}/Main{k}.java", "public class Main {\n" + "".join(f"    int f{m}() {{ return {m}; }}\n" for m in range(120)) + "}\n")
PY
# best of 3, as wall and CPU (user + sys) seconds: CPU time is the steadier figure on a shared machine
run() {
  local best_wall=999999 best_cpu=999999
  for _ in 1 2 3; do
    local out
    out=$( { TIMEFORMAT='%R %U %S'; time java -jar target/sprawl.jar scan "$TARGET" -f json "$@" > /dev/null || true; } 2>&1 | tail -1)
    read -r wall user sys <<< "$out"
    best_wall=$(awk -v a="$best_wall" -v b="$wall" 'BEGIN { print (b < a) ? b : a }')
    best_cpu=$(awk -v a="$best_cpu" -v b="$user" -v c="$sys" 'BEGIN { print (b + c < a) ? b + c : a }')
  done
  echo "$best_wall $best_cpu"
}
TARGET=${TARGET:-$CORPUS}
files=$(find "$TARGET" -type f | wc -l); bytes=$(du -sb "$TARGET" | cut -f1)
read -r on_wall on_cpu <<< "$(run)"
read -r off_wall off_cpu <<< "$(run --max-parse-size 0)"
echo "target: $TARGET ($files files, $bytes bytes)"
echo "analyzers on:  wall ${on_wall} s, cpu ${on_cpu} s"
echo "analyzers off: wall ${off_wall} s, cpu ${off_cpu} s"
awk -v a="$on_cpu" -v b="$off_cpu" 'BEGIN { printf "cpu ratio on/off: %.2f\n", a / b }'
