export const id = 195;
export const ids = [195];
export const modules = {

/***/ 9195:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createKubeClient: () => (/* binding */ createKubeClient)
});

;// CONCATENATED MODULE: ./src/smoke/cluster-error.ts
/**
 * ClusterError: a failed Kubernetes API call, with the user-facing parts of the server's answer.
 *
 * client-node 1.4 throws ApiException, whose message embeds the raw body and response headers and
 * whose `.body` is the unparsed JSON of a k8s Status. We keep only what helps a user: HTTP status,
 * Status.reason, Status.message and the field causes. No stack traces or headers reach users.
 */
class ClusterError extends Error {
    operation;
    status;
    reason;
    detail;
    causes;
    name = 'ClusterError';
    constructor(
    /** what we tried, e.g. "create Pod kcg-smoke-ab12/smoke" */
    operation, 
    /** HTTP status; 0 when the server could not be reached */
    status, 
    /** k8s Status reason (NotFound, Invalid, Forbidden, ...) or Unreachable/Unknown */
    reason, detail, causes = []) {
        super(`${operation}: ${detail}${status > 0 ? ` (HTTP ${status} ${reason})` : ''}`);
        this.operation = operation;
        this.status = status;
        this.reason = reason;
        this.detail = detail;
        this.causes = causes;
    }
}
/** The Status object from an ApiException body, which is a JSON string on 1.4 and parsed on 2.x. */
function parseStatus(body) {
    let value = body;
    if (typeof value === 'string') {
        try {
            value = JSON.parse(value);
        }
        catch {
            return undefined;
        }
    }
    return typeof value === 'object' && value !== null ? value : undefined;
}
const FALLBACK_REASONS = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    409: 'AlreadyExists',
    422: 'Invalid',
    429: 'TooManyRequests',
    500: 'InternalError',
    503: 'ServiceUnavailable',
    504: 'Timeout'
};
function isApiException(err) {
    return typeof err === 'object' && err !== null && typeof err.code === 'number' && 'body' in err;
}
/** The Status details of an ApiException (e.g. to tell "pod not found" from "no such resource"). */
function statusOf(err) {
    return isApiException(err) ? parseStatus(err.body) : undefined;
}
/** Turn anything thrown by a client-node call into a ClusterError. Duck-typed: no client-node import. */
function toClusterError(err, operation) {
    if (err instanceof ClusterError)
        return err;
    if (isApiException(err)) {
        const status = parseStatus(err.body);
        const reason = status?.reason || FALLBACK_REASONS[err.code] || 'Unknown';
        const detail = status?.message || `the API server answered HTTP ${err.code}`;
        return new ClusterError(operation, err.code, reason, detail, status?.details?.causes ?? []);
    }
    // node-fetch FetchError / system errors: connection refused, TLS, DNS.
    const code = typeof err === 'object' && err !== null ? err.code : undefined;
    const message = err instanceof Error ? err.message : String(err);
    const firstLine = message.split('\n')[0] ?? message;
    return new ClusterError(operation, 0, 'Unreachable', `cannot reach the API server${typeof code === 'string' ? ` (${code})` : ''}: ${firstLine}`);
}

;// CONCATENATED MODULE: ./src/smoke/pod-state.ts
/**
 * Waiting reasons that never clear up by themselves, so waiting for the deadline only wastes time.
 * (ImagePullBackOff and CrashLoopBackOff can still recover and are left to the deadline.)
 */
const TERMINAL_WAITING_REASONS = new Set([
    'ErrImageNeverPull',
    'InvalidImageName',
    'CreateContainerConfigError'
]);
function summariseContainer(status) {
    const { waiting, running, terminated } = status.state ?? {};
    const base = { name: status.name, image: status.image, ready: status.ready, restartCount: status.restartCount };
    if (waiting)
        return { ...base, state: 'waiting', ...defined({ reason: waiting.reason, message: waiting.message }) };
    if (terminated)
        return {
            ...base,
            state: 'terminated',
            exitCode: terminated.exitCode,
            ...defined({ reason: terminated.reason, message: terminated.message })
        };
    if (running)
        return { ...base, state: 'running' };
    return { ...base, state: 'unknown' };
}
/** Drop undefined values so results compare and print cleanly (exactOptional-friendly). */
function defined(fields) {
    const out = {};
    for (const [key, value] of Object.entries(fields))
        if (value !== undefined && value !== '')
            out[key] = value;
    return out;
}
function summarisePod(pod) {
    const conditions = (pod.status?.conditions ?? []).map((c) => ({
        type: c.type,
        status: c.status,
        ...defined({ reason: c.reason, message: c.message })
    }));
    return {
        name: pod.metadata?.name ?? '',
        phase: pod.status?.phase ?? 'Unknown',
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        conditions,
        containerStatuses: [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map(summariseContainer)
    };
}
/** Is the Pod Ready, beyond help, or still worth waiting for? `reason` explains a not-ready Pod. */
function classifyPod(summary) {
    const ready = summary.conditions.find((c) => c.type === 'Ready');
    if (ready?.status === 'True')
        return { state: 'ready' };
    const reason = notReadyReason(summary);
    if (summary.phase === 'Failed' || summary.phase === 'Succeeded')
        return { state: 'failed', reason };
    const stuck = summary.containerStatuses.find((c) => c.state === 'waiting' && TERMINAL_WAITING_REASONS.has(c.reason ?? ''));
    if (stuck)
        return { state: 'failed', reason };
    return { state: 'pending', reason };
}
function notReadyReason(summary) {
    for (const c of summary.containerStatuses) {
        if (c.state === 'waiting' && c.reason)
            return `container ${c.name}: ${c.reason}${c.message ? `: ${c.message}` : ''}`;
        if (c.state === 'terminated')
            return `container ${c.name} terminated: ${c.reason ?? 'exit'} (exit code ${c.exitCode ?? '?'})`;
    }
    const failing = summary.conditions.find((c) => c.status !== 'True' && (c.reason || c.message));
    if (failing)
        return `${failing.type}=${failing.status}: ${[failing.reason, failing.message].filter(Boolean).join(': ')}`;
    const notReady = summary.containerStatuses.find((c) => !c.ready);
    if (notReady)
        return `container ${notReady.name} is ${notReady.state} but not ready (readiness probe)`;
    return `phase ${summary.phase}`;
}
/** Same rule as `kubectl rollout status`: the controller saw this generation and all replicas are updated and ready. */
function classifyDeployment(deployment) {
    const wanted = deployment.spec?.replicas ?? 1;
    const status = deployment.status ?? {};
    const counts = {
        replicas: wanted,
        readyReplicas: status.readyReplicas ?? 0,
        updatedReplicas: status.updatedReplicas ?? 0
    };
    const conditions = (status.conditions ?? []).map((c) => ({
        type: c.type,
        status: c.status,
        ...defined({ reason: c.reason, message: c.message })
    }));
    const observed = (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 1);
    if (observed && counts.updatedReplicas >= wanted && counts.readyReplicas >= wanted && (status.replicas ?? 0) <= wanted)
        return { state: 'ready', ...counts, conditions };
    const progressing = conditions.find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded')
        return { state: 'failed', ...counts, conditions, reason: progressing.message ?? progressing.reason };
    const failure = conditions.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
    const reason = failure
        ? `ReplicaFailure: ${failure.message ?? failure.reason ?? ''}`
        : `${counts.readyReplicas}/${wanted} replicas ready, ${counts.updatedReplicas} updated`;
    return { state: 'pending', ...counts, conditions, reason };
}
function iso(value) {
    if (value === undefined || value === null)
        return undefined;
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
function normaliseEvent(event) {
    const lastTimestamp = iso(event.lastTimestamp) ?? iso(event.eventTime) ?? iso(event.firstTimestamp);
    return {
        type: event.type ?? 'Normal',
        reason: event.reason ?? '',
        message: event.message ?? '',
        involvedObject: { kind: event.involvedObject.kind ?? '', name: event.involvedObject.name ?? '' },
        count: event.count ?? 1,
        ...(lastTimestamp ? { lastTimestamp } : {})
    };
}
/** Oldest first; events without a time go first (they are usually the oldest). */
function sortEvents(events) {
    return [...events].sort((a, b) => (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? ''));
}

;// CONCATENATED MODULE: ./src/smoke/kube-client.ts


/** Load client-node and a kubeconfig, and return a ClusterClient. Throws ClusterError on a bad kubeconfig. */
async function createKubeClient(options = {}) {
    const k8s = await __webpack_require__.e(/* import() */ 959).then(__webpack_require__.bind(__webpack_require__, 6959));
    const kc = new k8s.KubeConfig();
    const source = options.kubeconfigPath ?? 'the default kubeconfig';
    try {
        if (options.kubeconfigPath)
            kc.loadFromFile(options.kubeconfigPath);
        else
            kc.loadFromDefault();
    }
    catch (err) {
        const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
        throw new ClusterError(`load ${source}`, 0, 'InvalidKubeconfig', message ?? 'unreadable');
    }
    if (!kc.getCurrentCluster()) {
        throw new ClusterError(`load ${source}`, 0, 'InvalidKubeconfig', 'the current context names no cluster');
    }
    const apis = {
        core: kc.makeApiClient(k8s.CoreV1Api),
        apps: kc.makeApiClient(k8s.AppsV1Api),
        version: kc.makeApiClient(k8s.VersionApi),
        objects: k8s.KubernetesObjectApi.makeApiClient(kc),
        strategicMerge: k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch)
    };
    return new KubeClient(apis, options.pollIntervalMs ?? 1000);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
class KubeClient {
    apis;
    pollIntervalMs;
    constructor(apis, pollIntervalMs) {
        this.apis = apis;
        this.pollIntervalMs = pollIntervalMs;
    }
    /** Run one API call; anything it throws becomes a ClusterError naming the operation. */
    async call(operation, fn) {
        try {
            return await fn();
        }
        catch (err) {
            throw toClusterError(err, operation);
        }
    }
    /** Poll `probe` until it returns a result or the deadline passes; `onTimeout` builds the last answer. */
    async poll(timeoutMs, probe) {
        const start = Date.now();
        for (;;) {
            const waited = Date.now() - start;
            const result = await probe(waited);
            if (result !== undefined)
                return result;
            const remaining = timeoutMs - (Date.now() - start);
            await sleep(Math.max(0, Math.min(this.pollIntervalMs, remaining)));
        }
    }
    async serverVersion() {
        const info = await this.call('read server version', () => this.apis.version.getCode());
        return { gitVersion: info.gitVersion, major: info.major, minor: info.minor, platform: info.platform };
    }
    async createNamespace(name, labels) {
        const ns = await this.call(`create Namespace ${name}`, () => this.apis.core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } } }));
        return { name: ns.metadata?.name ?? name, uid: ns.metadata?.uid ?? '' };
    }
    async deleteNamespace(name, timeoutMs) {
        const start = Date.now();
        const exists = async () => {
            try {
                await this.apis.core.readNamespace({ name });
                return true;
            }
            catch (err) {
                if (statusCode(err) === 404)
                    return false;
                throw toClusterError(err, `read Namespace ${name}`);
            }
        };
        try {
            await this.apis.core.deleteNamespace({ name });
        }
        catch (err) {
            if (statusCode(err) !== 404)
                throw toClusterError(err, `delete Namespace ${name}`);
        }
        return this.poll(timeoutMs, async () => {
            const gone = !(await exists());
            const waitedMs = Date.now() - start;
            if (gone || waitedMs >= timeoutMs)
                return { gone, waitedMs };
            return undefined;
        });
    }
    async createPod(namespace, pod) {
        const created = await this.call(`create Pod ${namespace}/${pod.metadata?.name ?? '?'}`, () => this.apis.core.createNamespacedPod({ namespace, body: pod }));
        return ref(created.metadata, namespace);
    }
    async createDeployment(namespace, deployment) {
        const created = await this.call(`create Deployment ${namespace}/${deployment.metadata?.name ?? '?'}`, () => this.apis.apps.createNamespacedDeployment({ namespace, body: deployment }));
        return ref(created.metadata, namespace);
    }
    async dryRunCreate(manifest) {
        const where = manifest.metadata?.namespace ? `${manifest.metadata.namespace}/` : '';
        const operation = `dry-run create ${manifest.kind} ${where}${manifest.metadata?.name ?? '?'}`;
        // KubernetesObjectApi picks the endpoint from apiVersion/kind, so any kind works.
        const result = await this.call(operation, () => this.apis.objects.create(manifest, undefined, 'All'));
        return result;
    }
    async waitForPodReady(namespace, name, timeoutMs) {
        return this.poll(timeoutMs, async (waitedMs) => {
            const pod = await this.call(`read Pod ${namespace}/${name}`, () => this.apis.core.readNamespacedPod({ namespace, name }));
            const summary = summarisePod(pod);
            const verdict = classifyPod(summary);
            const base = { phase: summary.phase, conditions: summary.conditions, containerStatuses: summary.containerStatuses, waitedMs };
            const reason = verdict.reason ? { reason: verdict.reason } : {};
            if (verdict.state !== 'pending')
                return { state: verdict.state, ...base, ...reason };
            if (waitedMs >= timeoutMs)
                return { state: 'timeout', ...base, ...reason };
            return undefined;
        });
    }
    async waitForDeploymentReady(namespace, name, timeoutMs) {
        return this.poll(timeoutMs, async (waitedMs) => {
            const deployment = await this.call(`read Deployment ${namespace}/${name}`, () => this.apis.apps.readNamespacedDeployment({ namespace, name }));
            const { state, ...rest } = classifyDeployment(deployment);
            if (state !== 'pending')
                return { state, ...rest, waitedMs };
            if (waitedMs >= timeoutMs)
                return { state: 'timeout', ...rest, waitedMs };
            return undefined;
        });
    }
    async listEvents(namespace, involvedObjectName) {
        const list = await this.call(`list Events in ${namespace}`, () => this.apis.core.listNamespacedEvent({
            namespace,
            ...(involvedObjectName ? { fieldSelector: `involvedObject.name=${involvedObjectName}` } : {})
        }));
        return sortEvents(list.items.map(normaliseEvent));
    }
    async podLogs(namespace, pod, container) {
        return this.call(`read logs of Pod ${namespace}/${pod}${container ? ` container ${container}` : ''}`, () => this.apis.core.readNamespacedPodLog({ namespace, name: pod, ...(container ? { container } : {}) }));
    }
    async listPods(namespace, labelSelector) {
        const list = await this.call(`list Pods in ${namespace}`, () => this.apis.core.listNamespacedPod({ namespace, ...(labelSelector ? { labelSelector } : {}) }));
        return list.items.map(summarisePod);
    }
    async resizePod(namespace, name, container, resources) {
        const operation = `resize Pod ${namespace}/${name}`;
        try {
            const pod = await this.apis.core.patchNamespacedPodResize({ namespace, name, body: { spec: { containers: [{ name: container, resources }] } } }, this.apis.strategicMerge);
            const applied = pod.spec?.containers.find((c) => c.name === container)?.resources ?? {};
            return {
                kind: 'resized',
                resources: {
                    ...(applied.requests ? { requests: applied.requests } : {}),
                    ...(applied.limits ? { limits: applied.limits } : {})
                }
            };
        }
        catch (err) {
            // A 404 naming our Pod means the Pod is missing; any other 404 means the route itself
            // is unknown: the server predates the pods/resize subresource (Kubernetes < 1.33).
            const status = statusOf(err);
            if (statusCode(err) === 404 && status?.details?.name !== name) {
                return { kind: 'unsupported', status: 404, message: status?.message ?? 'the server has no pods/resize subresource' };
            }
            throw toClusterError(err, operation);
        }
    }
}
function statusCode(err) {
    const code = typeof err === 'object' && err !== null ? err.code : undefined;
    return typeof code === 'number' ? code : undefined;
}
function ref(metadata, namespace) {
    return { namespace, name: metadata?.name ?? '', uid: metadata?.uid ?? '' };
}


/***/ })

};
