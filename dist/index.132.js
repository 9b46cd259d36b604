export const id = 132;
export const ids = [132];
export const modules = {

/***/ 132:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SMOKE_FAILED_ID: () => (/* binding */ SMOKE_FAILED_ID),
/* harmony export */   mergeRuntimeFindings: () => (/* binding */ mergeRuntimeFindings)
/* harmony export */ });
const SMOKE_FAILED_ID = 'smoke-workload-not-ready';
function mergeRuntimeFindings(findings, smoke, declarations) {
    const merged = findings.map((finding) => ({ ...finding }));
    const anchor = anchorOf(declarations);
    const unpredicted = [];
    const explained = new Set();
    for (const match of smoke.matches) {
        const evidence = { source: match.source, excerpt: match.excerpt, signature: match.signature };
        const existing = merged.filter((f) => f.id === match.entry.id && f.status !== 'fixed');
        for (const finding of existing)
            Object.assign(finding, { confirmedAtRuntime: true, evidence });
        if (existing.length > 0)
            explained.add(evidenceKey(match));
        else
            unpredicted.push(match);
    }
    for (const match of unpredicted) {
        // Two entries can share an error text (vcluster#2472 and #3578 both log the qosClass
        // rejection): a line a predicted finding explains is not blamed on the other one too.
        if (explained.has(evidenceKey(match)))
            continue;
        const evidence = { source: match.source, excerpt: match.excerpt, signature: match.signature };
        merged.push({
            id: match.entry.id,
            severity: match.entry.severity,
            title: match.entry.title,
            message: `The smoke test saw this happen (${match.source}): ${match.excerpt}`,
            remediation: match.entry.remediation,
            references: [...match.entry.references],
            certainty: 'affected',
            ...anchor.location,
            declarations: anchor.declarations,
            confirmedAtRuntime: true,
            evidence
        });
    }
    if (smoke.unexplained) {
        merged.push({
            id: SMOKE_FAILED_ID,
            severity: 'error',
            title: 'The smoke workload did not become Ready, and no database entry explains why',
            message: `${smoke.unexplained.reason}. Evidence: ${smoke.unexplained.excerpt} (all of it in ${smoke.evidenceDir})`,
            remediation: 'Read the evidence directory (Pod statuses, Events, logs). If it is a known incompatibility, add its error text as a signature to the database entry.',
            references: [],
            certainty: 'affected',
            ...anchor.location,
            declarations: anchor.declarations,
            evidence: { source: 'smoke test', excerpt: smoke.unexplained.excerpt }
        });
    }
    return merged;
}
function evidenceKey(match) {
    return `${match.source}:${match.line}`;
}
/** Runtime findings point at the version that chose what ran: vcluster, else the host Kubernetes. */
function anchorOf(declarations) {
    const primary = declarations.find((d) => d.component === 'vcluster' && !d.implied) ??
        declarations.find((d) => d.component === 'kubernetes' && !d.implied) ??
        declarations[0];
    if (!primary)
        return { location: { file: '.', line: 1, column: 1 }, declarations: [] };
    return { location: { file: primary.file, line: primary.line, column: primary.column }, declarations: [primary] };
}


/***/ })

};
