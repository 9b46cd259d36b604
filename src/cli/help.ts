import { TOOL } from '../tool.js'

export const HELP = `${TOOL.name} ${TOOL.version}: stops Kubernetes and vcluster upgrades that are known to break clusters.

Usage:
  ${TOOL.name} scan [DIR]          scan DIR (default .) and report known incompatibilities
      --format text|json|sarif|markdown|codequality
                                      report format (default text)
      --output FILE                   write the report to FILE instead of stdout
      --config FILE                   configuration (default DIR/.kube-compat-gate.yml when present)
      --db FILE                       extra database file (repeatable)
      --date YYYY-MM-DD               day to check end-of-life dates and waiver expiries against (default today)
      --fail-on error|warning|notice|never
                                      lowest severity that fails the gate (default error)
      --strict                        also fail the gate on any version the repository uses but that
                                      cannot be read (listed at the top of the report: no version,
                                      \`latest\`, a variable with no value, a template, broken YAML)
                                      unless a --target sets its slot
      --target KEY=VERSION            evaluate as if this version were deployed (repeatable); KEY is
                                      kubernetes (host and virtual), host, virtual, vcluster, kind or kubectl
      --base REF                      compare with git commit REF: findings are new, fixed
                                      or unchanged, and only new ones fail the gate;
                                      REF... (origin/main...) compares with where HEAD forked off
      --smoke                         also run the smoke workload on a cluster and match its evidence
                                      against the database (a kind cluster at the declared host
                                      version, created and deleted; needs kind and Docker)
      --kubeconfig FILE               with --smoke: use this existing cluster instead (only a fresh
                                      namespace is created, and deleted afterwards)
      --smoke-timeout SECONDS         with --smoke: deadline for the workload to become Ready (default 180)
      --smoke-image IMAGE             with --smoke: image with busybox sh + httpd (default busybox 1.36.1, by digest)
      --smoke-keep                    with --smoke: leave the cluster/namespace for debugging
      --evidence-dir DIR              with --smoke: where the evidence goes (default kube-compat-gate-evidence)
  ${TOOL.name} db list [--format text|json] [--db FILE]...
                                  the database's entries, version and date
  ${TOOL.name} db explain ID [--date YYYY-MM-DD] [--db FILE]...
                                  everything about one entry
  ${TOOL.name} db validate FILE      check a database file; names file:line of each problem (exit 2)
  ${TOOL.name} --version | --help      the tool's version and the bundled database's date

Exit codes: 0 passed, 1 the gate failed, 2 usage, configuration or internal error.
`
