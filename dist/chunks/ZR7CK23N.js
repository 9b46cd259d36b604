import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{m as l,n as s}from"./HDBU4DJP.js";import{a as o}from"./MFT4HP4H.js";var h=`${s.name} ${s.version}: stops Kubernetes and vcluster upgrades that are known to break clusters.

Usage:
  ${s.name} scan [DIR]          scan DIR (default .) and report known incompatibilities
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
  ${s.name} db list [--format text|json] [--db FILE]...
                                  the database's entries, version and date
  ${s.name} db explain ID [--date YYYY-MM-DD] [--db FILE]...
                                  everything about one entry
  ${s.name} db validate FILE      check a database file; names file:line of each problem (exit 2)
  ${s.name} --version | --help      the tool's version and the bundled database's date

Exit codes: 0 passed, 1 the gate failed, 2 usage, configuration or internal error.
`;import{parseArgs as f}from"node:util";function E(e,a,r,i=!0){try{return f({args:a,options:r,allowPositionals:i,strict:!0})}catch(n){throw p(n,e,r)}}function p(e,a,r){let i=e.code,n=e instanceof Error?e.message:String(e),c=Object.keys(r).map(t=>`--${t}`),d=`(kube-compat-gate ${a} --help lists the options)`;if(i==="ERR_PARSE_ARGS_UNKNOWN_OPTION"){let t=/'(-{1,2}[^'=\s]+)/.exec(n)?.[1]??n;return new o(`${a}: unknown option ${t}${l(t,c)} ${d}`)}if(i==="ERR_PARSE_ARGS_INVALID_OPTION_VALUE"){let t=/'(-{1,2}[^'\s<]+)/.exec(n)?.[1]??"an option",u=r[t.replace(/^-+/,"")];return new o(u?.type==="boolean"?`${a}: ${t} takes no value`:`${a}: ${t} needs a value`)}if(i==="ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"){let t=/'([^']*)'/.exec(n)?.[1]??"";return new o(`${a}: unexpected argument "${t}" ${d}`)}return e instanceof Error?e:new o(n)}async function v(e){let{IsoDate:a}=await import("./FKUGFBTI.js");if(a.safeParse(e).success)return e;throw new o(`--date must be a calendar date like 2026-11-22 (got "${e}")`)}export{h as a,E as b,v as c};
