/**
 * Defaults of the smoke test, shared by the CLI and the action so both document the same values.
 *
 * The image needs busybox `sh` and `httpd` (see workload.ts). It is pinned by digest so every run
 * tests the same bytes: the multi-platform index of docker.io/library/busybox:1.36.1, as pinned
 * by several independent public projects (recorded 2026-11-22).
 */
export const DEFAULT_SMOKE_IMAGE =
  'docker.io/library/busybox:1.36.1@sha256:73aaf090f3d85aa34ee199857f03fa3a95c8ede2ffd4cc2cdb5b94e566b11662'
export const DEFAULT_SMOKE_TIMEOUT_SECONDS = 180
export const DEFAULT_EVIDENCE_DIR = 'kube-compat-gate-evidence'
