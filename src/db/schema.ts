import { z } from 'zod'
import { SEVERITIES } from '../model.js'
import { isValidRange } from '../versions/range.js'
import { IsoDate } from './iso-date.js'
import { signatureProblem } from './signature-check.js'

export { IsoDate }

/** A node-semver range, evaluated with pre-releases included. */
const Range = z.string().refine(isValidRange, { message: 'not a valid version range' })

const Version = z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'must be a version like 0.35.3 or 0.37.0-rc.1')

const Minor = z.string().regex(/^\d+\.\d+$/, 'must be a minor version like 1.32')

const HttpsUrl = z.url({ protocol: /^https$/, message: 'must be an https URL' })


/** Names of things a manifest or configuration file uses (see src/scan/extractors/manifest-*.ts). */
export const FEATURES = [
  /** A container sets `resizePolicy` (in-place pod resize). */
  'resizePolicy',
  /** A container has an exec liveness, readiness or startup probe. */
  'execProbe',
  /** Values written for vcluster below 0.20 (`vcluster:`, `syncer:`, `api:` ... at the top). */
  'vclusterLegacyValues',
  /** `controlPlane.distro.k8s.{apiServer,controllerManager,scheduler}.image` (0.20–0.24 keys). */
  'vclusterK8sComponentImages',
  /** A script runs `vcluster convert config`. */
  'vclusterConvertConfig',
  /** A script runs `kubectl ... --subresource resize`. */
  'kubectlResizeSubresource',
  /** Nodes run cgroup v1 (runtime evidence, or a kubelet told `failCgroupV1: false`). */
  'cgroupV1',
  /** Nodes use the cgroupfs cgroup driver (kubelet `cgroupDriver: cgroupfs`, containerd `SystemdCgroup = false`). */
  'cgroupfsDriver'
] as const
export type Feature = (typeof FEATURES)[number]

/** An API a manifest may use, and what replaces it. */
export const ApiUse = z
  .object({
    apiVersion: z.string().regex(/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/, 'must be an apiVersion like apps/v1beta1'),
    kinds: z.array(z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a Kind like Deployment')).nonempty(),
    /** The apiVersion to move to, or a sentence when there is none. */
    replacement: z.string().min(1)
  })
  .strict()

/** How far a component may be from a cluster, in minor versions. */
export const Skew = z
  .object({
    of: z.enum(['kubectl', 'virtual']),
    against: z.enum(['cluster', 'host', 'virtual']),
    /** How many minors older than the cluster the component may be; omitted, any number. */
    older: z.number().int().min(0).optional(),
    /** How many minors newer than the cluster the component may be; omitted, any number. */
    newer: z.number().int().min(0).optional()
  })
  .strict()

/** One upstream file at one commit, as pinned in db/sources.lock.json. */
export const SourceFile = z
  .object({
    repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/name'),
    commit: z.string().regex(/^[0-9a-f]{40}$/, 'must be a full commit hash'),
    path: z.string().min(1)
  })
  .strict()

/** A date per minor after which a release is past a phase of its lifecycle. */
export const Lifecycle = z
  .object({
    of: z.enum(['kubernetes', 'vcluster']),
    /** Words for the phase, as in "Kubernetes 1.30 reached <phase> on 2025-07-15". */
    phase: z.string().min(3),
    dates: z.record(Minor, IsoDate),
    /**
     * Minors older than every listed one are past the phase too: they ended before the oldest
     * listed minor did, or before `olderEndedBefore` when a source says so. Their finding says
     * "before DATE", never another minor's date.
     */
    olderThanListed: z.boolean().default(true),
    /** The day a source said every minor older than the listed ones was already past the phase. */
    olderEndedBefore: IsoDate.optional(),
    /** Kubernetes distributions whose lifecycle differs (managed services) are skipped. */
    skipDistros: z.array(z.string()).default([]),
    /** Only these Kubernetes distributions are judged (a managed service's own schedule). */
    distros: z.array(z.string()).nonempty().optional()
  })
  .strict()

/** Kubernetes versions a vcluster release range is built and tested for. */
export const SupportRow = z.object({ vcluster: Range, kubernetes: Range }).strict()

/**
 * What must hold for an entry to apply; every condition given must hold at once.
 * Kubernetes versions name the cluster's role: `host` (where vcluster or the workload
 * runs), `virtual` (the vcluster tenant) or `cluster` (where the repository's manifests
 * are applied: the virtual cluster when there is one, else the host).
 */
export const Conditions = z
  .object({
    vcluster: Range.optional(),
    virtual: Range.optional(),
    virtualDistro: z.array(z.string()).nonempty().optional(),
    host: Range.optional(),
    hostDistro: z.array(z.string()).nonempty().optional(),
    cluster: Range.optional(),
    kind: Range.optional(),
    kubectl: Range.optional(),
    helm: Range.optional(),
    runc: Range.optional(),
    containerd: Range.optional(),
    /** Features one object (a pod template, a values file) uses together. */
    uses: z.array(z.enum(FEATURES)).nonempty().optional(),
    /** The entry does not apply where one of these feature gates is turned on. */
    unlessFeatureGates: z.array(z.string()).nonempty().optional(),
    cgroup: z.enum(['v1']).optional(),
    /** `systemd`: nodes use (or may use) the systemd cgroup driver; does not hold where cgroupfs is configured. */
    cgroupDriver: z.enum(['systemd']).optional(),
    /** Manifests deployed to the environment use one of these APIs. */
    api: z.array(ApiUse).nonempty().optional(),
    skew: Skew.optional(),
    lifecycle: Lifecycle.optional(),
    /** Host or virtual Kubernetes outside the row for the vcluster release. */
    outsideSupport: z.array(SupportRow).nonempty().optional(),
    /** Node images (Kubernetes versions) published with each kind release. */
    kindNodeImages: z.record(Version, z.array(Version).nonempty()).optional()
  })
  .strict()
  .refine((when) => Object.values(when).some((value) => value !== undefined), {
    message: 'an entry needs at least one condition'
  })

/**
 * One combination to try an entry on: versions as a repository writes them, features used,
 * and the date. Runs at build time (`npm run build:db`) and in `db validate`.
 */
export const Scenario = z
  .object({
    vcluster: z.string().optional(),
    virtual: z.string().optional(),
    host: z.string().optional(),
    hostDistro: z.string().optional(),
    kind: z.string().optional(),
    kubectl: z.string().optional(),
    helm: z.string().optional(),
    runc: z.string().optional(),
    containerd: z.string().optional(),
    uses: z.array(z.enum(FEATURES)).optional(),
    featureGates: z.array(z.string()).optional(),
    /** `apiVersion/Kind` used by a manifest, e.g. `apps/v1beta1/Deployment`. */
    api: z.array(z.string().regex(/^(.+)\/([A-Z][A-Za-z0-9]*)$/, 'must be apiVersion/Kind')).optional(),
    date: IsoDate.optional()
  })
  .strict()

/**
 * An upstream commit that fixed the problem (or brought it in), for the fix-boundary check
 * (`npm run db:check-fixes`, db/fix-boundaries.json): each release tag of the repository
 * holds the change when one of the commits is its ancestor or the marker is in its code.
 */
export const UpstreamChange = z
  .object({
    repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'must be owner/name'),
    /** The component whose `when` range the tags of the repository are held against. */
    component: z.enum(['vcluster', 'kind', 'kubectl', 'helm', 'runc', 'containerd']),
    /** `fix`: tags holding it are not affected. `cause`: only tags holding it are. */
    change: z.enum(['fix', 'cause']),
    /** Full SHAs: the merge on the main branch and each backport. */
    commits: z.array(z.string().regex(/^[0-9a-f]{40}$/, 'must be a full 40-character commit SHA')).nonempty(),
    /**
     * A string found in the changed code (and not before it): tags cut outside the branch
     * history (vcluster's 0.37 tags are single commits) hold the change when they hold this.
     */
    marker: z.object({ text: z.string().min(3), path: z.string().min(1).optional() }).strict(),
    /** Only tags whose version is in this range are judged (a change later code replaced). */
    within: Range.optional()
  })
  .strict()

export const Entry = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case words joined by dashes'),
    title: z.string().min(10),
    severity: z.enum(SEVERITIES),
    category: z.string().min(1),
    /** `unverified` entries come from second-hand reports and may never be errors. */
    confidence: z.enum(['verified', 'unverified']).default('verified'),
    when: Conditions,
    /**
     * First fixed version on each release branch, per component: versions of a branch
     * below its fix, and of branches without one below the last fix, are affected.
     */
    fixedIn: z.partialRecord(z.enum(['vcluster', 'kind', 'kubectl', 'helm', 'runc', 'containerd']), z.array(Version).nonempty()).default({}),
    /** Minimum versions to move to, per component. */
    minimumSafe: z.record(z.string(), z.string()).default({}),
    symptoms: z.array(z.string()).default([]),
    /** Regular expressions over runtime evidence (events, logs), for the smoke test. */
    signatures: z
      .array(
        z.string().superRefine((source, context) => {
          const problem = signatureProblem(source)
          if (problem) context.addIssue({ code: 'custom', message: problem })
        })
      )
      .default([]),
    remediation: z.string().min(10),
    references: z.array(HttpsUrl).nonempty(),
    verified: IsoDate,
    /** Where upstream the problem was fixed or brought in; every change must hold for a tag to be affected. */
    upstream: z.array(UpstreamChange).nonempty().optional(),
    /** Upstream files a generated table in `when` was read from (scripts/db/generate.ts). */
    sources: z.array(SourceFile).optional(),
    notes: z.string().optional(),
    /** Combinations the entry must fire on and must not fire on; checked at build time. */
    examples: z
      .object({ affected: z.array(Scenario).default([]), unaffected: z.array(Scenario).default([]) })
      .strict()
      .optional()
  })
  .strict()
  .refine((entry) => !(entry.confidence === 'unverified' && entry.severity === 'error'), {
    message: 'an unverified entry cannot be an error: verify it at its source or lower its severity',
    path: ['severity']
  })
  .refine((entry) => (entry.upstream ?? []).every((change) => change.component in entry.when), {
    message: 'each upstream change needs a range in `when` for its component (the tags it is held against)',
    path: ['upstream']
  })
  .refine((entry) => Object.keys(entry.fixedIn).every((component) => component in entry.when), {
    message: 'each fixedIn component needs a range in `when` too (the versions the problem exists in)',
    path: ['fixedIn']
  })

export type Entry = z.infer<typeof Entry>
export type UpstreamChange = z.infer<typeof UpstreamChange>
export type Conditions = z.infer<typeof Conditions>
export type Scenario = z.infer<typeof Scenario>
export type ApiUse = z.infer<typeof ApiUse>
export type Skew = z.infer<typeof Skew>
export type Lifecycle = z.infer<typeof Lifecycle>
export type SupportRow = z.infer<typeof SupportRow>

/**
 * A database file. `replaces` lists the ids of bundled entries that this file's entries of the
 * same id replace on purpose: without it a bundled entry is never replaced (a pull request's
 * extra file could otherwise turn an error into a pass), and either way the report says so.
 */
export const EntryFile = z.object({ replaces: z.array(z.string().min(1)).optional(), entries: z.array(Entry) }).strict()

export const DatabaseMeta = z
  .object({ version: z.string().min(1), date: IsoDate })
  .strict()

export interface Database {
  version: string
  date: string
  entries: Entry[]
}

