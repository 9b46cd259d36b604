/**
 * Fake kind, docker, helm and kubectl executables for tests: each appends its argv (one line,
 * arguments joined by a tab) to a log, and behaves as the FAKE_* variables say.
 *   FAKE_KIND_VERSION   what `kind version` prints (default "kind v0.26.0 go1.23.4 linux/amd64")
 *   FAKE_KIND_CREATE    ok | fail | sleep (sleep: wait to be killed, like a slow image pull)
 *   FAKE_DOCKER         ok | down
 *   FAKE_HELM           ok | fail
 *   FAKE_VCLUSTER_KUBECONFIG_B64  what `kubectl get secret vc-…` prints
 *   FAKE_VALUES_COPY    a folder where helm copies each `--values` file (values-1.yaml, …), since
 *                       the run removes its temporary files before a test can read them
 *   FAKE_CWD_LOG        a file where each call appends its tool, working folder and how many entries that folder holds
 */
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface FakeTools {
  bin: string
  log: string
  /** The recorded calls, each as an argv array with the tool name first. */
  calls: () => Promise<string[][]>
}

const record = (tool: string): string =>
  `printf '%s' ${tool} >> "$FAKE_LOG"; for a in "$@"; do printf '\\t%s' "$a" >> "$FAKE_LOG"; done; printf '\\n' >> "$FAKE_LOG"
[ -n "$FAKE_CWD_LOG" ] && printf '%s\\t%s\\t%s\\n' ${tool} "$PWD" "$(ls -A | wc -l)" >> "$FAKE_CWD_LOG"`

const SCRIPTS: Record<string, string> = {
  kind: `${record('kind')}
case "$1" in
  version) echo "\${FAKE_KIND_VERSION:-kind v0.26.0 go1.23.4 linux/amd64}" ;;
  create)
    case "\${FAKE_KIND_CREATE:-ok}" in
      fail) echo 'ERROR: failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged kcg-smoke-control-plane kubeadm init" failed with error: exit status 1' >&2; exit 1 ;;
      sleep) trap 'kill $! 2>/dev/null; exit 143' TERM; sleep 60 & wait ;;
      *) echo 'Creating cluster ...' >&2 ;;
    esac ;;
  delete) echo 'Deleting cluster ...' >&2 ;;
esac`,
  docker: `${record('docker')}
[ "\${FAKE_DOCKER:-ok}" = down ] && { echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2; exit 1; }
echo 28.2.2`,
  helm: `${record('helm')}
prev=''; n=0
for a in "$@"; do
  if [ "$prev" = --values ] && [ -n "$FAKE_VALUES_COPY" ]; then n=$((n+1)); cat "$a" > "$FAKE_VALUES_COPY/values-$n.yaml"; fi
  prev="$a"
done
[ "\${FAKE_HELM:-ok}" = fail ] && { echo 'Error: INSTALLATION FAILED: context deadline exceeded' >&2; exit 1; }
echo 'Release "kcg-vcluster" has been upgraded. Happy Helming!'`,
  kubectl: `${record('kubectl')}
case "$1" in
  get) printf '%s' "$FAKE_VCLUSTER_KUBECONFIG_B64" ;;
  port-forward) echo "Forwarding from 127.0.0.1:\${7%%:*} -> 443"; trap 'kill $! 2>/dev/null; exit 0' TERM; sleep 60 & wait ;;
  logs) echo 'I1122 syncer started' ;;
esac`
}

export async function makeFakeTools(only: readonly string[] = Object.keys(SCRIPTS)): Promise<FakeTools> {
  const bin = await mkdtemp(join(tmpdir(), 'kcg-fake-bin-'))
  const log = join(bin, 'calls.log')
  await writeFile(log, '')
  for (const tool of only) {
    const file = join(bin, tool)
    await writeFile(file, `#!/bin/sh\n${SCRIPTS[tool] ?? ''}\n`)
    await chmod(file, 0o755)
  }
  return {
    bin,
    log,
    calls: async () =>
      (await readFile(log, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t'))
  }
}
