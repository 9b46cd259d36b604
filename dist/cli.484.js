export const id = 484;
export const ids = [484,196];
export const modules = {

/***/ 484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseConfig: () => (/* binding */ parseConfig)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8816);
/* harmony import */ var _db_schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2196);
/* harmony import */ var _yaml_problems_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6321);





const Patterns = zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1)).nonempty();
const WaiverSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1),
    /** Paths (gitignore patterns) the waiver is limited to; every path when left out. */
    paths: Patterns.optional(),
    reason: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().trim().min(1, 'say why the finding is accepted'),
    owner: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().trim().min(1, 'name who answers for the waiver'),
    /** The first day the waiver no longer applies. */
    expires: _db_schema_js__WEBPACK_IMPORTED_MODULE_2__.IsoDate
})
    .strict();
const ConfigSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    /** Only paths matching these patterns (gitignore syntax) are scanned. */
    include: Patterns.optional(),
    /** Paths matching these patterns (gitignore syntax) are not scanned. */
    exclude: Patterns.optional(),
    maxFileBytes: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().positive().optional(),
    /** Extra database files, relative to the configuration file. */
    database: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1)).optional(),
    waivers: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(WaiverSchema).optional()
})
    .strict();
/**
 * Parses the configuration once into a typed object. Unknown keys and bad values are
 * problems naming the file and line, never silently ignored: a misspelt `waviers` would
 * otherwise quietly stop waiving.
 */
function parseConfig(text, file, baseDir) {
    const { doc, lineCounter, problems: syntax } = (0,_yaml_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .parseYamlFile */ .BU)(text, file);
    if (syntax.length > 0)
        return { ok: false, problems: syntax };
    // An empty file is an empty configuration.
    const parsed = ConfigSchema.safeParse(doc.contents === null ? {} : doc.toJS({ maxAliasCount: 100 }));
    if (!parsed.success)
        return { ok: false, problems: parsed.error.issues.map((issue) => (0,_yaml_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .problemAt */ .l4)(issue, doc, lineCounter, file)) };
    const waiverNodes = doc.get('waivers', true);
    const waivers = (parsed.data.waivers ?? []).map((waiver, index) => {
        const node = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isSeq */ .oP)(waiverNodes) ? waiverNodes.items[index] : undefined;
        const offset = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(node) ? (node.range?.[0] ?? 0) : 0;
        return { ...waiver, file, line: lineCounter.linePos(offset).line };
    });
    const { include, exclude, maxFileBytes } = parsed.data;
    return {
        ok: true,
        config: {
            file,
            ...(include ? { include } : {}),
            ...(exclude ? { exclude } : {}),
            ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
            database: (parsed.data.database ?? []).map((path) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(baseDir, path)),
            waivers
        }
    };
}


/***/ }),

/***/ 2196:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BI: () => (/* binding */ EntryFile),
  IsoDate: () => (/* binding */ IsoDate)
});

// UNUSED EXPORTS: ApiUse, Conditions, DatabaseMeta, Entry, FEATURES, Lifecycle, Scenario, Skew, SupportRow

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
;// CONCATENATED MODULE: ./src/model.ts
/**
 * The nouns every pipeline stage shares. Kept free of behaviour so that each stage
 * (scan → resolve → evaluate → report) can be read and tested on its own.
 */
const COMPONENTS = (/* unused pure expression or super */ null && ([
    'kubernetes',
    'vcluster',
    'kind',
    'kubectl',
    'helm',
    'containerd',
    'runc'
]));
const SEVERITIES = ['error', 'warning', 'notice'];

// EXTERNAL MODULE: ./src/versions/range.ts
var range = __webpack_require__(2900);
;// CONCATENATED MODULE: ./src/db/schema.ts



/** A node-semver range, evaluated with pre-releases included. */
const Range = schemas/* string */.YjP().refine(range/* isValidRange */.yZ, { message: 'not a valid version range' });
const Version = schemas/* string */.YjP().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'must be a version like 0.35.3 or 0.37.0-rc.1');
const Minor = schemas/* string */.YjP().regex(/^\d+\.\d+$/, 'must be a minor version like 1.32');
const HttpsUrl = schemas/* url */.OZ5({ protocol: /^https$/, message: 'must be an https URL' });
const IsoDate = schemas/* string */.YjP()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-22')
    .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), {
    message: 'not a calendar date'
});
/** Names of things a manifest or configuration file uses (see src/scan/extractors/manifest-*.ts). */
const FEATURES = [
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
    'cgroupV1'
];
/** An API a manifest may use, and what replaces it. */
const ApiUse = schemas/* object */.Ikc({
    apiVersion: schemas/* string */.YjP().regex(/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/, 'must be an apiVersion like apps/v1beta1'),
    kinds: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a Kind like Deployment')).nonempty(),
    /** The apiVersion to move to, or a sentence when there is none. */
    replacement: schemas/* string */.YjP().min(1)
})
    .strict();
/** How far a component may be from a cluster, in minor versions. */
const Skew = schemas/* object */.Ikc({
    of: schemas/* enum */.k5n(['kubectl']),
    against: schemas/* enum */.k5n(['cluster', 'host', 'virtual']),
    /** How many minors older than the cluster the component may be. */
    older: schemas/* number */.aig().int().min(0),
    /** How many minors newer than the cluster the component may be. */
    newer: schemas/* number */.aig().int().min(0)
})
    .strict();
/** A date per minor after which a release is past a phase of its lifecycle. */
const Lifecycle = schemas/* object */.Ikc({
    of: schemas/* enum */.k5n(['kubernetes', 'vcluster']),
    /** Words for the phase, as in "Kubernetes 1.30 reached <phase> on 2025-07-15". */
    phase: schemas/* string */.YjP().min(3),
    dates: schemas/* record */.g1P(Minor, IsoDate),
    /** Minors older than every listed one are past the phase too (they ended earlier). */
    olderThanListed: schemas/* boolean */.zMY().default(true),
    /** Kubernetes distributions whose lifecycle differs (managed services) are skipped. */
    skipDistros: schemas/* array */.YOg(schemas/* string */.YjP()).default([])
})
    .strict();
/** Kubernetes versions a vcluster release range is built and tested for. */
const SupportRow = schemas/* object */.Ikc({ vcluster: Range, kubernetes: Range }).strict();
/**
 * What must hold for an entry to apply; every condition given must hold at once.
 * Kubernetes versions name the cluster's role: `host` (where vcluster or the workload
 * runs), `virtual` (the vcluster tenant) or `cluster` (where the repository's manifests
 * are applied: the virtual cluster when there is one, else the host).
 */
const Conditions = schemas/* object */.Ikc({
    vcluster: Range.optional(),
    virtual: Range.optional(),
    virtualDistro: schemas/* array */.YOg(schemas/* string */.YjP()).nonempty().optional(),
    host: Range.optional(),
    hostDistro: schemas/* array */.YOg(schemas/* string */.YjP()).nonempty().optional(),
    cluster: Range.optional(),
    kind: Range.optional(),
    kubectl: Range.optional(),
    helm: Range.optional(),
    runc: Range.optional(),
    containerd: Range.optional(),
    /** Features one object (a pod template, a values file) uses together. */
    uses: schemas/* array */.YOg(schemas/* enum */.k5n(FEATURES)).nonempty().optional(),
    /** The entry does not apply where one of these feature gates is turned on. */
    unlessFeatureGates: schemas/* array */.YOg(schemas/* string */.YjP()).nonempty().optional(),
    cgroup: schemas/* enum */.k5n(['v1']).optional(),
    /** Manifests deployed to the environment use one of these APIs. */
    api: schemas/* array */.YOg(ApiUse).nonempty().optional(),
    skew: Skew.optional(),
    lifecycle: Lifecycle.optional(),
    /** Host or virtual Kubernetes outside the row for the vcluster release. */
    outsideSupport: schemas/* array */.YOg(SupportRow).nonempty().optional(),
    /** Node images (Kubernetes versions) published with each kind release. */
    kindNodeImages: schemas/* record */.g1P(Version, schemas/* array */.YOg(Version).nonempty()).optional()
})
    .strict()
    .refine((when) => Object.values(when).some((value) => value !== undefined), {
    message: 'an entry needs at least one condition'
});
/**
 * One combination to try an entry on: versions as a repository writes them, features used,
 * and the date. Runs at build time (`npm run build:db`) and in `db validate`.
 */
const Scenario = schemas/* object */.Ikc({
    vcluster: schemas/* string */.YjP().optional(),
    virtual: schemas/* string */.YjP().optional(),
    host: schemas/* string */.YjP().optional(),
    hostDistro: schemas/* string */.YjP().optional(),
    kind: schemas/* string */.YjP().optional(),
    kubectl: schemas/* string */.YjP().optional(),
    helm: schemas/* string */.YjP().optional(),
    runc: schemas/* string */.YjP().optional(),
    containerd: schemas/* string */.YjP().optional(),
    uses: schemas/* array */.YOg(schemas/* enum */.k5n(FEATURES)).optional(),
    featureGates: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    /** `apiVersion/Kind` used by a manifest, e.g. `apps/v1beta1/Deployment`. */
    api: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^(.+)\/([A-Z][A-Za-z0-9]*)$/, 'must be apiVersion/Kind')).optional(),
    date: IsoDate.optional()
})
    .strict();
const Entry = schemas/* object */.Ikc({
    id: schemas/* string */.YjP().regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case words joined by dashes'),
    title: schemas/* string */.YjP().min(10),
    severity: schemas/* enum */.k5n(SEVERITIES),
    category: schemas/* string */.YjP().min(1),
    /** `unverified` entries come from second-hand reports and may never be errors. */
    confidence: schemas/* enum */.k5n(['verified', 'unverified']).default('verified'),
    when: Conditions,
    /**
     * First fixed version on each release branch, per component: versions of a branch
     * below its fix, and of branches without one below the last fix, are affected.
     */
    fixedIn: schemas/* partialRecord */.jgl(schemas/* enum */.k5n(['vcluster', 'kind', 'kubectl', 'helm', 'runc', 'containerd']), schemas/* array */.YOg(Version).nonempty()).default({}),
    /** Minimum versions to move to, per component. */
    minimumSafe: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).default({}),
    symptoms: schemas/* array */.YOg(schemas/* string */.YjP()).default([]),
    /** Regular expressions over runtime evidence (events, logs), for the smoke test. */
    signatures: schemas/* array */.YOg(schemas/* string */.YjP().refine(isRegExp, { message: 'not a valid regular expression' }))
        .default([]),
    remediation: schemas/* string */.YjP().min(10),
    references: schemas/* array */.YOg(HttpsUrl).nonempty(),
    verified: IsoDate,
    notes: schemas/* string */.YjP().optional(),
    /** Combinations the entry must fire on and must not fire on; checked at build time. */
    examples: schemas/* object */.Ikc({ affected: schemas/* array */.YOg(Scenario).default([]), unaffected: schemas/* array */.YOg(Scenario).default([]) })
        .strict()
        .optional()
})
    .strict()
    .refine((entry) => !(entry.confidence === 'unverified' && entry.severity === 'error'), {
    message: 'an unverified entry cannot be an error: verify it at its source or lower its severity',
    path: ['severity']
})
    .refine((entry) => Object.keys(entry.fixedIn).every((component) => component in entry.when), {
    message: 'each fixedIn component needs a range in `when` too (the versions the problem exists in)',
    path: ['fixedIn']
});
const EntryFile = schemas/* object */.Ikc({ entries: schemas/* array */.YOg(Entry) }).strict();
const DatabaseMeta = schemas/* object */.Ikc({ version: schemas/* string */.YjP().min(1), date: IsoDate })
    .strict();
function isRegExp(source) {
    try {
        new RegExp(source);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 6321:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ parseYamlFile),
/* harmony export */   cA: () => (/* binding */ lineOf),
/* harmony export */   l4: () => (/* binding */ problemAt)
/* harmony export */ });
/* unused harmony export yamlErrorPosition */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _scan_yaml_depth_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4302);


/**
 * Parses one YAML document with line numbers; syntax errors come back as problems at
 * their line instead of a document to validate.
 */
function parseYamlFile(text, file) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const deep = (0,_scan_yaml_depth_js__WEBPACK_IMPORTED_MODULE_1__/* .tooDeepAt */ .U2)(text, 0, text.length);
    if (deep !== undefined) {
        // Not given to the parser at all (see yaml-depth.ts): an empty document with the reason.
        const before = text.slice(0, deep);
        const line = before.split('\n').length;
        const column = deep - before.lastIndexOf('\n');
        return { doc: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)('', { lineCounter }), lineCounter, problems: [{ file, line, column, message: `YAML ${_scan_yaml_depth_js__WEBPACK_IMPORTED_MODULE_1__/* .TOO_DEEP */ .gZ}` }] };
    }
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter, prettyErrors: false });
    const problems = doc.errors.map((error) => ({
        file,
        ...yamlErrorPosition(error, lineCounter),
        message: error.message.split('\n', 1)[0] ?? error.message
    }));
    return { doc, lineCounter, problems };
}
/**
 * A schema problem in a YAML file as a diagnostic at the line of the value (or, for an
 * unknown key, of the key itself), so the user is sent to the exact place to fix.
 */
function problemAt(issue, doc, lineCounter, file) {
    const path = issue.path.filter((key) => typeof key !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
        const key = issue.keys[0] ?? '';
        const where = [...path, key].join('.');
        const plural = issue.keys.length > 1 ? `s ${issue.keys.map((k) => `"${k}"`).join(', ')}` : ` "${key}"`;
        return { file, ...lineOf(doc, lineCounter, [...path, key], true), message: `${where}: unknown key${plural}` };
    }
    const where = path.length > 0 ? `${path.join('.')}: ` : '';
    return { file, ...lineOf(doc, lineCounter, path), message: `${where}${issue.message}` };
}
/** The line of the deepest node of `path` that exists in the document (its key when asked). */
function lineOf(doc, lineCounter, path, atKey = false) {
    for (let depth = path.length; depth >= 0; depth--) {
        const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
        const keyed = atKey && depth === path.length && depth > 0 ? keyNode(doc, path) : undefined;
        const target = keyed ?? node;
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isNode */ .Ll)(target) && target.range) {
            const { line, col } = lineCounter.linePos(target.range[0]);
            return { line, column: col };
        }
    }
    return {};
}
function keyNode(doc, path) {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (!parent || typeof parent !== 'object' || !('items' in parent) || !Array.isArray(parent.items))
        return undefined;
    const key = path[path.length - 1];
    const pair = parent.items.find((item) => item?.key?.value === key);
    return pair?.key;
}
/** Where a YAML syntax error is (`linePos` is only filled in with pretty errors). */
function yamlErrorPosition(error, lineCounter) {
    const { line, col } = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    return { line, column: col };
}


/***/ })

};
