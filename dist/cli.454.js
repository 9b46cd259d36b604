export const id = 454;
export const ids = [454,196];
export const modules = {

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

/***/ 9454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  validateEntryFile: () => (/* binding */ validateEntryFile)
});

// UNUSED EXPORTS: parseEntryFile

// EXTERNAL MODULE: ./src/versions/parse.ts
var parse = __webpack_require__(942);
// EXTERNAL MODULE: ./src/evaluate/evaluate.ts + 7 modules
var evaluate = __webpack_require__(2992);
// EXTERNAL MODULE: ./src/evaluate/targets.ts
var targets = __webpack_require__(2073);
;// CONCATENATED MODULE: ./src/evaluate/examples.ts



/**
 * Runs an entry's examples: each `affected` scenario must produce a finding of the entry,
 * each `unaffected` one must not. This is what keeps a boundary (0.36.0 vs 0.36.1, host
 * 1.33 vs 1.34) from drifting when an entry or the range engine changes.
 */
function checkExamples(entry, defaultDate) {
    const problems = [];
    for (const expected of ['affected', 'unaffected']) {
        const scenarios = entry.examples?.[expected] ?? [];
        scenarios.forEach((scenario, index) => {
            const path = ['examples', expected, index];
            const built = buildScenario(scenario);
            if (!built.ok) {
                problems.push({ path, message: built.reason });
                return;
            }
            const [target] = (0,targets/* buildTargets */.T)([built.environment], built.usages, built.declarations);
            const fired = (0,evaluate/* applyEntry */.fp)(entry, target, { date: scenario.date ?? defaultDate }).length > 0;
            if (fired !== (expected === 'affected')) {
                problems.push({
                    path,
                    message: `${expected === 'affected' ? 'does not fire' : 'fires'} on ${describeScenario(scenario)}, but is listed as ${expected}`
                });
            }
        });
    }
    return problems;
}
const FILE = 'example.yaml';
/** Declarations and usages as the scanner would produce them for one repository. */
function buildScenario(scenario) {
    const environment = {};
    const declarations = [];
    let line = 0;
    const declare = (component, raw, role, distro) => {
        const parsed = (0,parse/* parseVersion */.o)(raw, { allowRange: true });
        if (!parsed.ok)
            return `${component}: ${parsed.reason}`;
        const value = parsed.value;
        const declaredDistro = (value.kind !== 'range' ? value.distro : undefined) ?? distro;
        const declaration = {
            component,
            ...(role ? { role } : {}),
            ...(declaredDistro ? { distro: declaredDistro } : {}),
            version: value.version,
            raw,
            file: FILE,
            line: ++line,
            column: 1,
            source: 'example',
            ...(value.kind === 'range' ? { constraint: true } : {}),
            group: '.'
        };
        declarations.push(declaration);
        return declaration;
    };
    const slots = [
        ['vcluster', 'vcluster', scenario.vcluster],
        ['virtual', 'kubernetes', scenario.virtual, 'virtual', 'k8s'],
        ['host', 'kubernetes', scenario.host, 'host', scenario.hostDistro],
        ['kind', 'kind', scenario.kind],
        ['kubectl', 'kubectl', scenario.kubectl]
    ];
    for (const [slot, component, raw, role, distro] of slots) {
        if (raw === undefined)
            continue;
        const declaration = declare(component, raw, role, distro);
        if (typeof declaration === 'string')
            return { ok: false, reason: declaration };
        environment[slot] = declaration;
    }
    for (const component of ['helm', 'runc', 'containerd']) {
        const raw = scenario[component];
        if (raw === undefined)
            continue;
        const declaration = declare(component, raw);
        if (typeof declaration === 'string')
            return { ok: false, reason: declaration };
    }
    const usages = [];
    const use = (usage) => {
        usages.push({ ...usage, file: FILE, line: ++line, column: 1, source: 'example', group: '.' });
    };
    for (const feature of scenario.uses ?? [])
        use({ feature, object: 'example-pod' });
    for (const name of scenario.featureGates ?? [])
        use({ feature: 'featureGate', name });
    for (const api of scenario.api ?? []) {
        const slash = api.lastIndexOf('/');
        use({ feature: 'api', apiVersion: api.slice(0, slash), kind: api.slice(slash + 1) });
    }
    return { ok: true, environment, usages, declarations };
}
function describeScenario(scenario) {
    return Object.entries(scenario)
        .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join('+') : value}`)
        .join(', ');
}

// EXTERNAL MODULE: ./src/yaml-problems.ts
var yaml_problems = __webpack_require__(6321);
// EXTERNAL MODULE: ./src/db/schema.ts + 1 modules
var schema = __webpack_require__(2196);
;// CONCATENATED MODULE: ./src/db/validate-file.ts



/**
 * Validates a database file and names the line of every problem, so that an author (or a
 * user with an extra `--db` file) is sent to the exact place to fix.
 */
function parseEntryFile(text, file) {
    const { doc, lineCounter, problems: syntax } = (0,yaml_problems/* parseYamlFile */.BU)(text, file);
    if (syntax.length > 0)
        return { ok: false, problems: syntax };
    const parsed = schema/* EntryFile */.BI.safeParse(doc.toJS({ maxAliasCount: 100 }));
    if (!parsed.success)
        return { ok: false, problems: parsed.error.issues.map((issue) => (0,yaml_problems/* problemAt */.l4)(issue, doc, lineCounter, file)) };
    const seen = new Map();
    const problems = [];
    parsed.data.entries.forEach((entry, index) => {
        if (seen.has(entry.id)) {
            problems.push({
                file,
                ...(0,yaml_problems/* lineOf */.cA)(doc, lineCounter, ['entries', index, 'id']),
                message: `duplicate id "${entry.id}" (also entry ${seen.get(entry.id) + 1})`
            });
        }
        seen.set(entry.id, index);
    });
    return problems.length > 0 ? { ok: false, problems } : { ok: true, entries: parsed.data.entries };
}
/**
 * `parseEntryFile`, then every entry's examples are run: an entry that does not fire on
 * its `affected` examples, or fires on an `unaffected` one, is a problem at that example's
 * line. Examples without a date are evaluated on `date` (the database's date).
 */
function validateEntryFile(text, file, date) {
    const result = parseEntryFile(text, file);
    if (!result.ok)
        return result;
    const { doc, lineCounter } = (0,yaml_problems/* parseYamlFile */.BU)(text, file);
    const problems = [];
    result.entries.forEach((entry, index) => {
        for (const problem of checkExamples(entry, date)) {
            const path = ['entries', index, ...problem.path];
            problems.push({ file, ...(0,yaml_problems/* lineOf */.cA)(doc, lineCounter, path), message: `${entry.id}: ${path.slice(2).join('.')}: ${problem.message}` });
        }
    });
    return problems.length > 0 ? { ok: false, problems } : result;
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
