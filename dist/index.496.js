export const id = 496;
export const ids = [496];
export const modules = {

/***/ 1799:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const parse = __webpack_require__(6353)
const clean = (version, options) => {
  const s = parse(version.trim().replace(/^[=v]+/, ''), options)
  return s ? s.version : null
}
module.exports = clean


/***/ }),

/***/ 5385:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const SemVer = __webpack_require__(7163)
const parse = __webpack_require__(6353)
const { safeRe: re, t } = __webpack_require__(5471)

const coerce = (version, options) => {
  if (version instanceof SemVer) {
    return version
  }

  if (typeof version === 'number') {
    version = String(version)
  }

  if (typeof version !== 'string') {
    return null
  }

  options = options || {}

  let match = null
  if (!options.rtl) {
    match = version.match(options.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE])
  } else {
    // Find the right-most coercible string that does not share
    // a terminus with a more left-ward coercible string.
    // Eg, '1.2.3.4' wants to coerce '2.3.4', not '3.4' or '4'
    // With includePrerelease option set, '1.2.3.4-rc' wants to coerce '2.3.4-rc', not '2.3.4'
    //
    // Walk through the string checking with a /g regexp
    // Manually set the index so as to pick up overlapping matches.
    // Stop when we get a match that ends at the string end, since no
    // coercible string can be more right-ward without the same terminus.
    const coerceRtlRegex = options.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL]
    let next
    while ((next = coerceRtlRegex.exec(version)) &&
        (!match || match.index + match[0].length !== version.length)
    ) {
      if (!match ||
            next.index + next[0].length !== match.index + match[0].length) {
        match = next
      }
      coerceRtlRegex.lastIndex = next.index + next[1].length + next[2].length
    }
    // leave it in a clean state
    coerceRtlRegex.lastIndex = -1
  }

  if (match === null) {
    return null
  }

  const major = match[2]
  const minor = match[3] || '0'
  const patch = match[4] || '0'
  const prerelease = options.includePrerelease && match[5] ? `-${match[5]}` : ''
  const build = options.includePrerelease && match[6] ? `+${match[6]}` : ''

  return parse(`${major}.${minor}.${patch}${prerelease}${build}`, options)
}
module.exports = coerce


/***/ }),

/***/ 7648:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const SemVer = __webpack_require__(7163)
const compareBuild = (a, b, loose) => {
  const versionA = new SemVer(a, loose)
  const versionB = new SemVer(b, loose)
  return versionA.compare(versionB) || versionA.compareBuild(versionB)
}
module.exports = compareBuild


/***/ }),

/***/ 6874:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const compare = __webpack_require__(8469)
const compareLoose = (a, b) => compare(a, b, true)
module.exports = compareLoose


/***/ }),

/***/ 711:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const parse = __webpack_require__(6353)

const diff = (version1, version2) => {
  const v1 = parse(version1, null, true)
  const v2 = parse(version2, null, true)
  const comparison = v1.compare(v2)

  if (comparison === 0) {
    return null
  }

  const v1Higher = comparison > 0
  const highVersion = v1Higher ? v1 : v2
  const lowVersion = v1Higher ? v2 : v1
  const highHasPre = !!highVersion.prerelease.length
  const lowHasPre = !!lowVersion.prerelease.length

  if (lowHasPre && !highHasPre) {
    // Going from prerelease -> no prerelease requires some special casing

    // If the low version has only a major, then it will always be a major
    // Some examples:
    // 1.0.0-1 -> 1.0.0
    // 1.0.0-1 -> 1.1.1
    // 1.0.0-1 -> 2.0.0
    if (!lowVersion.patch && !lowVersion.minor) {
      return 'major'
    }

    // If the main part has no difference
    if (lowVersion.compareMain(highVersion) === 0) {
      if (lowVersion.minor && !lowVersion.patch) {
        return 'minor'
      }
      return 'patch'
    }
  }

  // add the `pre` prefix if we are going to a prerelease version
  const prefix = highHasPre ? 'pre' : ''

  if (v1.major !== v2.major) {
    return prefix + 'major'
  }

  if (v1.minor !== v2.minor) {
    return prefix + 'minor'
  }

  if (v1.patch !== v2.patch) {
    return prefix + 'patch'
  }

  // high and low are prereleases
  return 'prerelease'
}

module.exports = diff


/***/ }),

/***/ 2338:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const SemVer = __webpack_require__(7163)

const inc = (version, release, options, identifier, identifierBase) => {
  if (typeof (options) === 'string') {
    identifierBase = identifier
    identifier = options
    options = undefined
  }

  try {
    return new SemVer(
      version instanceof SemVer ? version.version : version,
      options
    ).inc(release, identifier, identifierBase).version
  } catch (er) {
    return null
  }
}
module.exports = inc


/***/ }),

/***/ 8511:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const SemVer = __webpack_require__(7163)
const major = (a, loose) => new SemVer(a, loose).major
module.exports = major


/***/ }),

/***/ 2603:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const SemVer = __webpack_require__(7163)
const minor = (a, loose) => new SemVer(a, loose).minor
module.exports = minor


/***/ }),

/***/ 8756:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const SemVer = __webpack_require__(7163)
const patch = (a, loose) => new SemVer(a, loose).patch
module.exports = patch


/***/ }),

/***/ 5714:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const parse = __webpack_require__(6353)
const prerelease = (version, options) => {
  const parsed = parse(version, options)
  return (parsed && parsed.prerelease.length) ? parsed.prerelease : null
}
module.exports = prerelease


/***/ }),

/***/ 2173:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const compare = __webpack_require__(8469)
const rcompare = (a, b, loose) => compare(b, a, loose)
module.exports = rcompare


/***/ }),

/***/ 7192:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const compareBuild = __webpack_require__(7648)
const rsort = (list, loose) => list.sort((a, b) => compareBuild(b, a, loose))
module.exports = rsort


/***/ }),

/***/ 9872:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const compareBuild = __webpack_require__(7648)
const sort = (list, loose) => list.sort((a, b) => compareBuild(a, b, loose))
module.exports = sort


/***/ }),

/***/ 6114:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const parse = __webpack_require__(6353)
const constants = __webpack_require__(5101)
const SemVer = __webpack_require__(7163)

const truncate = (version, truncation, options) => {
  if (!constants.RELEASE_TYPES.includes(truncation)) {
    return null
  }

  const clonedVersion = cloneInputVersion(version, options)
  return clonedVersion && doTruncation(clonedVersion, truncation)
}

const cloneInputVersion = (version, options) => {
  const versionStringToParse = (
    version instanceof SemVer ? version.version : version
  )

  return parse(versionStringToParse, options)
}

const doTruncation = (version, truncation) => {
  if (isPrerelease(truncation)) {
    return version.version
  }

  version.prerelease = []

  switch (truncation) {
    case 'major':
      version.minor = 0
      version.patch = 0
      break
    case 'minor':
      version.patch = 0
      break
  }

  return version.format()
}

const isPrerelease = (type) => {
  return type.startsWith('pre')
}

module.exports = truncate


/***/ }),

/***/ 2088:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



// just pre-load all the stuff that index.js lazily exports
const internalRe = __webpack_require__(5471)
const constants = __webpack_require__(5101)
const SemVer = __webpack_require__(7163)
const identifiers = __webpack_require__(3348)
const parse = __webpack_require__(6353)
const valid = __webpack_require__(8780)
const clean = __webpack_require__(1799)
const inc = __webpack_require__(2338)
const diff = __webpack_require__(711)
const major = __webpack_require__(8511)
const minor = __webpack_require__(2603)
const patch = __webpack_require__(8756)
const prerelease = __webpack_require__(5714)
const compare = __webpack_require__(8469)
const rcompare = __webpack_require__(2173)
const compareLoose = __webpack_require__(6874)
const compareBuild = __webpack_require__(7648)
const sort = __webpack_require__(9872)
const rsort = __webpack_require__(7192)
const gt = __webpack_require__(6599)
const lt = __webpack_require__(3872)
const eq = __webpack_require__(5082)
const neq = __webpack_require__(4974)
const gte = __webpack_require__(1236)
const lte = __webpack_require__(6717)
const cmp = __webpack_require__(8646)
const coerce = __webpack_require__(5385)
const truncate = __webpack_require__(6114)
const Comparator = __webpack_require__(9379)
const Range = __webpack_require__(6782)
const satisfies = __webpack_require__(8011)
const toComparators = __webpack_require__(4750)
const maxSatisfying = __webpack_require__(5574)
const minSatisfying = __webpack_require__(8595)
const minVersion = __webpack_require__(1866)
const validRange = __webpack_require__(4737)
const outside = __webpack_require__(280)
const gtr = __webpack_require__(2276)
const ltr = __webpack_require__(5213)
const intersects = __webpack_require__(3465)
const simplifyRange = __webpack_require__(2028)
const subset = __webpack_require__(1489)
module.exports = {
  parse,
  valid,
  clean,
  inc,
  diff,
  major,
  minor,
  patch,
  prerelease,
  compare,
  rcompare,
  compareLoose,
  compareBuild,
  sort,
  rsort,
  gt,
  lt,
  eq,
  neq,
  gte,
  lte,
  cmp,
  coerce,
  truncate,
  Comparator,
  Range,
  satisfies,
  toComparators,
  maxSatisfying,
  minSatisfying,
  minVersion,
  validRange,
  outside,
  gtr,
  ltr,
  intersects,
  simplifyRange,
  subset,
  SemVer,
  re: internalRe.re,
  src: internalRe.src,
  tokens: internalRe.t,
  SEMVER_SPEC_VERSION: constants.SEMVER_SPEC_VERSION,
  RELEASE_TYPES: constants.RELEASE_TYPES,
  compareIdentifiers: identifiers.compareIdentifiers,
  rcompareIdentifiers: identifiers.rcompareIdentifiers,
}


/***/ }),

/***/ 2276:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



// Determine if version is greater than all the versions possible in the range.
const outside = __webpack_require__(280)
const gtr = (version, range, options) => outside(version, range, '>', options)
module.exports = gtr


/***/ }),

/***/ 5213:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const outside = __webpack_require__(280)
// Determine if version is less than all the versions possible in the range
const ltr = (version, range, options) => outside(version, range, '<', options)
module.exports = ltr


/***/ }),

/***/ 5574:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const SemVer = __webpack_require__(7163)
const Range = __webpack_require__(6782)

const maxSatisfying = (versions, range, options) => {
  let max = null
  let maxSV = null
  let rangeObj = null
  try {
    rangeObj = new Range(range, options)
  } catch (er) {
    return null
  }
  versions.forEach((v) => {
    if (rangeObj.test(v)) {
      // satisfies(v, range, options)
      if (!max || maxSV.compare(v) === -1) {
        // compare(max, v, true)
        max = v
        maxSV = new SemVer(max, options)
      }
    }
  })
  return max
}
module.exports = maxSatisfying


/***/ }),

/***/ 8595:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const SemVer = __webpack_require__(7163)
const Range = __webpack_require__(6782)
const minSatisfying = (versions, range, options) => {
  let min = null
  let minSV = null
  let rangeObj = null
  try {
    rangeObj = new Range(range, options)
  } catch (er) {
    return null
  }
  versions.forEach((v) => {
    if (rangeObj.test(v)) {
      // satisfies(v, range, options)
      if (!min || minSV.compare(v) === 1) {
        // compare(min, v, true)
        min = v
        minSV = new SemVer(min, options)
      }
    }
  })
  return min
}
module.exports = minSatisfying


/***/ }),

/***/ 1866:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const SemVer = __webpack_require__(7163)
const Range = __webpack_require__(6782)
const gt = __webpack_require__(6599)

const minVersion = (range, loose) => {
  range = new Range(range, loose)

  let minver = new SemVer('0.0.0')
  if (range.test(minver)) {
    return minver
  }

  minver = new SemVer('0.0.0-0')
  if (range.test(minver)) {
    return minver
  }

  minver = null
  for (let i = 0; i < range.set.length; ++i) {
    const comparators = range.set[i]

    let setMin = null
    comparators.forEach((comparator) => {
      // Clone to avoid manipulating the comparator's semver object.
      const compver = new SemVer(comparator.semver.version)
      switch (comparator.operator) {
        case '>':
          if (compver.prerelease.length === 0) {
            compver.patch++
          } else {
            compver.prerelease.push(0)
          }
          compver.raw = compver.format()
          /* fallthrough */
        case '':
        case '>=':
          if (!setMin || gt(compver, setMin)) {
            setMin = compver
          }
          break
        case '<':
        case '<=':
          /* Ignore maximum versions */
          break
        /* istanbul ignore next */
        default:
          throw new Error(`Unexpected operation: ${comparator.operator}`)
      }
    })
    if (setMin && (!minver || gt(minver, setMin))) {
      minver = setMin
    }
  }

  if (minver && range.test(minver)) {
    return minver
  }

  return null
}
module.exports = minVersion


/***/ }),

/***/ 280:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const SemVer = __webpack_require__(7163)
const Comparator = __webpack_require__(9379)
const { ANY } = Comparator
const Range = __webpack_require__(6782)
const satisfies = __webpack_require__(8011)
const gt = __webpack_require__(6599)
const lt = __webpack_require__(3872)
const lte = __webpack_require__(6717)
const gte = __webpack_require__(1236)

const outside = (version, range, hilo, options) => {
  version = new SemVer(version, options)
  range = new Range(range, options)

  let gtfn, ltefn, ltfn, comp, ecomp
  switch (hilo) {
    case '>':
      gtfn = gt
      ltefn = lte
      ltfn = lt
      comp = '>'
      ecomp = '>='
      break
    case '<':
      gtfn = lt
      ltefn = gte
      ltfn = gt
      comp = '<'
      ecomp = '<='
      break
    default:
      throw new TypeError('Must provide a hilo val of "<" or ">"')
  }

  // If it satisfies the range it is not outside
  if (satisfies(version, range, options)) {
    return false
  }

  // From now on, variable terms are as if we're in "gtr" mode.
  // but note that everything is flipped for the "ltr" function.

  for (let i = 0; i < range.set.length; ++i) {
    const comparators = range.set[i]

    let high = null
    let low = null

    comparators.forEach((comparator) => {
      if (comparator.semver === ANY) {
        comparator = new Comparator('>=0.0.0')
      }
      high = high || comparator
      low = low || comparator
      if (gtfn(comparator.semver, high.semver, options)) {
        high = comparator
      } else if (ltfn(comparator.semver, low.semver, options)) {
        low = comparator
      }
    })

    // If the edge version comparator has a operator then our version
    // isn't outside it
    if (high.operator === comp || high.operator === ecomp) {
      return false
    }

    // If the lowest version comparator has an operator and our version
    // is less than it then it isn't higher than the range
    if ((!low.operator || low.operator === comp) &&
        ltefn(version, low.semver)) {
      return false
    } else if (low.operator === ecomp && ltfn(version, low.semver)) {
      return false
    }
  }
  return true
}

module.exports = outside


/***/ }),

/***/ 2028:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



// given a set of versions and a range, create a "simplified" range
// that includes the same versions that the original range does
// If the original range is shorter than the simplified one, return that.
const satisfies = __webpack_require__(8011)
const compare = __webpack_require__(8469)
module.exports = (versions, range, options) => {
  const set = []
  let first = null
  let prev = null
  const v = versions.sort((a, b) => compare(a, b, options))
  for (const version of v) {
    const included = satisfies(version, range, options)
    if (included) {
      prev = version
      if (!first) {
        first = version
      }
    } else {
      if (prev) {
        set.push([first, prev])
      }
      prev = null
      first = null
    }
  }
  if (first) {
    set.push([first, null])
  }

  const ranges = []
  for (const [min, max] of set) {
    if (min === max) {
      ranges.push(min)
    } else if (!max && min === v[0]) {
      ranges.push('*')
    } else if (!max) {
      ranges.push(`>=${min}`)
    } else if (min === v[0]) {
      ranges.push(`<=${max}`)
    } else {
      ranges.push(`${min} - ${max}`)
    }
  }
  const simplified = ranges.join(' || ')
  const original = typeof range.raw === 'string' ? range.raw : String(range)
  return simplified.length < original.length ? simplified : range
}


/***/ }),

/***/ 4750:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const Range = __webpack_require__(6782)

// Mostly just for testing and legacy API reasons
const toComparators = (range, options) =>
  new Range(range, options).set
    .map(comp => comp.map(c => c.value).join(' ').trim().split(' '))

module.exports = toComparators


/***/ }),

/***/ 7496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runSmoke: () => (/* binding */ runSmoke)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/smoke/cleanup.ts
class CleanupPlan {
    onChange;
    steps = [];
    running;
    constructor(onChange = () => { }) {
        this.onChange = onChange;
    }
    add(step) {
        this.steps.push(step);
        this.onChange(this.steps);
    }
    get pending() {
        return this.steps;
    }
    /** Runs every step once, newest first; a second call (signal during cleanup) joins the first. */
    run(deps) {
        this.running ??= (async () => {
            const outcomes = [];
            for (const step of [...this.steps].reverse())
                outcomes.push(await runCleanupStep(step, deps));
            this.steps = [];
            this.onChange(this.steps);
            return outcomes;
        })();
        return this.running;
    }
}
/** Undo one step; never throws (cleanup must go on with the next step). */
async function runCleanupStep(step, deps) {
    try {
        if (step.kind === 'kind-cluster') {
            await deps.tools.run('kind', ['delete', 'cluster', '--name', step.name], { timeoutMs: 120_000 });
            return { step, ok: true, message: `deleted kind cluster ${step.name}` };
        }
        const client = await deps.connect(step.kubeconfig);
        const deletion = await client.deleteNamespace(step.namespace, deps.namespaceTimeoutMs ?? 120_000);
        return deletion.gone
            ? { step, ok: true, message: `deleted namespace ${step.namespace}` }
            : { step, ok: false, message: `namespace ${step.namespace} is still terminating after ${Math.round(deletion.waitedMs / 1000)} s` };
    }
    catch (error) {
        const what = step.kind === 'kind-cluster' ? `kind cluster ${step.name}` : `namespace ${step.namespace}`;
        return { step, ok: false, message: `could not delete ${what}: ${error instanceof Error ? error.message : String(error)}` };
    }
}
/**
 * On SIGTERM/SIGINT (a cancelled job, Ctrl-C), stop the tools still running, clean up, and exit
 * with the signal's conventional code. Returns a function that removes the handlers.
 */
function cleanupOnSignals(plan, deps, stopTools) {
    const handler = (signal) => {
        stopTools();
        process.stderr.write(`kube-compat-gate: ${signal}: cleaning up the smoke test\n`);
        void plan.run(deps).then((outcomes) => {
            for (const o of outcomes)
                if (!o.ok)
                    process.stderr.write(`kube-compat-gate: ${o.message}\n`);
            process.exit(signal === 'SIGINT' ? 130 : 143);
        });
    };
    process.once('SIGTERM', handler);
    process.once('SIGINT', handler);
    return () => {
        process.off('SIGTERM', handler);
        process.off('SIGINT', handler);
    };
}

;// CONCATENATED MODULE: ./src/smoke/evidence.ts
/**
 * Collects what a smoke run saw (Pod statuses, Events, container logs, vcluster syncer logs) and
 * writes it to the evidence directory, which the action exposes for actions/upload-artifact.
 * The same texts feed the signature matcher, so what a finding quotes is what the files hold.
 */


/** Reads Pods, Events and logs of one namespace. Parts that cannot be read are noted, not fatal. */
async function collectNamespaceEvidence(client, namespace) {
    const pods = await client.listPods(namespace).catch(() => []);
    const events = await client.listEvents(namespace).catch(() => []);
    const logs = {};
    for (const pod of pods) {
        // A container that never started has no log; the API answers 400, which is evidence too.
        logs[pod.name] = await client.podLogs(namespace, pod.name).catch((error) => `(no log: ${error instanceof Error ? error.message : String(error)})`);
    }
    return { pods, events, logs };
}
/** The texts the signatures are matched against. */
function evidenceTexts(evidence, extra = {}) {
    const texts = [];
    for (const event of evidence.events) {
        texts.push({ source: `event ${event.involvedObject.kind}/${event.involvedObject.name} ${event.reason}`, text: event.message });
    }
    for (const pod of evidence.pods) {
        for (const c of pod.containerStatuses) {
            if (c.message)
                texts.push({ source: `pod ${pod.name} container ${c.name} ${c.reason ?? c.state}`, text: c.message });
        }
        for (const condition of pod.conditions) {
            if (condition.message)
                texts.push({ source: `pod ${pod.name} condition ${condition.type}`, text: condition.message });
        }
    }
    for (const [pod, log] of Object.entries(evidence.logs))
        texts.push({ source: `log ${pod}`, text: log });
    for (const [source, text] of Object.entries(extra))
        texts.push({ source, text });
    return texts;
}
/** Writes the evidence files; returns their names relative to `dir`. */
async function writeEvidence(dir, evidence, extra, summary) {
    await (0,promises_.mkdir)((0,external_node_path_.join)(dir, 'logs'), { recursive: true });
    const files = [
        ['summary.json', JSON.stringify(summary, null, 2)],
        ['pods.json', JSON.stringify(evidence.pods, null, 2)],
        ['events.json', JSON.stringify(evidence.events, null, 2)],
        ...Object.entries(evidence.logs).map(([pod, log]) => [`logs/${safeName(pod)}.log`, log]),
        ...Object.entries(extra).map(([name, text]) => [`logs/${safeName(name)}.log`, text])
    ];
    for (const [name, content] of files)
        await (0,promises_.writeFile)((0,external_node_path_.join)(dir, name), content.endsWith('\n') ? content : `${content}\n`);
    return files.map(([name]) => name);
}
function safeName(name) {
    return name.replace(/[^A-Za-z0-9._-]+/g, '_');
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
;// CONCATENATED MODULE: ./src/smoke/data/kind-node-images.json
const kind_node_images_namespaceObject = /*#__PURE__*/JSON.parse('{"$comment":"Node images each kind release lists under \'Images pre-built for this release\' (and \'Additional images\'). Use the @sha256 digest: kind requires it to guarantee an image built for that release. Rows v0.20.0-v0.26.0 were read from the kind release notes (v0.25.0 checked line by line against its release text) and cross-checked against a second, independent copy of the same lists (verified 2026-11-22). Rows v0.27.0-v0.30.0 (verified 2026-12-02; the GitHub release pages themselves could not be fetched): v0.30.0, v0.29.0 and v0.28.0 were read from a third-party copy of each release\'s text; v0.30.0 also matches, digest for digest, the lists that name kind v0.30.0 in cluster-api (test/infrastructure/kind/mapper.go) and redhat-developer/mapt (pkg/target/service/kind/api.go); v0.29.0 matches cluster-api\'s mapper.go digest for digest, and its 1.30 image is also listed under kind v0.29.0 in mapt and in one more project; v0.28.0 rests on the copy of its release text alone (no per-release list names it; the same four digests are pinned together, without a kind version, in at least three other projects). v0.27.0: no copy of its release text was found; all five images are listed under kind v0.27.0 in cluster-api\'s mapper.go, and 1.32, 1.31, 1.30 and 1.29 also in an earlier mapt (kind version per image) and in one more project\'s script pinned to kind v0.27.0; 1.32.2 is the default image that kind v0.27.0 prints in `kind version`; 1.33.0 is also what kind\'s own conformance submission (cncf/k8s-conformance v1.33/kind/README.md) uses with kind v0.27.0, \'from the release notes\'. No copy of kind\'s pkg/apis/config/defaults/image.go at these release tags was available.","releases":[{"kind":"0.30.0","notes":"https://github.com/kubernetes-sigs/kind/releases/tag/v0.30.0","images":{"1.34":"kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a","1.33":"kindest/node:v1.33.4@sha256:25a6018e48dfcaee478f4a59af81157a437f15e6e140bf103f85a2e7cd0cbbf2","1.32":"kindest/node:v1.32.8@sha256:abd489f042d2b644e2d033f5c2d900bc707798d075e8186cb65e3f1367a9d5a1","1.31":"kindest/node:v1.31.12@sha256:0f5cc49c5e73c0c2bb6e2df56e7df189240d83cf94edfa30946482eb08ec57d2"}},{"kind":"0.29.0","notes":"https://github.com/kubernetes-sigs/kind/releases/tag/v0.29.0","images":{"1.33":"kindest/node:v1.33.1@sha256:050072256b9a903bd914c0b2866828150cb229cea0efe5892e2b644d5dd3b34f","1.32":"kindest/node:v1.32.5@sha256:e3b2327e3a5ab8c76f5ece68936e4cafaa82edf58486b769727ab0b3b97a5b0d","1.31":"kindest/node:v1.31.9@sha256:b94a3a6c06198d17f59cca8c6f486236fa05e2fb359cbd75dabbfc348a10b211","1.30":"kindest/node:v1.30.13@sha256:397209b3d947d154f6641f2d0ce8d473732bd91c87d9575ade99049aa33cd648"}},{"kind":"0.28.0","notes":"https://github.com/kubernetes-sigs/kind/releases/tag/v0.28.0","images":{"1.33":"kindest/node:v1.33.1@sha256:8d866994839cd096b3590681c55a6fa4a071fdaf33be7b9660e5697d2ed13002","1.32":"kindest/node:v1.32.5@sha256:36187f6c542fa9b78d2d499de4c857249c5a0ac8cc2241bef2ccd92729a7a259","1.31":"kindest/node:v1.31.9@sha256:156da58ab617d0cb4f56bbdb4b493f4dc89725505347a4babde9e9544888bb92","1.30":"kindest/node:v1.30.13@sha256:8673291894dc400e0fb4f57243f5fdc6e355ceaa765505e0e73941aa1b6e0b80"}},{"kind":"0.27.0","notes":"https://github.com/kubernetes-sigs/kind/releases/tag/v0.27.0","images":{"1.33":"kindest/node:v1.33.0@sha256:02f73d6ae3f11ad5d543f16736a2cb2a63a300ad60e81dac22099b0b04784a4e","1.32":"kindest/node:v1.32.2@sha256:f226345927d7e348497136874b6d207e0b32cc52154ad8323129352923a3142f","1.31":"kindest/node:v1.31.6@sha256:28b7cbb993dfe093c76641a0c95807637213c9109b761f1d422c2400e22b8e87","1.30":"kindest/node:v1.30.10@sha256:4de75d0e82481ea846c0ed1de86328d821c1e6a6a91ac37bf804e5313670e507","1.29":"kindest/node:v1.29.14@sha256:8703bd94ee24e51b778d5556ae310c6c0fa67d761fae6379c8e0bb480e6fea29"}},{"kind":"0.26.0","notes":"https://github.com/kubernetes-sigs/kind/releases/tag/v0.26.0","images":{"1.32":"kindest/node:v1.32.0@sha256:c48c62eac5da28cdadcf560d1d8616cfa6783b58f0d94cf63ad1bf49600cb027","1.31":"kindest/node:v1.31.4@sha256:2cb39f7295fe7eafee0842b1052a599a4fb0f8bcf3f83d96c7f4864c357c6c30","1.30":"kindest/node:v1.30.8@sha256:17cd608b3971338d9180b00776cb766c50d0a0b6b904ab4ff52fd3fc5c6369bf","1.29":"kindest/node:v1.29.12@sha256:62c0672ba99a4afd7396512848d6fc382906b8f33349ae68fb1dbfe549f70dec"}},{"kind":"0.25.0","notes":"https://github.com/kubernetes-sigs/kind/releases/tag/v0.25.0","images":{"1.32":"kindest/node:v1.32.0@sha256:2458b423d635d7b01637cac2d6de7e1c1dca1148a2ba2e90975e214ca849e7cb","1.31":"kindest/node:v1.31.2@sha256:18fbefc20a7113353c7b75b5c869d7145a6abd6269154825872dc59c1329912e","1.30":"kindest/node:v1.30.6@sha256:b6d08db72079ba5ae1f4a88a09025c0a904af3b52387643c285442afb05ab994","1.29":"kindest/node:v1.29.10@sha256:3b2d8c31753e6c8069d4fc4517264cd20e86fd36220671fb7d0a5855103aa84b","1.28":"kindest/node:v1.28.15@sha256:a7c05c7ae043a0b8c818f5a06188bc2c4098f6cb59ca7d1856df00375d839251","1.27":"kindest/node:v1.27.16@sha256:2d21a61643eafc439905e18705b8186f3296384750a835ad7a005dceb9546d20","1.26":"kindest/node:v1.26.15@sha256:c79602a44b4056d7e48dc20f7504350f1e87530fe953428b792def00bc1076dd"}},{"kind":"0.24.0","notes":"https://github.com/kubernetes-sigs/kind/releases/tag/v0.24.0","images":{"1.31":"kindest/node:v1.31.0@sha256:53df588e04085fd41ae12de0c3fe4c72f7013bba32a20e7325357a1ac94ba865","1.30":"kindest/node:v1.30.4@sha256:976ea815844d5fa93be213437e3ff5754cd599b040946b5cca43ca45c2047114","1.29":"kindest/node:v1.29.8@sha256:d46b7aa29567e93b27f7531d258c372e829d7224b25e3fc6ffdefed12476d3aa","1.28":"kindest/node:v1.28.13@sha256:45d319897776e11167e4698f6b14938eb4d52eb381d9e3d7a9086c16c69a8110","1.27":"kindest/node:v1.27.17@sha256:3fd82731af34efe19cd54ea5c25e882985bafa2c9baefe14f8deab1737d9fabe","1.26":"kindest/node:v1.26.15@sha256:1cc15d7b1edd2126ef051e359bf864f37bbcf1568e61be4d2ed1df7a3e87b354","1.25":"kindest/node:v1.25.16@sha256:6110314339b3b44d10da7d27881849a87e092124afab5956f2e10ecdb463b025"}},{"kind":"0.23.0","notes":"https://github.com/kubernetes-sigs/kind/releases/tag/v0.23.0","images":{"1.30":"kindest/node:v1.30.0@sha256:047357ac0cfea04663786a612ba1eaba9702bef25227a794b52890dd8bcd692e","1.29":"kindest/node:v1.29.4@sha256:3abb816a5b1061fb15c6e9e60856ec40d56b7b52bcea5f5f1350bc6e2320b6f8","1.28":"kindest/node:v1.28.9@sha256:dca54bc6a6079dd34699d53d7d4ffa2e853e46a20cd12d619a09207e35300bd0","1.27":"kindest/node:v1.27.13@sha256:17439fa5b32290e3ead39ead1250dca1d822d94a10d26f1981756cd51b24b9d8","1.26":"kindest/node:v1.26.15@sha256:84333e26cae1d70361bb7339efb568df1871419f2019c80f9a12b7e2d485fe19","1.25":"kindest/node:v1.25.16@sha256:5da57dfc290ac3599e775e63b8b6c49c0c85d3fec771cd7d55b45fae14b38d3b"}},{"kind":"0.22.0","notes":"https://github.com/kubernetes-sigs/kind/releases/tag/v0.22.0","images":{"1.29":"kindest/node:v1.29.2@sha256:51a1434a5397193442f0be2a297b488b6c919ce8a3931be0ce822606ea5ca245","1.28":"kindest/node:v1.28.7@sha256:9bc6c451a289cf96ad0bbaf33d416901de6fd632415b076ab05f5fa7e4f65c58","1.27":"kindest/node:v1.27.11@sha256:681253009e68069b8e01aad36a1e0fa8cf18bb0ab3e5c4069b2e65cafdd70843","1.26":"kindest/node:v1.26.14@sha256:5d548739ddef37b9318c70cb977f57bf3e5015e4552be4e27e57280a8cbb8e4f","1.25":"kindest/node:v1.25.16@sha256:e8b50f8e06b44bb65a93678a65a26248fae585b3d3c2a669e5ca6c90c69dc519","1.24":"kindest/node:v1.24.17@sha256:bad10f9b98d54586cba05a7eaa1b61c6b90bfc4ee174fdc43a7b75ca75c95e51","1.23":"kindest/node:v1.23.17@sha256:14d0a9a892b943866d7e6be119a06871291c517d279aedb816a4b4bc0ec0a5b3"}},{"kind":"0.21.0","notes":"https://github.com/kubernetes-sigs/kind/releases/tag/v0.21.0","images":{"1.29":"kindest/node:v1.29.1@sha256:a0cc28af37cf39b019e2b448c54d1a3f789de32536cb5a5db61a49623e527144","1.28":"kindest/node:v1.28.6@sha256:b7e1cf6b2b729f604133c667a6be8aab6f4dde5bb042c1891ae248d9154f665b","1.27":"kindest/node:v1.27.10@sha256:3700c811144e24a6c6181065265f69b9bf0b437c45741017182d7c82b908918f","1.26":"kindest/node:v1.26.13@sha256:15ae92d507b7d4aec6e8920d358fc63d3b980493db191d7327541fbaaed1f789","1.25":"kindest/node:v1.25.16@sha256:9d0a62b55d4fe1e262953be8d406689b947668626a357b5f9d0cfbddbebbc727","1.24":"kindest/node:v1.24.17@sha256:ea292d57ec5dd0e2f3f5a2d77efa246ac883c051ff80e887109fabefbd3125c7","1.23":"kindest/node:v1.23.17@sha256:fbb92ac580fce498473762419df27fa8664dbaa1c5a361b5957e123b4035bdcf"}},{"kind":"0.20.0","notes":"https://github.com/kubernetes-sigs/kind/releases/tag/v0.20.0","images":{"1.28":"kindest/node:v1.28.0@sha256:b7a4cad12c197af3ba43202d3efe03246b3f0793f162afb40a33c923952d5b31","1.27":"kindest/node:v1.27.3@sha256:3966ac761ae0136263ffdb6cfd4db23ef8a83cba8a463690e98317add2c9ba72","1.26":"kindest/node:v1.26.6@sha256:6e2d8b28a5b601defe327b98bd1c2d1930b49e5d8c512e1895099e4504007adb","1.25":"kindest/node:v1.25.11@sha256:227fa11ce74ea76a0474eeefb84cb75d8dad1b08638371ecf0e86259b35be0c8","1.24":"kindest/node:v1.24.15@sha256:7db4f8bea3e14b82d12e044e25e34bd53754b7f2b0e9d56df21774e6f66a70ab","1.23":"kindest/node:v1.23.17@sha256:59c989ff8a517a93127d4a536e7014d28e235fb3529d9fba91b3951d461edfdb","1.22":"kindest/node:v1.22.17@sha256:f5b2e5698c6c9d6d0adc419c0deae21a425c07d81bbf3b6a6834042f25d4fba2","1.21":"kindest/node:v1.21.14@sha256:8a4e9bb3f415d2bb81629ce33ef9c76ba514c14d707f9797a01e3216376ba093"}}]}');
;// CONCATENATED MODULE: ./src/smoke/kind-images.ts
/**
 * Which kind node image to run for a Kubernetes version: the image, pinned by digest, that the
 * installed kind release lists for that minor. kind only guarantees images built for the release
 * in use, so a tag alone is not enough (see the release notes linked from the data file).
 */



const KindTable = schemas/* object */.Ikc({
    releases: schemas/* array */.YOg(schemas/* object */.Ikc({ kind: schemas/* string */.YjP(), notes: schemas/* url */.OZ5(), images: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP().regex(/^kindest\/node:v[\d.]+@sha256:[0-9a-f]{64}$/)) }))
});
const KIND_RELEASES = KindTable.parse(kind_node_images_namespaceObject).releases;
/** `kind v0.29.0 go1.24.2 linux/amd64` → `0.29.0`. */
function parseKindVersion(output) {
    return /\bv?(\d+\.\d+\.\d+)\b/.exec(output)?.[1];
}
/** `1.32.0`, `v1.32`, `1.32.0-k3s1` → `1.32`. */
function minorOf(version) {
    const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
    return match ? `${match[1]}.${match[2]}` : undefined;
}
/**
 * The node image for `kubernetesVersion` under `kindVersion`. Throws a UsageError naming the
 * versions this kind release supports (or the kind releases we know) when there is none.
 */
function kindNodeImage(kindVersion, kubernetesVersion) {
    const release = KIND_RELEASES.find((r) => r.kind === kindVersion);
    if (!release) {
        const known = KIND_RELEASES.map((r) => `v${r.kind}`).join(', ');
        throw new errors/* UsageError */.e(`kind v${kindVersion} is not in the node image table (known: ${known}); install one of those or pass --kubeconfig`);
    }
    const minor = minorOf(kubernetesVersion);
    const image = minor ? release.images[minor] : undefined;
    if (!image) {
        const supported = Object.keys(release.images).join(', ');
        throw new errors/* UsageError */.e(`kind v${kindVersion} has no node image for Kubernetes ${kubernetesVersion} (it supports ${supported}); see ${release.notes}`);
    }
    return { image, kindRelease: release.kind, notes: release.notes };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/smoke/tools.ts
/**
 * External tools (kind, helm, kubectl, docker) run through execFile with an argument array and a
 * timeout, never a shell, so nothing a repository declares can be interpreted as shell syntax.
 * The runner is an interface so tests can swap in fake executables or a recorder.
 */

/** A tool that failed. `missing` is set when the binary is not on PATH. */
class ToolError extends Error {
    tool;
    args;
    missing;
    stderr;
    name = 'ToolError';
    constructor(tool, args, message, missing = false, stderr = '') {
        super(message);
        this.tool = tool;
        this.args = args;
        this.missing = missing;
        this.stderr = stderr;
    }
}
const DEFAULT_TIMEOUT_MS = 10 * 60_000;
/** Children still running, so a signal handler can stop them before it cleans up. */
const running = new Set();
/** Sends SIGTERM to every tool this process started that is still running. */
function stopRunningTools() {
    for (const child of running)
        child.kill('SIGTERM');
}
function track(child) {
    running.add(child);
    child.once('exit', () => running.delete(child));
    child.once('error', () => running.delete(child));
    return child;
}
const execTools = {
    run(tool, args, options = {}) {
        return new Promise((resolve, reject) => {
            const child = (0,external_node_child_process_.execFile)(tool, [...args], { timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, killSignal: 'SIGTERM', maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
                if (!error)
                    return resolve({ stdout, stderr });
                const code = error.code;
                if (code === 'ENOENT')
                    return reject(new ToolError(tool, args, `${tool} is not installed (not found on PATH)`, true));
                const killed = error.killed;
                const last = lastLine(stderr) || lastLine(stdout);
                const why = killed ? `timed out after ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s` : `failed${last ? `: ${last}` : ''}`;
                reject(new ToolError(tool, args, `${tool} ${args[0] ?? ''} ${why}`.replace(/\s+/g, ' '), false, stderr));
            });
            track(child);
            if (options.input !== undefined)
                child.stdin?.end(options.input);
        });
    },
    start(tool, args) {
        return track((0,external_node_child_process_.spawn)(tool, [...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
    }
};
function lastLine(text) {
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    return lines[lines.length - 1] ?? '';
}

;// CONCATENATED MODULE: ./src/smoke/kind-cluster.ts
/**
 * A throwaway kind cluster at the declared host Kubernetes version. The node image is pinned by the
 * digest the installed kind release lists (kind-images.ts). The cleanup step is recorded before
 * `kind create` starts, so a signal during creation still deletes the half-made cluster.
 */






/** Checks that kind and a Docker engine are there; throws a one-line UsageError naming what is missing. */
async function requireKindAndDocker(tools) {
    const kind = await tools.run('kind', ['version'], { timeoutMs: 30_000 }).catch((error) => {
        throw new errors/* UsageError */.e(error instanceof ToolError && error.missing
            ? '--smoke needs kind: it is not installed (not on PATH); install kind or pass --kubeconfig FILE'
            : `--smoke needs kind: \`kind version\` failed (${error instanceof Error ? error.message : String(error)})`);
    });
    await tools.run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 30_000 }).catch((error) => {
        throw new errors/* UsageError */.e(error instanceof ToolError && error.missing
            ? '--smoke needs Docker for kind: docker is not installed (not on PATH); install Docker or pass --kubeconfig FILE'
            : '--smoke needs Docker for kind: the Docker engine is not reachable (`docker info` failed); start it or pass --kubeconfig FILE');
    });
    const version = parseKindVersion(kind.stdout);
    if (!version)
        throw new errors/* UsageError */.e(`--smoke: cannot read the kind version from "${kind.stdout.trim()}"`);
    return version;
}
async function createKindCluster(tools, cleanup, options) {
    const node = kindNodeImage(options.kindVersion, options.kubernetesVersion);
    const kubeconfig = (0,external_node_path_.join)(await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'kcg-kind-')), 'kubeconfig');
    cleanup.add({ kind: 'kind-cluster', name: options.name });
    await tools.run('kind', ['create', 'cluster', '--name', options.name, '--image', node.image, '--kubeconfig', kubeconfig, '--wait', `${options.timeoutSeconds}s`], { timeoutMs: (options.timeoutSeconds + 120) * 1000 });
    return { name: options.name, kubeconfig, node };
}

;// CONCATENATED MODULE: ./src/smoke/signatures.ts
const EXCERPT_CHARS = 400;
/** All entries whose signatures match some evidence; one match per entry (the first found). */
function matchSignatures(database, evidence) {
    const matches = [];
    for (const entry of database.entries) {
        const hit = firstHit(entry, evidence);
        if (hit)
            matches.push(hit);
    }
    return matches;
}
function firstHit(entry, evidence) {
    for (const signature of entry.signatures) {
        const pattern = new RegExp(signature);
        for (const item of evidence) {
            const lines = item.text.split('\n');
            for (const [index, line] of lines.entries()) {
                const found = pattern.exec(line);
                if (found)
                    return { entry, signature, source: item.source, excerpt: excerptAround(line, found.index), line: index };
            }
        }
    }
    return undefined;
}
/** The line, or a window of it around the match when it is long (syncer logs are JSON lines). */
function excerptAround(line, at) {
    const trimmed = line.trim();
    if (trimmed.length <= EXCERPT_CHARS)
        return trimmed;
    const start = Math.max(0, at - 100);
    return `${start > 0 ? '…' : ''}${line.slice(start, start + EXCERPT_CHARS).trim()}…`;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/smoke/vcluster.ts
/**
 * The vcluster part of a smoke run: `helm upgrade --install` of the vcluster chart at the declared
 * version with the repository's values and the declared virtual Kubernetes version, then a
 * connection to the virtual cluster that works on any runner without the vcluster CLI:
 * the chart stores the virtual cluster's kubeconfig in the Secret `vc-<release>`, and
 * `kubectl port-forward` (bound to loopback) reaches its API server.
 */






const VCLUSTER_CHART_REPO = 'https://charts.loft.sh';
const VCLUSTER_RELEASE = 'kcg-vcluster';
/** `--set` pairs that pin the virtual Kubernetes version, in the chart layout of that vcluster release. */
function virtualVersionValues(vclusterVersion, virtual) {
    const distro = virtual.distro === 'k8s' || virtual.distro === 'k0s' ? virtual.distro : 'k3s';
    const tag = virtual.raw.startsWith('v') ? virtual.raw : `v${virtual.raw}`;
    const vc = semver_default().coerce(vclusterVersion)?.version ?? vclusterVersion;
    if (semver_default().valid(vc) && semver_default().lt(vc, '0.20.0')) {
        // Before 0.20 the chart was per distro (this one is the k3s chart) and took a whole image.
        return distro === 'k3s' ? [`vcluster.image=rancher/k3s:${tag}`] : [];
    }
    const base = `controlPlane.distro.${distro}`;
    if (distro === 'k8s' && semver_default().valid(vc) && semver_default().lt(vc, '0.25.0'))
        return [`${base}.enabled=true`, `${base}.version=${tag}`];
    return [`${base}.enabled=true`, `${base}.image.tag=${tag}`];
}
/**
 * Values files as the vcluster chart itself expects them. An umbrella chart (a Chart.yaml that
 * depends on vcluster) keeps the vcluster values under the dependency's name; installed directly,
 * the chart needs that subtree, so it goes to a temporary file.
 */
async function chartValuesFiles(files, umbrellaKey) {
    if (!umbrellaKey)
        return [...files];
    const out = [];
    for (const file of files) {
        const values = (0,dist/* parseDocument */.Tp)(await (0,promises_.readFile)(file, 'utf8')).toJS();
        const subtree = values?.[umbrellaKey];
        if (typeof subtree !== 'object' || subtree === null)
            continue;
        const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'kcg-values-'));
        const target = (0,external_node_path_.join)(dir, 'values.yaml');
        await (0,promises_.writeFile)(target, (0,dist/* stringify */.As)(subtree));
        out.push(target);
    }
    return out;
}
/** The helm argv for the install; exported so tests can read exactly what would run. */
function helmInstallArgs(install) {
    const args = [
        'upgrade', '--install', VCLUSTER_RELEASE, 'vcluster',
        '--repo', VCLUSTER_CHART_REPO,
        '--version', install.vclusterVersion.replace(/^v/, ''),
        '--namespace', install.namespace, '--create-namespace',
        '--kubeconfig', install.hostKubeconfig
    ];
    for (const file of install.valuesFiles)
        args.push('--values', file);
    if (install.virtual)
        for (const pair of virtualVersionValues(install.vclusterVersion, install.virtual))
            args.push('--set', pair);
    args.push('--wait', '--timeout', `${install.timeoutSeconds}s`);
    return args;
}
async function installVcluster(tools, install) {
    await tools.run('helm', helmInstallArgs(install), { timeoutMs: (install.timeoutSeconds + 30) * 1000 });
}
/**
 * Reads the virtual cluster's kubeconfig from its Secret, forwards a loopback port to the
 * vcluster Service and returns a kubeconfig that points there.
 */
async function connectVcluster(tools, hostKubeconfig, namespace, deadline) {
    const secretArgs = ['get', 'secret', `vc-${VCLUSTER_RELEASE}`, '--kubeconfig', hostKubeconfig, '-n', namespace, '-o', 'jsonpath={.data.config}'];
    let encoded = '';
    for (;;) {
        encoded = (await tools.run('kubectl', secretArgs, { timeoutMs: 30_000 }).catch(() => ({ stdout: '' }))).stdout.trim();
        if (encoded || Date.now() > deadline)
            break;
        await new Promise((r) => setTimeout(r, 2000));
    }
    if (!encoded)
        throw new Error(`the vcluster did not publish its kubeconfig (Secret ${namespace}/vc-${VCLUSTER_RELEASE})`);
    const port = await freeLoopbackPort();
    const forward = tools.start('kubectl', [
        'port-forward', '--kubeconfig', hostKubeconfig, '-n', namespace, `svc/${VCLUSTER_RELEASE}`, `${port}:443`, '--address', '127.0.0.1'
    ]);
    await waitForForwarding(forward);
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'kcg-vcluster-'));
    const kubeconfig = (0,external_node_path_.join)(dir, 'kubeconfig');
    await (0,promises_.writeFile)(kubeconfig, pointKubeconfigAt(Buffer.from(encoded, 'base64').toString('utf8'), `https://127.0.0.1:${port}`), { mode: 0o600 });
    return { kubeconfig, stop: () => forward.kill('SIGTERM') };
}
/**
 * Points every cluster of a kubeconfig at `server`. The vcluster's serving certificate names
 * `localhost`, so the original host name is kept for TLS verification.
 */
function pointKubeconfigAt(kubeconfigYaml, server) {
    const doc = (0,dist/* parseDocument */.Tp)(kubeconfigYaml);
    const clusters = doc.get('clusters');
    for (const entry of clusters?.items ?? []) {
        const original = entry.getIn(['cluster', 'server']);
        if (typeof original === 'string') {
            const host = new URL(original).hostname;
            if (host !== '127.0.0.1')
                entry.setIn(['cluster', 'tls-server-name'], host);
        }
        entry.setIn(['cluster', 'server'], server);
    }
    return doc.toString();
}
async function freeLoopbackPort() {
    return new Promise((resolve, reject) => {
        const server = (0,external_node_net_.createServer)();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            const port = typeof address === 'object' && address ? address.port : 0;
            server.close(() => resolve(port));
        });
    });
}
function waitForForwarding(child) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('kubectl port-forward did not start within 30 s')), 30_000);
        child.stdout?.on('data', (chunk) => {
            if (chunk.toString().includes('Forwarding from')) {
                clearTimeout(timer);
                resolve();
            }
        });
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`kubectl port-forward exited (${code ?? 'signal'})`));
        });
        child.once('error', (error) => {
            clearTimeout(timer);
            reject(error);
        });
    });
}
/** The syncer's log, the place where #2472's error shows up. */
async function syncerLogs(tools, hostKubeconfig, namespace) {
    const result = await tools
        .run('kubectl', ['logs', '--kubeconfig', hostKubeconfig, '-n', namespace, '-l', 'app=vcluster', '--all-containers', '--tail', '5000'], { timeoutMs: 60_000 })
        .catch((error) => ({ stdout: `(no syncer log: ${error instanceof Error ? error.message : String(error)})` }));
    return result.stdout;
}

;// CONCATENATED MODULE: ./src/smoke/workload.ts
/**
 * Pure builders for the smoke workload: a namespace, a Burstable Pod and a one-replica Deployment.
 *
 * The Pod is deliberately Burstable (requests < limits) with an HTTP readiness probe: the vcluster
 * incident this tool guards against (status.qosClass immutable, loft-sh/vcluster#2472) only hits
 * Pods whose QoS class the syncer recomputes, and "Ready" proves the kubelet really ran and probed it.
 *
 * The container needs an image with busybox `sh` and `httpd`.
 */

const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
const MANAGED_BY = 'kube-compat-gate';
const NAME_LABEL = 'app.kubernetes.io/name';
const SMOKE_NAME = 'kcg-smoke';
const CONTAINER_NAME = 'smoke';
/** `kcg-smoke-<8 hex>`; pass a suffix to make it deterministic. */
function smokeNamespaceName(suffix = (0,external_node_crypto_.randomBytes)(4).toString('hex')) {
    return `${SMOKE_NAME}-${suffix}`;
}
function managedLabels() {
    return { [MANAGED_BY_LABEL]: MANAGED_BY };
}
function buildNamespace(name) {
    return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: managedLabels() } };
}
/** Pod spec shared by the Pod and the Deployment template. */
function podSpec(options) {
    const network = options.network ?? 'pod';
    const port = options.port ?? 8080;
    const listen = network === 'host-loopback' ? `127.0.0.1:${port}` : String(port);
    // The echo gives the logs a known line; `exec` makes httpd PID 1 so nothing lingers.
    const script = [
        'mkdir -p /tmp/www',
        'echo kcg-smoke-ok > /tmp/www/index.html',
        `echo "kcg-smoke: serving on ${listen}"`,
        `exec httpd -f -p ${listen} -h /tmp/www`
    ].join(' && ');
    return {
        ...(network === 'host-loopback' ? { hostNetwork: true } : {}),
        // httpd as PID 1 ignores SIGTERM; a short grace period keeps namespace deletion fast.
        terminationGracePeriodSeconds: 2,
        automountServiceAccountToken: false,
        securityContext: { runAsUser: 65534, runAsGroup: 65534, runAsNonRoot: true },
        containers: [
            {
                name: CONTAINER_NAME,
                image: options.image,
                ...(options.imagePullPolicy ? { imagePullPolicy: options.imagePullPolicy } : {}),
                command: ['sh', '-c', script],
                ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
                // requests < limits: Burstable QoS (see the file comment).
                resources: {
                    requests: { cpu: '10m', memory: '16Mi' },
                    limits: { cpu: '100m', memory: '64Mi' }
                },
                readinessProbe: {
                    httpGet: {
                        path: '/',
                        port,
                        ...(network === 'host-loopback' ? { host: '127.0.0.1' } : {})
                    },
                    periodSeconds: 2,
                    timeoutSeconds: 2,
                    failureThreshold: 3
                },
                securityContext: { allowPrivilegeEscalation: false }
            }
        ]
    };
}
function buildSmokePod(namespace, options) {
    return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
            name: `${SMOKE_NAME}-pod`,
            namespace,
            labels: { ...managedLabels(), [NAME_LABEL]: `${SMOKE_NAME}-pod` }
        },
        spec: { ...podSpec(options), restartPolicy: 'Always' }
    };
}
function buildSmokeDeployment(namespace, options) {
    const selector = { [NAME_LABEL]: `${SMOKE_NAME}-deployment` };
    return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `${SMOKE_NAME}-deployment`, namespace, labels: { ...managedLabels(), ...selector } },
        spec: {
            replicas: 1,
            progressDeadlineSeconds: 120,
            selector: { matchLabels: selector },
            template: {
                metadata: { labels: { ...managedLabels(), ...selector } },
                spec: podSpec(options)
            }
        }
    };
}

;// CONCATENATED MODULE: ./src/smoke/run-smoke.ts
/**
 * runSmoke: proves (or disproves) the static verdict on a running cluster.
 *
 * cluster (kind at the declared host version, or an existing one through a kubeconfig)
 *   → vcluster at the declared version, when the repository declares one
 *   → the smoke workload in a fresh namespace (Burstable Pod, one-replica Deployment, in-place resize)
 *   → wait with one deadline on Ready → evidence to a directory → signatures of every entry
 *   → cleanup, on every path.
 */











async function runSmoke(options) {
    const tools = options.tools ?? execTools;
    const connect = options.connect ?? (async (kubeconfig) => (await __webpack_require__.e(/* import() */ 195).then(__webpack_require__.bind(__webpack_require__, 9195))).createKubeClient(kubeconfig ? { kubeconfigPath: kubeconfig } : {}));
    const log = options.log ?? (() => { });
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    const remaining = () => Math.max(0, deadline - Date.now());
    const evidenceDir = (0,external_node_path_.resolve)(options.evidenceDir);
    await (0,promises_.mkdir)(evidenceDir, { recursive: true });
    const plan = new CleanupPlan(options.onCleanupPlan);
    const cleanupDeps = { tools, connect };
    const unhook = options.handleSignals === false ? () => { } : cleanupOnSignals(plan, cleanupDeps, stopRunningTools);
    const host = pick(options.declarations, (d) => d.component === 'kubernetes' && d.role !== 'virtual');
    const vcluster = pick(options.declarations, (d) => d.component === 'vcluster');
    const virtual = pick(options.declarations, (d) => d.component === 'kubernetes' && d.role === 'virtual');
    const namespace = smokeNamespaceName();
    const result = {
        passed: false,
        mode: options.kubeconfig === undefined ? 'kind' : 'kubeconfig',
        cluster: {
            ...(host ? { declaredHostVersion: host.version } : {}),
            ...(vcluster ? { vcluster: vcluster.version } : {}),
            ...(virtual ? { virtualVersion: virtual.version } : {})
        },
        warnings: [],
        namespace,
        evidenceDir,
        evidenceFiles: [],
        workload: { pod: 'not-run', deployment: 'not-run', resize: 'skipped', reasons: [] },
        matches: [],
        cleanup: [],
        kept: options.keep
    };
    let forward;
    let evidence = { pods: [], events: [], logs: {} };
    const extra = {};
    let client;
    let hostKubeconfig = options.kubeconfig;
    let vclusterNamespace;
    try {
        // 1. The host cluster.
        if (hostKubeconfig === undefined) {
            const kindVersion = await requireKindAndDocker(tools);
            const name = `kcg-smoke-${(0,external_node_crypto_.randomBytes)(3).toString('hex')}`;
            log(`creating kind cluster ${name} (kind v${kindVersion}, Kubernetes ${host?.version ?? '?'})`);
            const kind = await createKindCluster(tools, plan, {
                name,
                kindVersion,
                kubernetesVersion: host?.version ?? '',
                timeoutSeconds: Math.max(60, Math.round(remaining() / 1000))
            });
            hostKubeconfig = kind.kubeconfig;
            result.cluster.kindNodeImage = kind.node.image;
            result.cluster.kindRelease = kind.node.kindRelease;
        }
        const hostClient = await connect(hostKubeconfig);
        const server = await hostClient.serverVersion();
        result.cluster.serverVersion = server.gitVersion;
        log(`cluster ${options.kubeconfig ?? 'created by kind'}: Kubernetes ${server.gitVersion}${host ? ` (declared host: ${host.raw} at ${host.file}:${host.line})` : ''}`);
        if (host && !sameMinor(server.gitVersion, host.version)) {
            result.warnings.push(`the cluster runs Kubernetes ${server.gitVersion}, but ${host.file}:${host.line} declares ${host.raw}: the smoke test proves the cluster it ran on`);
        }
        // 2. vcluster, when declared: the workload then runs inside the virtual cluster.
        client = hostClient;
        if (vcluster && hostKubeconfig !== undefined) {
            vclusterNamespace = `${namespace}-vcluster`;
            if (options.kubeconfig !== undefined)
                plan.add({ kind: 'namespace', namespace: vclusterNamespace, kubeconfig: options.kubeconfig });
            const valuesFiles = await chartValuesFiles(unique(options.declarations.filter((d) => d.source === 'vcluster-values').map((d) => (0,external_node_path_.join)(options.root, d.file))), 
            // A Chart.yaml dependency means an umbrella chart: its values nest under the dependency name.
            vcluster.source === 'helm-chart' ? 'vcluster' : undefined);
            log(`installing vcluster ${vcluster.version}${virtual ? ` with Kubernetes ${virtual.raw}` : ''} in ${vclusterNamespace}`);
            await installVcluster(tools, {
                vclusterVersion: vcluster.version,
                namespace: vclusterNamespace,
                hostKubeconfig,
                valuesFiles,
                ...(virtual ? { virtual: { raw: virtual.raw, version: virtual.version, ...(virtual.distro ? { distro: virtual.distro } : {}) } } : {}),
                timeoutSeconds: Math.max(30, Math.round(remaining() / 1000))
            });
            forward = await connectVcluster(tools, hostKubeconfig, vclusterNamespace, deadline);
            client = await connect(forward.kubeconfig);
        }
        // 3. The workload, in a fresh namespace. In a vcluster it goes away with the vcluster's namespace.
        if (!vclusterNamespace && options.kubeconfig !== undefined)
            plan.add({ kind: 'namespace', namespace, kubeconfig: options.kubeconfig });
        await client.createNamespace(namespace, managedLabels());
        log(`workload in namespace ${namespace}; waiting up to ${Math.round(remaining() / 1000)} s for Ready`);
        const port = options.port ?? 8080;
        const workload = { image: options.image, ...(options.network ? { network: options.network } : {}) };
        const pod = buildSmokePod(namespace, { ...workload, port });
        const deployment = buildSmokeDeployment(namespace, { ...workload, port: port + 1 });
        await client.createPod(namespace, pod);
        await client.createDeployment(namespace, deployment);
        // 4. One deadline for everything.
        const podOutcome = await waitWatchingEvidence(client, namespace, options.database, remaining, options.evidenceCheckMs ?? EVIDENCE_CHECK_MS, (slice) => client.waitForPodReady(namespace, pod.metadata?.name ?? '', slice));
        result.workload.pod = podOutcome.state;
        if (podOutcome.reason)
            result.workload.reasons.push(`Pod: ${podOutcome.reason}`);
        // A Pod that is proven broken gives the Deployment no chance either; do not wait twice.
        const deploymentOutcome = await client.waitForDeploymentReady(namespace, deployment.metadata?.name ?? '', podOutcome.state === 'ready' ? remaining() : 0);
        result.workload.deployment = deploymentOutcome.state;
        if (deploymentOutcome.reason)
            result.workload.reasons.push(`Deployment: ${deploymentOutcome.reason}`);
        if (podOutcome.state === 'ready')
            result.workload.resize = await resizeWithoutRestart(client, namespace, pod.metadata?.name ?? '', remaining, result);
        // 5. Evidence.
        evidence = await collectNamespaceEvidence(client, namespace);
    }
    catch (error) {
        // A usage problem (no kind, no node image for the version) is not a smoke result: exit 2.
        if (error instanceof errors/* UsageError */.e) {
            if (!options.keep)
                await plan.run(cleanupDeps);
            unhook();
            throw error;
        }
        result.error = error instanceof Error ? error.message : String(error);
        if (client)
            evidence = await collectNamespaceEvidence(client, namespace).catch(() => evidence);
    }
    try {
        if (vclusterNamespace && hostKubeconfig !== undefined)
            extra['vcluster-syncer'] = await syncerLogs(tools, hostKubeconfig, vclusterNamespace);
        // 6. Signatures over everything, then what stays unexplained.
        const texts = evidenceTexts(evidence, { ...extra, ...(result.error ? { 'smoke error': result.error } : {}) });
        result.matches = matchSignatures(options.database, texts);
        const healthy = !result.error && result.workload.pod === 'ready' && result.workload.deployment === 'ready' && result.workload.resize !== 'restarted';
        if (!healthy && result.matches.length === 0)
            result.unexplained = explain(result, evidence);
        result.passed = healthy && result.matches.length === 0;
        result.evidenceFiles = await writeEvidence(evidenceDir, evidence, extra, summaryOf(result));
    }
    finally {
        forward?.stop();
        // 7. Cleanup, unless asked to keep.
        if (!options.keep)
            result.cleanup = await plan.run(cleanupDeps);
        for (const outcome of result.cleanup)
            log(`cleanup: ${outcome.message}`);
        unhook();
    }
    return result;
}
/** How often the wait looks at the Events for a known incident. */
const EVIDENCE_CHECK_MS = 15_000;
/**
 * Waits in slices and, between them, matches the namespace's Events against the database: once a
 * known incident shows (the #2472 SyncError appears within seconds), waiting out the deadline
 * would only delay the verdict.
 */
async function waitWatchingEvidence(client, namespace, database, remaining, checkMs, wait) {
    for (;;) {
        const outcome = await wait(Math.min(checkMs, remaining()));
        if (outcome.state !== 'timeout' || remaining() <= 0)
            return outcome;
        const events = await client.listEvents(namespace).catch(() => []);
        const known = matchSignatures(database, events.map((e) => ({ source: e.reason, text: e.message })));
        if (known.length > 0) {
            const ids = known.map((m) => m.entry.id).join(', ');
            return { ...outcome, reason: `${outcome.reason ? `${outcome.reason}; ` : ''}stopped waiting: the Events show ${ids}` };
        }
    }
}
/**
 * Resize the running container through the `resize` subresource and check it did not restart.
 * CPU is raised within the limits' ratio so the Pod stays Burstable.
 */
async function resizeWithoutRestart(client, namespace, name, remaining, result) {
    const before = (await client.listPods(namespace)).find((p) => p.name === name)?.containerStatuses[0]?.restartCount ?? 0;
    const resize = await client.resizePod(namespace, name, CONTAINER_NAME, { requests: { cpu: '20m' }, limits: { cpu: '200m' } });
    if (resize.kind === 'unsupported')
        return 'unsupported';
    const after = await client.waitForPodReady(namespace, name, Math.min(remaining(), 30_000));
    const restarts = after.containerStatuses[0]?.restartCount ?? 0;
    if (restarts > before || after.state !== 'ready') {
        result.workload.reasons.push(`in-place resize: the container restarted (${before} → ${restarts} restarts)${after.reason ? `: ${after.reason}` : ''}`);
        return 'restarted';
    }
    return 'resized';
}
function explain(result, evidence) {
    const reason = result.error ?? (result.workload.reasons.join('; ') || 'the smoke workload did not become Ready');
    // The longest Warning usually carries the cause ("Failed to pull image …: …"); the short ones repeat it.
    const warning = evidence.events.filter((e) => e.type === 'Warning').sort((a, b) => b.message.length - a.message.length)[0];
    const excerpt = warning ? `${warning.reason}: ${warning.message}` : reason;
    return { reason, excerpt: excerpt.length > 400 ? `${excerpt.slice(0, 400)}…` : excerpt };
}
function summaryOf(result) {
    const { matches, ...rest } = result;
    return { ...rest, matches: matches.map((m) => ({ id: m.entry.id, signature: m.signature, source: m.source, excerpt: m.excerpt })) };
}
function pick(declarations, test) {
    const candidates = declarations.filter(test);
    return candidates.find((d) => !d.constraint && !d.implied) ?? candidates.find((d) => !d.constraint);
}
function sameMinor(gitVersion, declared) {
    const a = /^v?(\d+)\.(\d+)/.exec(gitVersion);
    const b = /^v?(\d+)\.(\d+)/.exec(declared);
    return Boolean(a && b && a[1] === b[1] && a[2] === b[2]);
}
function unique(items) {
    return [...new Set(items)];
}


/***/ })

};
